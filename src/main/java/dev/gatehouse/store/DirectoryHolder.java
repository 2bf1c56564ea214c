package dev.gatehouse.store;

import dev.gatehouse.model.api.DeployedStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Holds the current {@link Directory} and swaps it after writes. Refreshes are serialised so an
 * older read of a pool can never overwrite a newer one. Reads are a volatile load.
 */
public final class DirectoryHolder {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryHolder.class);

    private final Store store;
    private final ApiStore apis;
    private final AtomicLong seenRevision = new AtomicLong();
    private volatile Directory current = Directory.EMPTY;

    public DirectoryHolder(Store store) {
        this(store, null);
    }

    /** @param apis API Gateway REST APIs whose deployed stages the directory serves; null for none */
    public DirectoryHolder(Store store, ApiStore apis) {
        this.store = store;
        this.apis = apis;
    }

    public Directory current() {
        return current;
    }

    /** Loads every pool; called once at start (blocking). */
    public synchronized void loadAll() {
        long revision = store.latestRevision();
        Directory next = Directory.EMPTY.withOnly(store.loadAllPoolStates());
        if (apis != null) {
            Map<String, List<DeployedStage>> stages = new HashMap<>();
            for (String apiId : apis.allApiIds()) {
                stages.put(apiId, apis.deployedStagesOf(apiId));
            }
            next = next.withApis(stages);
        }
        current = next;
        seenRevision.set(revision);
        LOG.info("Directory loaded: {} pools, {} app clients (revision {})", next.poolCount(), next.clientCount(), revision);
    }

    /**
     * Re-reads one pool after a committed write on this node (blocking); a change-log key
     * {@code api:{apiId}} re-reads that API's deployed stages instead.
     */
    public synchronized void refresh(String poolId) {
        if (poolId.startsWith(ApiStore.CHANGE_PREFIX)) {
            if (apis != null) {
                String apiId = poolId.substring(ApiStore.CHANGE_PREFIX.length());
                current = current.withApi(apiId, apis.deployedStagesOf(apiId));
            }
            return;
        }
        current = store.loadPoolState(poolId).map(current::with).orElseGet(() -> current.without(poolId));
    }

    /** Re-reads one API's deployed stages after a committed write on this node (blocking). */
    public void refreshApi(String apiId) {
        refresh(ApiStore.changeKey(apiId));
    }

    /** Applies writes other nodes committed since the last poll (blocking). */
    public synchronized void pollChanges() {
        Store.Changes changes = store.changesSince(seenRevision.get());
        for (String poolId : changes.poolIds()) {
            refresh(poolId);
        }
        seenRevision.set(changes.latestRevision());
    }
}
