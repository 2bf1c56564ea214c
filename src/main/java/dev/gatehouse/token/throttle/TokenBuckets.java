package dev.gatehouse.token.throttle;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.gatehouse.model.ClientRateLimit;

import java.time.Duration;

/**
 * In-memory token buckets keyed by authenticated client id (so bounded by the real clients, and
 * capped again by {@code maxKeys}). A bucket starts full; a changed limit starts a fresh bucket.
 */
public final class TokenBuckets implements IssuanceLimiter {

    private static final Duration IDLE = Duration.ofMinutes(10);
    private final Ticker ticker;
    private final Cache<String, Bucket> buckets;

    public TokenBuckets(long maxKeys, Ticker ticker) {
        this.ticker = ticker;
        // Maintenance (expiry, eviction) runs on the calling thread: Caffeine's default hands it to the
        // common ForkJoinPool after every write, a thread wake-up per token on the event loop's core.
        this.buckets = Caffeine.newBuilder().executor(Runnable::run)
                .maximumSize(maxKeys).expireAfterAccess(IDLE).ticker(ticker).build();
    }

    @Override
    public long acquire(String clientId, ClientRateLimit limit) {
        long now = ticker.read();
        long[] wait = {0};
        buckets.asMap().compute(clientId, (id, old) -> {
            Bucket bucket = old == null || !old.limit().equals(limit) ? new Bucket(limit, limit.burst(), now) : old;
            double tokens = Math.min(limit.burst(), bucket.tokens() + (now - bucket.since()) / 1e9 * limit.ratePerSecond());
            if (tokens >= 1) {
                return new Bucket(limit, tokens - 1, now);
            }
            wait[0] = Math.max(1, (long) Math.ceil((1 - tokens) / limit.ratePerSecond()));
            return new Bucket(limit, tokens, now);
        });
        return wait[0];
    }

    private record Bucket(ClientRateLimit limit, double tokens, long since) {
    }
}
