package dev.gatehouse.token.throttle;

import dev.gatehouse.model.ClientRateLimit;

/**
 * The per-client issuance rate limit: one token bucket per app client. This node's limiter is
 * {@link TokenBuckets}; a cluster that must hold the limit across nodes needs a shared one
 * (DESIGN §6) behind this interface — per-node buckets allow the rate once per node.
 */
public interface IssuanceLimiter {

    /** Takes one token from the client's bucket: 0 when granted, else whole seconds to wait. */
    long acquire(String clientId, ClientRateLimit limit);
}
