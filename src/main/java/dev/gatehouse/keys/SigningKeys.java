package dev.gatehouse.keys;

import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import dev.gatehouse.model.Ids;
import dev.gatehouse.model.KeyPurpose;
import dev.gatehouse.model.SigningAlgorithm;
import dev.gatehouse.model.SigningKey;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates pool signing keys and turns stored keys into signers, once per key: parsing a PKCS#8
 * key and handing the native provider a key it owns is what makes signing fast (BUILD.md §5).
 * A key's algorithm decides everything: RS256 keys are RSA-2048, ES256 keys P-256 (secp256r1).
 */
public final class SigningKeys {

    /**
     * RSA-2048 pairs made ahead of need: about 0.1 s of CPU each, two per pool. Eight pairs are four
     * pools' worth, a few MiB at most. P-256 pairs take well under a millisecond and need no reserve.
     */
    private static final KeyReserve RSA_RESERVE =
            new KeyReserve("gatehouse-rsa-key-reserve", 8, () -> generatePair(SigningAlgorithm.RS256));

    private final Map<String, JWSSigner> signers = new ConcurrentHashMap<>();

    /**
     * A new key of {@code algorithm} from SecureRandom, created now, signing from {@code activateAt};
     * an RS256 key takes its material from the reserve when a pair is ready there.
     */
    public static SigningKey generate(String poolId, KeyPurpose purpose, SigningAlgorithm algorithm, Instant now,
                                      Instant activateAt) {
        KeyPair pair = algorithm == SigningAlgorithm.RS256 ? RSA_RESERVE.take() : generatePair(algorithm);
        return new SigningKey(poolId, Ids.keyId(), purpose, algorithm,
                pair.getPrivate().getEncoded(), pair.getPublic().getEncoded(), now, activateAt, null);
    }

    /** The reserve RS256 keys come from (tests look at it). */
    static KeyReserve rsaReserve() {
        return RSA_RESERVE;
    }

    /** A fresh pair of {@code algorithm}'s key type from the provider's SecureRandom. */
    static KeyPair generatePair(SigningAlgorithm algorithm) {
        try {
            KeyPairGenerator generator = CryptoProvider.keyPairGenerator(keyFamily(algorithm));
            switch (algorithm) {
                case RS256 -> generator.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4));
                case ES256 -> generator.initialize(new ECGenParameterSpec("secp256r1"));
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " key generation failed", e);
        }
    }

    /**
     * The pair a new pool starts with: one RS256 key for access tokens, one for ID tokens (as
     * Cognito), signing from {@code now} rounded down to the second — a token picks its key by its
     * {@code iat}, which is whole seconds, so a key activated at 10.7 s would be passed over by a
     * token issued at 10.9 s.
     */
    public static List<SigningKey> newPoolKeys(String poolId, Instant now) {
        return newKeyPair(poolId, SigningAlgorithm.DEFAULT, now, now.truncatedTo(ChronoUnit.SECONDS));
    }

    /** A new access-token key and ID-token key of {@code algorithm}, signing from {@code activateAt}. */
    public static List<SigningKey> newKeyPair(String poolId, SigningAlgorithm algorithm, Instant now, Instant activateAt) {
        return List.of(generate(poolId, KeyPurpose.ACCESS, algorithm, now, activateAt),
                generate(poolId, KeyPurpose.ID, algorithm, now, activateAt));
    }

    /** The signer of a key, built on first use and kept; it signs with the key's algorithm only. */
    public JWSSigner signer(SigningKey key) {
        return signers.computeIfAbsent(key.kid(), kid -> buildSigner(key));
    }

    /** The key's public half, parsed by the native provider when there is one (for verifying). */
    public static PublicKey publicKey(SigningKey key) {
        try {
            return CryptoProvider.keyFactory(keyFamily(key.algorithm()))
                    .generatePublic(new X509EncodedKeySpec(key.publicKeyX509()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored public key does not parse", e);
        }
    }

    /** The JCA key algorithm of a JWS algorithm's keys. */
    static String keyFamily(SigningAlgorithm algorithm) {
        return switch (algorithm) {
            case RS256 -> "RSA";
            case ES256 -> "EC";
        };
    }

    private static JWSSigner buildSigner(SigningKey key) {
        try {
            KeyFactory factory = CryptoProvider.keyFactory(keyFamily(key.algorithm()));
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(key.privateKeyPkcs8()));
            return switch (key.algorithm()) {
                case RS256 -> new ReusedSignatureSigner(privateKey, CryptoProvider.rsa().orElse(null));
                // ECDSASigner signs with the JCA's SHA256withECDSA and transcodes its DER output to R || S.
                case ES256 -> {
                    JWSSigner signer = new ECDSASigner(privateKey, Curve.P_256);
                    CryptoProvider.ec().ifPresent(p -> signer.getJCAContext().setProvider(p));
                    yield signer;
                }
            };
        } catch (GeneralSecurityException | com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException("a stored private key does not parse", e);
        }
    }
}
