package dev.gatehouse.store;

import dev.gatehouse.model.AppClient;
import dev.gatehouse.model.ClientRateLimit;
import dev.gatehouse.model.ClientSecret;
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
     * A client with SHA-256 digests of its active secrets (compared in constant time).
     *
     * @param rateLimit its own issuance limit (GatehouseService.SetClientRateLimit), or null for the default
     */
    public record ClientEntry(AppClient client, List<byte[]> secretDigests, ClientRateLimit rateLimit) {

        public ClientEntry(AppClient client, List<byte[]> secretDigests) {
            this(client, secretDigests, null);
        }
    }

    public static final Directory EMPTY = new Directory(Map.of(), Map.of(), Map.of(), Map.of(), Map.of());

    private final Map<String, PoolEntry> pools;
    private final Map<String, ClientEntry> clients;
    private final Map<String, String> poolByDomain;
    private final Map<String, RevocationState> revocations;
    /** Deployed API Gateway stages by {@code apiId/stageName}. */
    private final Map<String, DeployedStage> stages;

    private Directory(Map<String, PoolEntry> pools, Map<String, ClientEntry> clients, Map<String, String> poolByDomain,
                      Map<String, RevocationState> revocations, Map<String, DeployedStage> stages) {
        this.pools = pools;
        this.clients = clients;
        this.poolByDomain = poolByDomain;
        this.revocations = revocations;
        this.stages = stages;
    }

    /** What the gateway serves at {@code {apiId}/{stageName}} now. */
    public Optional<DeployedStage> stage(String apiId, String stageName) {
        return Optional.ofNullable(stages.get(stageKey(apiId, stageName)));
    }

    /** A copy whose stages of the API are exactly {@code apiStages} (none when the API is gone). */
    public Directory withApi(String apiId, List<DeployedStage> apiStages) {
        Map<String, DeployedStage> newStages = new HashMap<>(stages);
        newStages.values().removeIf(deployed -> deployed.stage().apiId().equals(apiId));
        for (DeployedStage deployed : apiStages) {
            newStages.put(stageKey(apiId, deployed.stage().stageName()), deployed);
        }
        return new Directory(pools, clients, poolByDomain, revocations, Map.copyOf(newStages));
    }

    private static String stageKey(String apiId, String stageName) {
        return apiId + "/" + stageName;
    }

    public Optional<PoolEntry> pool(String poolId) {
        return Optional.ofNullable(pools.get(poolId));
    }

    public Optional<ClientEntry> client(String clientId) {
        return Optional.ofNullable(clients.get(clientId));
    }

    /** The pool owning a domain: a prefix within a region, or a custom domain (region ignored). */
    public Optional<String> poolOfDomain(String region, String domain) {
        String pool = poolByDomain.get(domainKey(region, domain));
        return Optional.ofNullable(pool != null ? pool : poolByDomain.get(domainKey("*", domain)));
    }

    /** The pool's revoked tokens and disabled clients; empty for an unknown pool. */
    public RevocationState revocations(String poolId) {
        return revocations.getOrDefault(poolId, RevocationState.EMPTY);
    }

    public int poolCount() {
        return pools.size();
    }

    public int clientCount() {
        return clients.size();
    }

    /** A copy with one pool replaced by its freshly loaded state. */
    public Directory with(PoolState state) {
        Directory without = without(state.pool().id());
        Map<String, PoolEntry> newPools = new HashMap<>(without.pools);
        Map<String, ClientEntry> newClients = new HashMap<>(without.clients);
        Map<String, String> newDomains = new HashMap<>(without.poolByDomain);
        Map<String, RevocationState> newRevocations = new HashMap<>(without.revocations);
        newRevocations.put(state.pool().id(), state.revocations());
        Set<String> scopes = new HashSet<>();
        for (ResourceServer server : state.resourceServers()) {
            scopes.addAll(server.fullScopeNames());
        }
        newPools.put(state.pool().id(), new PoolEntry(state.pool(), state.domains(),
                Collections.unmodifiableSet(scopes), state.keys(), state.keyPolicy()));
        for (AppClient client : state.clients()) {
            List<byte[]> digests = state.secretsByClient().getOrDefault(client.clientId(), List.of()).stream()
                    .map(ClientSecret::value).map(Directory::digest).toList();
            newClients.put(client.clientId(), new ClientEntry(client, digests,
                    state.rateLimitsByClient().get(client.clientId())));
        }
        for (Domain domain : state.domains()) {
            newDomains.put(domainKey(domain.custom() ? "*" : domain.region(), domain.domain()), domain.poolId());
        }
        return new Directory(Map.copyOf(newPools), Map.copyOf(newClients), Map.copyOf(newDomains),
                Map.copyOf(newRevocations), stages);
    }

    /** A copy without the pool, its clients and its domains. */
    public Directory without(String poolId) {
        if (!pools.containsKey(poolId)) {
            return this;
        }
        Map<String, PoolEntry> newPools = new HashMap<>(pools);
        newPools.remove(poolId);
        Map<String, ClientEntry> newClients = new HashMap<>(clients);
        newClients.values().removeIf(entry -> entry.client().poolId().equals(poolId));
        Map<String, String> newDomains = new HashMap<>(poolByDomain);
        newDomains.values().removeIf(poolId::equals);
        Map<String, RevocationState> newRevocations = new HashMap<>(revocations);
        newRevocations.remove(poolId);
        return new Directory(Map.copyOf(newPools), Map.copyOf(newClients), Map.copyOf(newDomains),
                Map.copyOf(newRevocations), stages);
    }

    /** SHA-256 of a secret: fixed length, so comparing digests takes the same time for any input. */
    public static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private static String domainKey(String region, String domain) {
        return region + "/" + domain.toLowerCase(Locale.ROOT);
    }
}
