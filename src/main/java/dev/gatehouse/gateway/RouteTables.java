package dev.gatehouse.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gatehouse.model.api.DeployedStage;

/**
 * Compiled route tables, one per {@link DeployedStage} instance (weak identity keys): a new deployment
 * is a new instance, so it compiles once on first use while requests already in flight finish on the
 * table they matched against; the old table goes when nothing refers to its stage any more.
 */
public final class RouteTables {

    private final Cache<DeployedStage, RouteTable> tables = Caffeine.newBuilder().weakKeys()
            .executor(Runnable::run).build(); // upkeep on the caller: no hand-off to another thread per few reads

    public RouteTable of(DeployedStage stage) {
        return tables.get(stage, RouteTable::compile);
    }
}
