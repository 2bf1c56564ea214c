package dev.gatehouse.manage;

import dev.gatehouse.keys.SigningKeys;
import dev.gatehouse.model.Failure;
import dev.gatehouse.model.KeyPurpose;
import dev.gatehouse.model.KeyRing;
import dev.gatehouse.model.KeyState;
import dev.gatehouse.model.SigningKey;
import dev.gatehouse.model.SigningKeyPolicy;
import dev.gatehouse.observe.AuditEvent;
import dev.gatehouse.observe.AuditLog;
import dev.gatehouse.store.DirectoryHolder;
import dev.gatehouse.store.KeyChange;
import dev.gatehouse.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Signing-key rotation of a pool (docs/key-rotation.md; Cognito never rotates keys). A rotation
 * adds a new access key and ID key that are published at once and sign from
 * {@code now + pre-publication}; the states that follow are derived from time by {@link KeyRing},
 * so no node has to be told when the new keys start signing. An emergency rotation instead makes
 * the new keys sign at once and revokes the keys signing until then (and any pending ones): they
 * leave the JWKS immediately. Each rotation is one store transaction under the pool's lock.
 */
public final class KeyRotationService {

    /** Actor of rotations nobody asked for. */
    public static final String SYSTEM = "system";
    private static final Logger LOG = LoggerFactory.getLogger(KeyRotationService.class);

    /** What a rotation did: the keys it added and the keys it revoked (emergency only). */
    public record Rotation(String poolId, List<SigningKey> added, List<String> revokedKids) {
    }

    /** A key with its state at the instant of the description. */
    public record KeyView(SigningKey key, KeyState state) {
    }

    public record Description(List<KeyView> keys, SigningKeyPolicy policy, Duration prePublication) {
    }

    private final Store store;
    private final DirectoryHolder directory;
    private final Clock clock;
    private final Duration defaultPrePublication;
    private final Duration rotationPeriodUnit;
    private final AuditLog audit;

    /**
     * @param rotationPeriodUnit what one day of {@code RotationPeriodDays} lasts: one day, except in
     *                           tests that prove automatic rotation without waiting for days
     */
    public KeyRotationService(Store store, DirectoryHolder directory, Clock clock, Duration defaultPrePublication,
                              Duration rotationPeriodUnit, AuditLog audit) {
        this.store = Objects.requireNonNull(store, "store");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.defaultPrePublication = Objects.requireNonNull(defaultPrePublication, "defaultPrePublication");
        this.rotationPeriodUnit = Objects.requireNonNull(rotationPeriodUnit, "rotationPeriodUnit");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /**
     * Starts a rotation. A normal rotation is refused while an earlier one is still pending (its
     * keys would be replaced before anyone verified with them); an emergency rotation always runs.
     */
    public Rotation rotate(String region, String poolId, boolean emergency, String actor) {
        PoolLookup.require(store, region, poolId);
        Instant now = clock.instant();
        if (!emergency) {
            refuseWhilePending(poolId, new KeyRing(store.keysOf(poolId)), now);
        }
        Rotation rotation = emergency ? emergencyRotation(poolId, now) : normalRotation(poolId, now);
        directory.refresh(poolId);
        for (String kid : rotation.revokedKids()) {
            audit.record(new AuditEvent(now, "SigningKeyRevoked", AuditEvent.SUCCESS, actor, null, kid,
                    Map.of("pool", poolId, "reason", "emergency rotation")));
        }
        LOG.info("Rotated the signing keys of {}{}: new {} keys {} sign from {}", poolId, emergency ? " (emergency)" : "",
                rotation.added().get(0).algorithm(), kids(rotation.added()), rotation.added().get(0).activationDate());
        return rotation;
    }

    /** The pool's keys with their states now, never key material, and its policy. */
    public Description describe(String region, String poolId) {
        PoolLookup.require(store, region, poolId);
        KeyRing ring = new KeyRing(store.keysOf(poolId));
        Instant now = clock.instant();
        SigningKeyPolicy policy = store.keyPolicy(poolId);
        return new Description(ring.keys().stream().map(key -> new KeyView(key, ring.state(key, now))).toList(),
                policy, policy.prePublication(defaultPrePublication));
    }

    /** The pre-publication delay a pool with this policy uses. */
    public Duration prePublication(SigningKeyPolicy policy) {
        return policy.prePublication(defaultPrePublication);
    }

    /**
     * Replaces the pool's policy as a whole (absent members return to the defaults). A new algorithm
     * applies to the keys of the next rotation: the keys in use keep theirs, so no verifier ever
     * meets a token whose key it has not had the pre-publication delay to fetch.
     */
    public SigningKeyPolicy setPolicy(String region, String poolId, SigningKeyPolicy policy) {
        PoolLookup.require(store, region, poolId);
        store.putKeyPolicy(poolId, policy);
        directory.refresh(poolId);
        return policy;
    }

    /**
     * The periodic task every node runs: rotates each pool whose active key is older than its
     * rotation period and that has no pending key. Two nodes running it at once make one rotation:
     * the check is repeated under the pool's lock, where the second sees the first's pending keys.
     *
     * @return the pools rotated by this call
     */
    public List<String> rotateDue() {
        List<String> rotated = new ArrayList<>();
        for (Map.Entry<String, SigningKeyPolicy> pool : store.rotatingPools().entrySet()) {
            try {
                autoRotate(pool.getKey(), pool.getValue()).ifPresent(rotation -> rotated.add(rotation.poolId()));
            } catch (RuntimeException e) {
                LOG.warn("Automatic signing-key rotation of {} failed: {}", pool.getKey(), e.getMessage());
            }
        }
        return rotated;
    }

    private Optional<Rotation> autoRotate(String poolId, SigningKeyPolicy policy) {
        if (!isDue(new KeyRing(store.keysOf(poolId)), policy, clock.instant())) {
            return Optional.empty();
        }
        List<SigningKey> fresh = SigningKeys.newKeyPair(poolId, policy.algorithm(), clock.instant(), Instant.MAX);
        Optional<KeyChange> change = store.changeKeys(poolId, current -> {
            Instant now = clock.instant();
            return isDue(new KeyRing(current), policy, now)
                    ? new KeyChange(activating(fresh, pendingUntil(now, policy)), List.of(), null)
                    : KeyChange.NONE;
        });
        if (change.isEmpty() || change.get().isEmpty()) {
            return Optional.empty();
        }
        directory.refresh(poolId);
        List<SigningKey> added = change.get().added();
        audit.record(new AuditEvent(clock.instant(), "SigningKeysRotated", AuditEvent.SUCCESS, SYSTEM, "local", poolId,
                Map.of("kids", String.join(",", kids(added)), "activationDate", added.get(0).activationDate().toString(),
                        "reason", "rotation period of " + policy.rotationPeriodDays() + " days")));
        LOG.info("Automatically rotated the signing keys of {}: new keys {} sign from {}", poolId, kids(added),
                added.get(0).activationDate());
        return Optional.of(new Rotation(poolId, added, List.of()));
    }

    /**
     * The activation of keys published at {@code now}: after the full pre-publication delay, rounded
     * up to the second (tokens pick their key by their whole-second {@code iat}, and rounding down
     * would shorten the delay). Taken inside the transaction: RSA key generation before it can take
     * a while, and must not eat into the delay.
     */
    private Instant pendingUntil(Instant now, SigningKeyPolicy policy) {
        Instant activation = now.plus(policy.prePublication(defaultPrePublication));
        Instant whole = activation.truncatedTo(ChronoUnit.SECONDS);
        return whole.equals(activation) ? whole : whole.plusSeconds(1);
    }

    private static List<SigningKey> activating(List<SigningKey> keys, Instant activation) {
        return keys.stream().map(key -> key.activatingAt(activation)).toList();
    }

    private boolean isDue(KeyRing ring, SigningKeyPolicy policy, Instant now) {
        if (policy.rotationPeriodDays() == null || ring.hasPending(now)) {
            return false;
        }
        Duration period = rotationPeriodUnit.multipliedBy(policy.rotationPeriodDays());
        return ring.activeKey(KeyPurpose.ACCESS, now)
                .map(active -> !active.activationDate().plus(period).isAfter(now))
                .orElse(false);
    }

    private Rotation normalRotation(String poolId, Instant now) {
        SigningKeyPolicy policy = store.keyPolicy(poolId);
        // RSA generation is slow: done before the transaction; the activation is set under the lock.
        List<SigningKey> fresh = SigningKeys.newKeyPair(poolId, policy.algorithm(), now, Instant.MAX);
        KeyChange change = store.changeKeys(poolId, current -> {
            Instant committing = clock.instant();
            refuseWhilePending(poolId, new KeyRing(current), committing);
            return new KeyChange(activating(fresh, pendingUntil(committing, policy)), List.of(), null);
        }).orElseThrow(() -> Failure.notFound("User pool " + poolId + " does not exist."));
        return new Rotation(poolId, change.added(), List.of());
    }

    /**
     * New keys sign at once; the keys signing until now, and pending ones, are revoked. Times are
     * whole seconds because tokens pick their key by their {@code iat} (whole seconds): a token
     * issued after this commit can then never pick a revoked key.
     */
    private Rotation emergencyRotation(String poolId, Instant now) {
        // RSA generation is slow: done before the transaction; the activation is set under the lock.
        List<SigningKey> fresh = SigningKeys.newKeyPair(poolId, store.keyPolicy(poolId).algorithm(), now, Instant.MAX);
        KeyChange change = store.changeKeys(poolId, current -> {
            Instant committing = clock.instant();
            Instant at = committing.truncatedTo(ChronoUnit.SECONDS);
            KeyRing ring = new KeyRing(current);
            List<String> revoked = current.stream()
                    .filter(key -> ring.state(key, committing) == KeyState.ACTIVE
                            || ring.state(key, committing) == KeyState.PENDING)
                    .map(SigningKey::kid).toList();
            return new KeyChange(activating(fresh, at), revoked, at);
        }).orElseThrow(() -> Failure.notFound("User pool " + poolId + " does not exist."));
        return new Rotation(poolId, change.added(), change.revokedKids());
    }

    private static void refuseWhilePending(String poolId, KeyRing ring, Instant now) {
        ring.keys().stream().filter(key -> ring.state(key, now) == KeyState.PENDING).findFirst().ifPresent(pending -> {
            throw Failure.invalidParameter("A signing-key rotation of " + poolId + " is already in progress: its new keys "
                    + "become active at " + pending.activationDate().truncatedTo(ChronoUnit.SECONDS)
                    + ". Rotate again after that, or use an emergency rotation to replace the keys at once.");
        });
    }

    private static List<String> kids(List<SigningKey> keys) {
        return keys.stream().map(SigningKey::kid).toList();
    }
}
