package dev.gatehouse.keys;

import dev.gatehouse.model.SigningKey;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks the JWS signature of a token against one of a pool's keys, with that key's algorithm and
 * no other (the caller has already refused a header whose {@code alg} differs: RFC 8725 §3.1).
 * Signatures are read in their JWS form only: an RS256 signature is exactly the modulus length
 * (JW-09), an ES256 signature exactly 64 bytes {@code R || S} with r, s in [1, n − 1]
 * ({@link EcdsaSignatures}; CVE-2022-21449). Public keys are parsed once per kid.
 */
public final class JwsSignatures {

    private final Map<String, PublicKey> publicKeys = new ConcurrentHashMap<>();

    /** Whether {@code signature} is {@code key}'s signature over {@code signingInput}; never throws. */
    public boolean valid(SigningKey key, byte[] signingInput, byte[] signature) {
        PublicKey publicKey = publicKeys.computeIfAbsent(key.kid(), kid -> SigningKeys.publicKey(key));
        try {
            Signature verifier;
            byte[] jcaSignature;
            switch (key.algorithm()) {
                case RS256 -> {
                    if (signature.length != (((RSAPublicKey) publicKey).getModulus().bitLength() + 7) / 8) {
                        return false; // truncated or padded signatures (JW-09)
                    }
                    verifier = CryptoProvider.signature("SHA256withRSA");
                    jcaSignature = signature;
                }
                case ES256 -> {
                    jcaSignature = EcdsaSignatures.joseToDer(signature);
                    if (jcaSignature == null) {
                        return false; // not 64 bytes (a DER signature, say), or r or s zero or out of range
                    }
                    verifier = CryptoProvider.signature("SHA256withECDSA");
                }
                default -> {
                    return false;
                }
            }
            verifier.initVerify(publicKey);
            verifier.update(signingInput);
            return verifier.verify(jcaSignature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
