package dev.gatehouse.keys;

import dev.gatehouse.model.SigningKey;

import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a pool's public keys as a JWK Set exactly as Cognito serves it (SPEC §2.3): an RS256 key
 * with members in alphabetical order {@code alg, e, kid, kty, n, use}; an ES256 key (Gatehouse's
 * option) likewise {@code alg, crv, kid, kty, use, x, y} (RFC 7518 §6.2.1). Public parts only, never
 * {@code d}, primes or exponents of the private key (SECURITY KS-01).
 */
public final class JwksDocument {

    private JwksDocument() {
    }

    public static String render(List<SigningKey> keys) {
        return keys.stream().map(JwksDocument::jwk).collect(Collectors.joining(",", "{\"keys\":[", "]}"));
    }

    private static String jwk(SigningKey key) {
        return switch (key.algorithm()) {
            case RS256 -> {
                RSAPublicKey publicKey = (RSAPublicKey) SigningKeys.publicKey(key);
                yield "{\"alg\":\"" + key.algorithm() + "\",\"e\":\"" + base64Url(publicKey.getPublicExponent())
                        + "\",\"kid\":\"" + key.kid() + "\",\"kty\":\"RSA\",\"n\":\"" + base64Url(publicKey.getModulus())
                        + "\",\"use\":\"sig\"}";
            }
            case ES256 -> {
                ECPublicKey publicKey = (ECPublicKey) SigningKeys.publicKey(key);
                yield "{\"alg\":\"" + key.algorithm() + "\",\"crv\":\"P-256\",\"kid\":\"" + key.kid()
                        + "\",\"kty\":\"EC\",\"use\":\"sig\",\"x\":\"" + coordinate(publicKey.getW().getAffineX())
                        + "\",\"y\":\"" + coordinate(publicKey.getW().getAffineY()) + "\"}";
            }
        };
    }

    /** RFC 7518 §6.3.1: unsigned big-endian, base64url without padding. */
    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** RFC 7518 §6.2.1.2: the full coordinate size, 32 bytes for P-256, left-padded with zeros. */
    private static String coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[EcdsaSignatures.P256_COORDINATE_BYTES];
        int length = Math.min(bytes.length, fixed.length);
        System.arraycopy(bytes, bytes.length - length, fixed, fixed.length - length, length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }
}
