package dev.gatehouse.token;

import dev.gatehouse.store.DirectoryHolder;
import dev.gatehouse.store.Store;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Writes token revocations (Gatehouse: Cognito cannot revoke client-credentials tokens, SPEC §5.4)
 * and forgets them once the tokens would have expired. Each write is one store transaction with a
 * change-log row, then a refresh of the directory, so every verifier in this process refuses the
 * token at once and other nodes follow through the change log. Methods block: worker threads only.
 */
public final class Revocations {

    private final Store store;
    private final DirectoryHolder directory;
    private final Clock clock;

    public Revocations(Store store, DirectoryHolder directory, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Revokes one verified token, kept until its {@code exp}. */
    public void revoke(VerifiedAccessToken token) {
        store.revokeToken(token.poolId(), token.clientId(), token.jti(), Instant.ofEpochSecond(token.exp()),
                clock.instant());
        directory.refresh(token.poolId());
    }

    /** The periodic cleanup: drops revocations of tokens that have expired; returns how many pools changed. */
    public int purgeExpired() {
        List<String> pools = store.purgeExpiredRevocations(clock.instant());
        for (String poolId : pools) {
            directory.refresh(poolId);
        }
        return pools.size();
    }
}
