package dev.gatehouse.keys;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JWS {@code R || S} → DER, checked against the JDK's own P1363 ↔ DER pair: every real signature
 * converts to a DER signature the provider verifies; every malformed or zero one converts to nothing.
 */
class EcdsaSignaturesTest {

    private static final byte[] MESSAGE = "eyJraWQiOiJ4IiwiYWxnIjoiRVMyNTYifQ.e30".getBytes(StandardCharsets.US_ASCII);

    @Test
    void joseToDerWhenRealSignaturesThenTheProviderVerifiesTheDerForm() throws Exception {
        KeyPair pair = p256();
        Signature p1363 = Signature.getInstance("SHA256withECDSAinP1363Format");
        int sawLeadingZeroPad = 0;
        for (int i = 0; i < 200; i++) {
            p1363.initSign(pair.getPrivate());
            p1363.update(MESSAGE);
            byte[] jose = p1363.sign();
            assertThat(jose).hasSize(64);
            byte[] der = EcdsaSignatures.joseToDer(jose);
            Signature verifier = CryptoProvider.signature("SHA256withECDSA");
            verifier.initVerify(pair.getPublic());
            verifier.update(MESSAGE);
            assertThat(verifier.verify(der)).as("signature %d", i).isTrue();
            if ((jose[0] & 0x80) != 0) {
                sawLeadingZeroPad++;
                assertThat(der[4]).as("a high r gets a 0x00 sign byte").isZero();
            }
        }
        assertThat(sawLeadingZeroPad).as("half the r values have their top bit set").isPositive();
    }

    @Test
    void joseToDerWhenSmallValuesThenMinimalIntegers() {
        byte[] jose = new byte[64];
        jose[31] = 1;
        jose[63] = 0x7f;
        assertThat(HexFormat.of().formatHex(EcdsaSignatures.joseToDer(jose))).isEqualTo("300602010102017f");
        jose[63] = (byte) 0x80;
        assertThat(HexFormat.of().formatHex(EcdsaSignatures.joseToDer(jose))).isEqualTo("300702010102020080");
    }

    @Test
    void joseToDerWhenZeroOutOfRangeOrWrongLengthThenNothing() throws Exception {
        byte[] good = new byte[64];
        good[31] = 1;
        good[63] = 1;
        assertThat(EcdsaSignatures.joseToDer(good)).isNotNull();

        assertThat(EcdsaSignatures.joseToDer(new byte[64])).as("r = s = 0, CVE-2022-21449").isNull();
        byte[] zeroR = good.clone();
        zeroR[31] = 0;
        assertThat(EcdsaSignatures.joseToDer(zeroR)).as("r = 0").isNull();
        byte[] zeroS = good.clone();
        zeroS[63] = 0;
        assertThat(EcdsaSignatures.joseToDer(zeroS)).as("s = 0").isNull();

        byte[] n = unsigned32(EcdsaSignatures.P256_ORDER);
        byte[] rIsN = good.clone();
        System.arraycopy(n, 0, rIsN, 0, 32);
        assertThat(EcdsaSignatures.joseToDer(rIsN)).as("r = n").isNull();
        byte[] sIsN = good.clone();
        System.arraycopy(n, 0, sIsN, 32, 32);
        assertThat(EcdsaSignatures.joseToDer(sIsN)).as("s = n").isNull();
        byte[] sIsNMinus1 = good.clone();
        System.arraycopy(unsigned32(EcdsaSignatures.P256_ORDER.subtract(BigInteger.ONE)), 0, sIsNMinus1, 32, 32);
        assertThat(EcdsaSignatures.joseToDer(sIsNMinus1)).as("s = n - 1 is in range").isNotNull();
        byte[] allOnes = new byte[64];
        Arrays.fill(allOnes, (byte) 0xff);
        assertThat(EcdsaSignatures.joseToDer(allOnes)).as("r, s > n").isNull();

        assertThat(EcdsaSignatures.joseToDer(null)).isNull();
        assertThat(EcdsaSignatures.joseToDer(new byte[0])).isNull();
        assertThat(EcdsaSignatures.joseToDer(Arrays.copyOf(good, 63))).isNull();
        assertThat(EcdsaSignatures.joseToDer(Arrays.copyOf(good, 65))).isNull();
        Signature der = Signature.getInstance("SHA256withECDSA");
        der.initSign(p256().getPrivate());
        der.update(MESSAGE);
        assertThat(EcdsaSignatures.joseToDer(der.sign())).as("a DER signature is not read as JWS").isNull();
    }

    private static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static byte[] unsigned32(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return Arrays.copyOfRange(bytes, bytes.length - 32, bytes.length);
    }
}
