package dev.gatehouse.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A pool's RSA signing key. {@code privateKeyPkcs8} is plaintext in memory only (sealed at rest);
 * {@code toString} never shows it.
 */
public record SigningKey(
        String poolId,
        String kid,
        KeyPurpose purpose,
        KeyState state,
        String algorithm,
        byte[] privateKeyPkcs8,
        byte[] publicKeyX509,
        Instant creationDate) {

    public SigningKey {
        Objects.requireNonNull(poolId, "poolId");
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(privateKeyPkcs8, "privateKeyPkcs8");
        Objects.requireNonNull(publicKeyX509, "publicKeyX509");
        Objects.requireNonNull(creationDate, "creationDate");
    }

    @Override
    public String toString() {
        return "SigningKey[" + poolId + " " + kid + " " + purpose + " " + state + "]";
    }
}
