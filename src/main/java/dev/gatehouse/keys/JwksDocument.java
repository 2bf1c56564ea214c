package dev.gatehouse.keys;

import dev.gatehouse.model.SigningKey;

import java.math.BigInteger;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a pool's public keys as a JWK Set exactly as Cognito serves it (SPEC §2.3): members in
 * alphabetical order {@code alg, e, kid, kty, n, use}; public parts only, never {@code d}, primes
 * or exponents of the private key (SECURITY KS-01).
 */
public final class JwksDocument {

    private JwksDocument() {
    }

    public static String render(List<SigningKey> keys) {
        return keys.stream().map(JwksDocument::jwk).collect(Collectors.joining(",", "{\"keys\":[", "]}"));
    }

    private static String jwk(SigningKey key) {
        RSAPublicKey publicKey = SigningKeys.publicKey(key);
        return "{\"alg\":\"" + key.algorithm() + "\",\"e\":\"" + base64Url(publicKey.getPublicExponent())
                + "\",\"kid\":\"" + key.kid() + "\",\"kty\":\"RSA\",\"n\":\"" + base64Url(publicKey.getModulus())
                + "\",\"use\":\"sig\"}";
    }

    /** RFC 7518 §6.3.1: unsigned big-endian, base64url without padding. */
    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
