package dev.gatehouse.gateway.throttle;

/**
 * A token bucket (API Gateway's throttling model): holds at most {@code burst} tokens, refilled at
 * {@code rate} per second, starts full; each request takes one.
 */
final class TokenBucket {

    private final double rate;
    private final double burst;
    private double tokens;
    private long lastNanos;

    TokenBucket(double rate, int burst, long nowNanos) {
        this.rate = Math.max(0, rate);
        this.burst = Math.max(0, burst);
        this.tokens = this.burst;
        this.lastNanos = nowNanos;
    }

    synchronized boolean tryTake(long nowNanos) {
        double elapsed = Math.max(0, nowNanos - lastNanos) / 1e9;
        lastNanos = nowNanos;
        tokens = Math.min(burst, tokens + elapsed * rate);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
