package dev.gatehouse.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A pool's signing key, RSA-2048 or P-256 as its {@code algorithm} says; the key signs and verifies
 * with that algorithm only. {@code privateKeyPkcs8} is plaintext in memory only (sealed at rest);
 * {@code toString} never shows it. Its state is not stored: {@link KeyRing} derives it from
 * {@code activationDate} and {@code revocationDate} at each instant.
 *
 * @param activationDate when it starts signing (after its pre-publication)
 * @param revocationDate when it was removed in an emergency, or null
 */
public record SigningKey(
        String poolId,
        String kid,
        KeyPurpose purpose,
        SigningAlgorithm algorithm,
        byte[] privateKeyPkcs8,
        byte[] publicKeyX509,
        Instant creationDate,
        Instant activationDate,
        Instant revocationDate) {

    public SigningKey {
        Objects.requireNonNull(poolId, "poolId");
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(privateKeyPkcs8, "privateKeyPkcs8");
        Objects.requireNonNull(publicKeyX509, "publicKeyX509");
        Objects.requireNonNull(creationDate, "creationDate");
        Objects.requireNonNull(activationDate, "activationDate");
    }

    /** Whether the key has been revoked at {@code now}. */
    public boolean revokedAt(Instant now) {
        return revocationDate != null && !revocationDate.isAfter(now);
    }

    /** The same key, signing from {@code when}. */
    public SigningKey activatingAt(Instant when) {
        return new SigningKey(poolId, kid, purpose, algorithm, privateKeyPkcs8, publicKeyX509, creationDate,
                when, revocationDate);
    }

    @Override
    public String toString() {
        return "SigningKey[" + poolId + " " + kid + " " + purpose + " " + algorithm + " active from " + activationDate
                + (revocationDate != null ? " revoked " + revocationDate : "") + "]";
    }
}
