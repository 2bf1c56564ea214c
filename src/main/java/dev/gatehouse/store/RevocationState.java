package dev.gatehouse.store;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A pool's revocation data as every verifier in the process sees it (part of {@link PoolState},
 * so other nodes learn it through the change log like any other write).
 *
 * @param revokedJtis          revoked token ids → the token's {@code exp} (epoch seconds), kept until then
 * @param revokedBeforeMillis  client id → instant (epoch ms): tokens issued at or before it are revoked
 * @param disabledClients      clients that may neither obtain nor use tokens
 */
public record RevocationState(Map<String, Long> revokedJtis, Map<String, Long> revokedBeforeMillis,
                              Set<String> disabledClients) {

    public static final RevocationState EMPTY = new RevocationState(Map.of(), Map.of(), Set.of());

    public RevocationState {
        revokedJtis = Map.copyOf(revokedJtis);
        revokedBeforeMillis = Map.copyOf(revokedBeforeMillis);
        disabledClients = Set.copyOf(disabledClients);
    }

    public boolean isDisabled(String clientId) {
        return disabledClients.contains(clientId);
    }

    /**
     * Whether a token is revoked, by its id or because its client's tokens issued up to a moment
     * were. {@code iat} has whole seconds only, so a token issued in the same second as the
     * revocation counts as revoked (the safe side of the ambiguity).
     */
    public boolean isRevoked(String clientId, String jti, long issuedAtSeconds) {
        Objects.requireNonNull(clientId, "clientId");
        if (jti != null && revokedJtis.containsKey(jti)) {
            return true;
        }
        Long before = revokedBeforeMillis.get(clientId);
        return before != null && issuedAtSeconds <= Math.floorDiv(before, 1000L);
    }
}
