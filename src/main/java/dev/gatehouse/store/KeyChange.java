package dev.gatehouse.store;

import dev.gatehouse.model.SigningKey;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one key-rotation transaction writes: new keys, and kids revoked at {@code revokedAt}.
 * {@link #NONE} writes nothing (e.g. an automatic rotation another node already made).
 */
public record KeyChange(List<SigningKey> added, List<String> revokedKids, Instant revokedAt) {

    public static final KeyChange NONE = new KeyChange(List.of(), List.of(), null);

    public KeyChange {
        added = List.copyOf(added);
        revokedKids = List.copyOf(revokedKids);
        if (!revokedKids.isEmpty()) {
            Objects.requireNonNull(revokedAt, "revokedAt");
        }
    }

    public boolean isEmpty() {
        return added.isEmpty() && revokedKids.isEmpty();
    }

    /** Decides, under the pool's lock, what to change given the pool's current keys. */
    @FunctionalInterface
    public interface Planner {
        KeyChange plan(List<SigningKey> current);
    }
}
