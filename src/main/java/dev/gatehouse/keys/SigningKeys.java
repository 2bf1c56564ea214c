package dev.gatehouse.keys;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import dev.gatehouse.model.Ids;
import dev.gatehouse.model.KeyPurpose;
import dev.gatehouse.model.SigningKey;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
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
 */
public final class SigningKeys {

    public static final String RS256 = JWSAlgorithm.RS256.getName();

    private final Map<String, JWSSigner> signers = new ConcurrentHashMap<>();

    /** A new RSA-2048 key (e = 65537) from SecureRandom, created now, signing from {@code activateAt}. */
    public static SigningKey generate(String poolId, KeyPurpose purpose, Instant now, Instant activateAt) {
        try {
            KeyPairGenerator generator = CryptoProvider.rsa().isPresent()
                    ? KeyPairGenerator.getInstance("RSA", CryptoProvider.rsa().get())
                    : KeyPairGenerator.getInstance("RSA");
            generator.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4));
            KeyPair pair = generator.generateKeyPair();
            return new SigningKey(poolId, Ids.keyId(), purpose, RS256,
                    pair.getPrivate().getEncoded(), pair.getPublic().getEncoded(), now, activateAt, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation failed", e);
        }
    }

    /**
     * The pair a new pool starts with: one key for access tokens, one for ID tokens, signing from
     * {@code now} rounded down to the second — a token picks its key by its {@code iat}, which is
     * whole seconds, so a key activated at 10.7 s would be passed over by a token issued at 10.9 s.
     */
    public static List<SigningKey> newPoolKeys(String poolId, Instant now) {
        return newKeyPair(poolId, now, now.truncatedTo(ChronoUnit.SECONDS));
    }

    /** A new access-token key and ID-token key, signing from {@code activateAt}. */
    public static List<SigningKey> newKeyPair(String poolId, Instant now, Instant activateAt) {
        return List.of(generate(poolId, KeyPurpose.ACCESS, now, activateAt),
                generate(poolId, KeyPurpose.ID, now, activateAt));
    }

    /** The signer of a key, built on first use and kept. */
    public JWSSigner signer(SigningKey key) {
        return signers.computeIfAbsent(key.kid(), kid -> buildSigner(key));
    }

    public static RSAPublicKey publicKey(SigningKey key) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(key.publicKeyX509()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored public key does not parse", e);
        }
    }

    private static JWSSigner buildSigner(SigningKey key) {
        try {
            KeyFactory factory = CryptoProvider.rsa().isPresent()
                    ? KeyFactory.getInstance("RSA", CryptoProvider.rsa().get())
                    : KeyFactory.getInstance("RSA");
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(key.privateKeyPkcs8()));
            return new ReusedSignatureSigner(privateKey, CryptoProvider.rsa().orElse(null));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored private key does not parse", e);
        }
    }
}
