package dev.gatehouse.manage;

import dev.gatehouse.model.Failure;
import dev.gatehouse.model.UserPool;
import dev.gatehouse.store.Store;

/**
 * Finds the pool a call names. A pool of another region is as absent as an unknown one: the
 * caller's region comes from its signature, and pools of different regions live apart.
 */
public final class PoolLookup {

    private PoolLookup() {
    }

    public static UserPool require(Store store, String region, String poolId) {
        return store.findPool(poolId)
                .filter(pool -> pool.region().equals(region))
                .orElseThrow(() -> Failure.notFound("User pool " + poolId + " does not exist."));
    }
}
