package dev.gatehouse.keys;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The native (AWS-LC) and the JDK's AES-GCM seal the same format: a value sealed by either opens
 * with the other, and neither opens a value bound to another row or altered.
 */
class SealerTest {

    private static final String CONTEXT = "client_secret:abcdefghijklmnopqrstuvwxyz:abcdefghijklmnopqrstuvwxyz--1";

    @Test
    void valuesSealedByTheNativeProviderOpenWithTheJdksAndTheOtherWayRound() {
        Provider nativeProvider = nativeProvider();
        MasterKey key = MasterKey.generate();
        Sealer jdk = jdkOnly(key);
        Sealer accp = nativeOnly(key, nativeProvider);
        for (int length : new int[] {0, 1, 24, 64, 1218}) {
            byte[] plaintext = new byte[length];
            for (int i = 0; i < length; i++) {
                plaintext[i] = (byte) (i * 31 + length);
            }
            String byJdk = jdk.seal(plaintext, CONTEXT);
            String byAccp = accp.seal(plaintext, CONTEXT);

            assertThat(accp.open(byJdk, CONTEXT)).isEqualTo(plaintext);
            assertThat(jdk.open(byAccp, CONTEXT)).isEqualTo(plaintext);
            assertThat(jdk.open(byJdk, CONTEXT)).isEqualTo(plaintext);
            assertThat(accp.open(byAccp, CONTEXT)).isEqualTo(plaintext);
            assertThat(accp.isSealed(byAccp)).isTrue();
            assertThat(byAccp).startsWith("v1." + key.id() + ".");
            // nonce (12) + ciphertext + tag (16), whichever provider sealed it
            assertThat(Base64.getDecoder().decode(byAccp.substring(byAccp.lastIndexOf('.') + 1)))
                    .hasSize(12 + length + 16);
        }
    }

    @Test
    void neitherProviderOpensAValueOfAnotherRowOrAnAlteredOne() {
        MasterKey key = MasterKey.generate();
        for (Sealer sealer : new Sealer[] {jdkOnly(key), nativeOnly(key, nativeProvider())}) {
            for (Sealer other : new Sealer[] {jdkOnly(key), nativeOnly(key, nativeProvider())}) {
                String sealed = other.seal("a-client-secret-value-0123456789".getBytes(StandardCharsets.UTF_8), CONTEXT);
                assertThatThrownBy(() -> sealer.open(sealed, CONTEXT + "x"))
                        .isInstanceOf(Sealer.SealException.class)
                        .hasMessage("a sealed value does not open under the configured master key");
                byte[] raw = Base64.getDecoder().decode(sealed.substring(sealed.lastIndexOf('.') + 1));
                raw[raw.length - 20] ^= 1;
                String altered = sealed.substring(0, sealed.lastIndexOf('.') + 1) + Base64.getEncoder().encodeToString(raw);
                assertThatThrownBy(() -> sealer.open(altered, CONTEXT)).isInstanceOf(Sealer.SealException.class);
                // The cipher a failure leaves behind still opens the next good value
                assertThat(sealer.open(sealed, CONTEXT)).asString(StandardCharsets.UTF_8)
                        .isEqualTo("a-client-secret-value-0123456789");
            }
        }
    }

    @Test
    void theServersSealerOpensKeysAndSecretsSealedByEitherProvider() {
        MasterKey key = MasterKey.generate();
        Sealer server = new Sealer(key);
        byte[] secret = new byte[Sealer.NATIVE_FROM_BYTES - 1];
        byte[] privateKey = new byte[1218];
        for (Sealer other : new Sealer[] {jdkOnly(key), nativeOnly(key, nativeProvider())}) {
            assertThat(server.open(other.seal(secret, CONTEXT), CONTEXT)).isEqualTo(secret);
            assertThat(server.open(other.seal(privateKey, CONTEXT), CONTEXT)).isEqualTo(privateKey);
            assertThat(other.open(server.seal(secret, CONTEXT), CONTEXT)).isEqualTo(secret);
            assertThat(other.open(server.seal(privateKey, CONTEXT), CONTEXT)).isEqualTo(privateKey);
        }
    }

    private static Sealer jdkOnly(MasterKey key) {
        return new Sealer(key, Optional::empty, 0);
    }

    private static Sealer nativeOnly(MasterKey key, Provider provider) {
        return new Sealer(key, () -> Optional.of(provider), 0);
    }

    private static Provider nativeProvider() {
        Optional<Provider> provider = CryptoProvider.aes();
        Assumptions.assumeTrue(provider.isPresent(), "the native provider does not load on this platform");
        return provider.get();
    }
}
