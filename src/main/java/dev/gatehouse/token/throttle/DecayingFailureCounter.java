package dev.gatehouse.token.throttle;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory {@link FailureCounter}: per key a leaky bucket whose level rises by one per failure
 * and drains by one every {@code decay}. Keys live in a Caffeine cache bounded by
 * {@code maxKeys}, so an attacker rotating source addresses costs a bounded amount of memory
 * (an evicted key merely starts again from zero); an idle key leaves once it has drained.
 */
public final class DecayingFailureCounter implements FailureCounter {

    private final long decayNanos;
    private final Ticker ticker;
    private final Cache<String, Level> levels;

    public DecayingFailureCounter(Duration decay, int ceiling, long maxKeys, Ticker ticker) {
        this.decayNanos = decay.toNanos();
        this.ticker = ticker;
        this.levels = Caffeine.newBuilder()
                .executor(Runnable::run) // see TokenBuckets
                .maximumSize(maxKeys)
                .expireAfterAccess(decay.multipliedBy(ceiling).toNanos(), TimeUnit.NANOSECONDS)
                .ticker(ticker)
                .build();
    }

    @Override
    public long retryAfterSeconds(String key, int threshold) {
        Level level = levels.getIfPresent(key);
        if (level == null) {
            return 0;
        }
        double excess = level.at(ticker.read(), decayNanos) - (threshold - 1);
        if (excess <= 0) {
            return 0;
        }
        return Math.max(1, (long) Math.ceil(excess * decayNanos / 1e9));
    }

    @Override
    public void add(String key) {
        long now = ticker.read();
        levels.asMap().compute(key, (k, old) -> new Level((old == null ? 0 : old.at(now, decayNanos)) + 1, now));
    }

    /** The level at {@code since}; it drains linearly afterwards. */
    private record Level(double value, long since) {

        double at(long now, long decayNanos) {
            return Math.max(0, value - (double) (now - since) / decayNanos);
        }
    }
}
