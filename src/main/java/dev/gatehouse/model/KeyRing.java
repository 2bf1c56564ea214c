package dev.gatehouse.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A pool's signing keys and their states at an instant, derived from the keys' times alone — no
 * scheduler, no stored state — so every node that holds the same keys agrees at every instant
 * (docs/key-rotation.md). For each purpose:
 * <ul>
 *   <li>PENDING: {@code activationDate > now}; published in JWKS, not signing.</li>
 *   <li>ACTIVE: the newest non-revoked key with {@code activationDate <= now}; signs.</li>
 *   <li>RETIRED: an older non-revoked key; published until the key that replaced it became active
 *       plus the longest token lifetime plus the clock-skew allowance, then EXPIRED (unpublished).</li>
 *   <li>REVOKED: {@code revocationDate <= now}; never published, never signs.</li>
 * </ul>
 */
public final class KeyRing {

    /** The longest access or ID token lifetime Cognito allows (1 day, SPEC §3.4 AccessTokenValidity). */
    public static final Duration MAX_TOKEN_LIFETIME = Duration.ofDays(1);
    /** Verifiers with clocks this far behind still accept tokens up to this long after their exp. */
    public static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofMinutes(5);

    /** "Newest" means latest activation; creation and kid only break ties, so the order is total. */
    private static final Comparator<SigningKey> ACTIVATION_ORDER = Comparator.comparing(SigningKey::activationDate)
            .thenComparing(SigningKey::creationDate)
            .thenComparing(SigningKey::kid);

    private final List<SigningKey> keys;

    public KeyRing(List<SigningKey> keys) {
        this.keys = List.copyOf(keys);
    }

    public List<SigningKey> keys() {
        return keys;
    }

    /** The key that signs tokens of {@code purpose} at {@code now}, if any. */
    public Optional<SigningKey> activeKey(KeyPurpose purpose, Instant now) {
        SigningKey active = null;
        for (SigningKey key : keys) {
            if (key.purpose() == purpose && !key.revokedAt(now) && !key.activationDate().isAfter(now)
                    && (active == null || ACTIVATION_ORDER.compare(key, active) > 0)) {
                active = key;
            }
        }
        return Optional.ofNullable(active);
    }

    /** The keys the JWKS lists at {@code now}: pending, active and retired-but-unexpired, in ring order. */
    public List<SigningKey> publishedKeys(Instant now) {
        return keys.stream().filter(key -> state(key, now).published()).toList();
    }

    /** Whether a key of either purpose is waiting for its activation at {@code now}. */
    public boolean hasPending(Instant now) {
        return keys.stream().anyMatch(key -> state(key, now) == KeyState.PENDING);
    }

    public KeyState state(SigningKey key, Instant now) {
        Objects.requireNonNull(key, "key");
        if (key.revokedAt(now)) {
            return KeyState.REVOKED;
        }
        if (key.activationDate().isAfter(now)) {
            return KeyState.PENDING;
        }
        if (activeKey(key.purpose(), now).filter(active -> active.kid().equals(key.kid())).isPresent()) {
            return KeyState.ACTIVE;
        }
        Instant replaced = replacementDate(key, now).orElse(now);
        return now.isBefore(replaced.plus(MAX_TOKEN_LIFETIME).plus(CLOCK_SKEW_ALLOWANCE))
                ? KeyState.RETIRED : KeyState.EXPIRED;
    }

    /**
     * When the key stopped signing: the activation of the first later key of its purpose that
     * ever signed (a key revoked before its activation never did).
     */
    public Optional<Instant> replacementDate(SigningKey key, Instant now) {
        return keys.stream()
                .filter(other -> other.purpose() == key.purpose() && ACTIVATION_ORDER.compare(other, key) > 0)
                .filter(other -> !other.activationDate().isAfter(now))
                .filter(other -> other.revocationDate() == null || other.revocationDate().isAfter(other.activationDate()))
                .min(ACTIVATION_ORDER)
                .map(SigningKey::activationDate);
    }
}
