package dev.gatehouse.model;

import java.util.Optional;

/**
 * The JWS algorithm of a pool's signing keys (docs/key-rotation.md). Each key is made for, and
 * verified with, exactly one algorithm (RFC 8725 §3.1); a pool's policy names the algorithm of the
 * keys its next rotation makes. The enum names are the JWS {@code alg} values.
 */
public enum SigningAlgorithm {
    /** RSASSA-PKCS1-v1_5 with SHA-256 over an RSA-2048 key: what Cognito signs with, and the default. */
    RS256,
    /** ECDSA over P-256 with SHA-256: much cheaper signatures, and shorter tokens (64-byte signatures). */
    ES256;

    public static final SigningAlgorithm DEFAULT = RS256;

    /** The algorithm whose JWS name is exactly {@code name}; empty for anything else (none, HS256, es256, …). */
    public static Optional<SigningAlgorithm> named(Object name) {
        for (SigningAlgorithm algorithm : values()) {
            if (algorithm.name().equals(name)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }
}
