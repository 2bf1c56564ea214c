package dev.gatehouse.store;

import dev.gatehouse.model.AppClient;
import dev.gatehouse.model.ClientRateLimit;
import dev.gatehouse.model.Domain;
import dev.gatehouse.model.KeyPurpose;
import dev.gatehouse.model.KeyRing;
import dev.gatehouse.model.ResourceServer;
import dev.gatehouse.model.SigningKey;
import dev.gatehouse.model.SigningKeyPolicy;
import dev.gatehouse.model.UserPool;
import dev.gatehouse.model.api.DeployedStage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The immutable in-memory snapshot the hot paths read (DESIGN §3): clients by id with digests of
 * their secrets, pools with their defined scopes and key rings, domains by host. Token issuance
 * never touches the database. A write produces a new Directory; readers keep the one they hold.
 * Copies share everything but the changed pool's slice and the index shards its changes touch.
 */
public final class Directory {

    /**
     * A pool as the token endpoint and verifiers need it. Key states depend on the instant asked
     * about (a pending key becomes active on its own at its activation, on every node), so key
     * selection always takes {@code now} from the caller's clock.
     */
    public record PoolEntry(UserPool pool, List<Domain> domains, Set<String> definedScopes, List<SigningKey> keys,
                            SigningKeyPolicy keyPolicy) {

        public PoolEntry {
            keys = List.copyOf(keys);
            keyPolicy = keyPolicy == null ? SigningKeyPolicy.DEFAULT : keyPolicy;
        }

        public KeyRing keyRing() {
            return new KeyRing(keys);
        }

        /** The key that signs tokens of this purpose at {@code now}. */
        public Optional<SigningKey> activeKey(KeyPurpose purpose, Instant now) {
            return keyRing().activeKey(purpose, now);
        }

        /** Keys published in JWKS at {@code now}: pending, active, and retired until their last token expired. */
        public List<SigningKey> publishedKeys(Instant now) {
            return keyRing().publishedKeys(now);
        }
    }

    /**
     * A client with its active secrets, whose SHA-256 digests are compared in constant time.
     *
     * @param secrets   opened on the client's first authentication ({@link ClientSecrets})
     * @param rateLimit its own issuance limit (GatehouseService.SetClientRateLimit), or null for the default
     */
    public record ClientEntry(AppClient client, ClientSecrets secrets, ClientRateLimit rateLimit) {

        /** Digests of the secrets that open, each 32 bytes; the first call opens them. */
        public List<byte[]> secretDigests() {
            return secrets.digests();
        }
    }

    /** One instance per thread: the provider look-up costs more than hashing a secret (digest() resets it). */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    });

    public static final Directory EMPTY = new Directory(ShardedMap.empty(), ShardedMap.empty(), ShardedMap.empty(), Map.of());

    /**
     * Everything the directory holds about one pool. A change to a pool replaces its slice (cost:
     * the size of that pool) and touches the global indexes below only for the client ids and
     * domains that appeared or disappeared, so writes do not slow down as the directory grows.
     */
    private record PoolSlice(PoolEntry entry, Map<String, ClientEntry> clients, Set<String> domainKeys,
                             RevocationState revocations) {
    }

    private final ShardedMap<PoolSlice> pools;
    /** Pool id of each client id (client ids are unique across pools). */
    private final ShardedMap<String> poolByClient;
    /** Pool id of each domain key (see {@link #domainKey}). */
    private final ShardedMap<String> poolByDomain;
    /** Deployed API Gateway stages by {@code apiId/stageName}. */
    private final Map<String, DeployedStage> stages;

    private Directory(ShardedMap<PoolSlice> pools, ShardedMap<String> poolByClient, ShardedMap<String> poolByDomain,
                      Map<String, DeployedStage> stages) {
        this.pools = pools;
        this.poolByClient = poolByClient;
        this.poolByDomain = poolByDomain;
        this.stages = stages;
    }

    /** What the gateway serves at {@code {apiId}/{stageName}} now. */
    public Optional<DeployedStage> stage(String apiId, String stageName) {
        return Optional.ofNullable(stages.get(stageKey(apiId, stageName)));
    }

    /** A copy whose stages of the API are exactly {@code apiStages} (none when the API is gone). */
    public Directory withApi(String apiId, List<DeployedStage> apiStages) {
        return withApis(Map.of(apiId, apiStages));
    }

    /** A copy whose stages of each API in {@code stagesByApi} are exactly those listed (one copy for all). */
    public Directory withApis(Map<String, List<DeployedStage>> stagesByApi) {
        Map<String, DeployedStage> newStages = new HashMap<>(stages);
        newStages.values().removeIf(deployed -> stagesByApi.containsKey(deployed.stage().apiId()));
        stagesByApi.forEach((apiId, apiStages) -> {
            for (DeployedStage deployed : apiStages) {
                newStages.put(stageKey(apiId, deployed.stage().stageName()), deployed);
            }
        });
        return new Directory(pools, poolByClient, poolByDomain, Map.copyOf(newStages));
    }

    private static String stageKey(String apiId, String stageName) {
        return apiId + "/" + stageName;
    }

    public Optional<PoolEntry> pool(String poolId) {
        PoolSlice slice = pools.get(poolId);
        return slice == null ? Optional.empty() : Optional.of(slice.entry());
    }

    public Optional<ClientEntry> client(String clientId) {
        String poolId = poolByClient.get(clientId);
        PoolSlice slice = poolId == null ? null : pools.get(poolId);
        return slice == null ? Optional.empty() : Optional.ofNullable(slice.clients().get(clientId));
    }

    /** The pool owning a domain: a prefix within a region, or a custom domain (region ignored). */
    public Optional<String> poolOfDomain(String region, String domain) {
        String pool = poolByDomain.get(domainKey(region, domain));
        return Optional.ofNullable(pool != null ? pool : poolByDomain.get(domainKey("*", domain)));
    }

    /** The pool's revoked tokens and disabled clients; empty for an unknown pool. */
    public RevocationState revocations(String poolId) {
        PoolSlice slice = pools.get(poolId);
        return slice == null ? RevocationState.EMPTY : slice.revocations();
    }

    public int poolCount() {
        return pools.size();
    }

    public int clientCount() {
        return poolByClient.size();
    }

    /** A copy with one pool replaced by its freshly loaded state; costs the size of that pool. */
    public Directory with(PoolState state) {
        String poolId = state.pool().id();
        PoolSlice old = pools.get(poolId);
        PoolSlice slice = slice(state);
        return new Directory(
                pools.with(Map.of(poolId, slice), List.of(), (key, value) -> false),
                reindex(poolByClient, poolId, old == null ? Set.of() : old.clients().keySet(), slice.clients().keySet()),
                reindex(poolByDomain, poolId, old == null ? Set.of() : old.domainKeys(), slice.domainKeys()),
                stages);
    }

    /** A copy holding exactly these pools (and this directory's stages), built in one pass (start-up). */
    public Directory withOnly(Collection<PoolState> states) {
        Map<String, PoolSlice> slices = new HashMap<>();
        Map<String, String> clientPools = new HashMap<>();
        Map<String, String> domainPools = new HashMap<>();
        for (PoolState state : states) {
            PoolSlice slice = slice(state);
            String poolId = state.pool().id();
            slices.put(poolId, slice);
            slice.clients().keySet().forEach(clientId -> clientPools.put(clientId, poolId));
            slice.domainKeys().forEach(domainKey -> domainPools.put(domainKey, poolId));
        }
        return new Directory(ShardedMap.of(slices), ShardedMap.of(clientPools), ShardedMap.of(domainPools), stages);
    }

    /** A copy without the pool, its clients and its domains. */
    public Directory without(String poolId) {
        PoolSlice old = pools.get(poolId);
        if (old == null) {
            return this;
        }
        return new Directory(
                pools.with(Map.of(), List.of(poolId), (key, value) -> true),
                reindex(poolByClient, poolId, old.clients().keySet(), Set.of()),
                reindex(poolByDomain, poolId, old.domainKeys(), Set.of()),
                stages);
    }

    /**
     * The index after the pool's keys went from {@code before} to {@code after}: keys that left are
     * removed (only while they still point at this pool), keys that are new or point elsewhere are
     * set to this pool. Unchanged keys cost one look-up each and copy nothing.
     */
    private static ShardedMap<String> reindex(ShardedMap<String> index, String poolId, Set<String> before,
                                              Set<String> after) {
        Map<String, String> puts = new HashMap<>();
        for (String key : after) {
            if (!poolId.equals(index.get(key))) {
                puts.put(key, poolId);
            }
        }
        List<String> removals = new ArrayList<>();
        for (String key : before) {
            if (!after.contains(key)) {
                removals.add(key);
            }
        }
        return index.with(puts, removals, (key, owner) -> owner.equals(poolId));
    }

    private static PoolSlice slice(PoolState state) {
        Set<String> scopes = new HashSet<>();
        for (ResourceServer server : state.resourceServers()) {
            scopes.addAll(server.fullScopeNames());
        }
        PoolEntry entry = new PoolEntry(state.pool(), state.domains(), Collections.unmodifiableSet(scopes),
                state.keys(), state.keyPolicy());
        Map<String, ClientEntry> clients = new HashMap<>();
        for (AppClient client : state.clients()) {
            clients.put(client.clientId(), new ClientEntry(client,
                    state.secretsByClient().getOrDefault(client.clientId(), ClientSecrets.NONE),
                    state.rateLimitsByClient().get(client.clientId())));
        }
        Set<String> domainKeys = new HashSet<>();
        for (Domain domain : state.domains()) {
            domainKeys.add(domainKey(domain.custom() ? "*" : domain.region(), domain.domain()));
        }
        return new PoolSlice(entry, Collections.unmodifiableMap(clients), Collections.unmodifiableSet(domainKeys),
                state.revocations());
    }

    /** SHA-256 of a secret: fixed length, so comparing digests takes the same time for any input. */
    public static byte[] digest(String secret) {
        return SHA_256.get().digest(secret.getBytes(StandardCharsets.UTF_8));
    }


    private static String domainKey(String region, String domain) {
        return region + "/" + domain.toLowerCase(Locale.ROOT);
    }
}
