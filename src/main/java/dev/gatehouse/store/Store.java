package dev.gatehouse.store;

import dev.gatehouse.model.AppClient;
import dev.gatehouse.model.ClientRateLimit;
import dev.gatehouse.model.ClientSecret;
import dev.gatehouse.model.Domain;
import dev.gatehouse.model.ResourceServer;
import dev.gatehouse.model.SigningKey;
import dev.gatehouse.model.SigningKeyPolicy;
import dev.gatehouse.model.UserPool;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The source of truth. Every write method is one transaction that also appends a change-log row
 * naming the pool it touched, so every node can refresh its {@link Directory}. Methods block:
 * call them only from worker threads.
 */
public interface Store {

    // -- pools
    void insertPool(UserPool pool, List<SigningKey> keys, Map<String, String> tags);

    Optional<UserPool> findPool(String poolId);

    Page<UserPool> listPools(String region, String afterId, int limit);

    void updatePool(UserPool pool, Map<String, String> tags);

    void deletePool(String poolId);

    // -- domains
    void insertDomain(Domain domain);

    Optional<Domain> findDomain(String region, String domain);

    List<Domain> domainsOf(String poolId);

    void updateDomain(Domain domain);

    void deleteDomain(Domain domain);

    // -- resource servers
    void insertResourceServer(ResourceServer server);

    Optional<ResourceServer> findResourceServer(String poolId, String identifier);

    Page<ResourceServer> listResourceServers(String poolId, String afterIdentifier, int limit);

    List<ResourceServer> resourceServersOf(String poolId);

    int countResourceServers(String poolId);

    void updateResourceServer(ResourceServer server);

    void deleteResourceServer(String poolId, String identifier);

    // -- app clients and their secrets
    void insertClient(AppClient client, List<ClientSecret> secrets);

    Optional<AppClient> findClient(String poolId, String clientId);

    Page<AppClient> listClients(String poolId, String afterClientId, int limit);

    int countClients(String poolId);

    void updateClient(AppClient client);

    void deleteClient(String poolId, String clientId);

    List<ClientSecret> secretsOf(String clientId);

    void insertSecret(String poolId, ClientSecret secret);

    void deleteSecret(String poolId, String secretId);

    /** Sets a client's own issuance limit; null returns it to the default. */
    void setClientRateLimit(String poolId, String clientId, ClientRateLimit limit);

    // -- signing keys
    List<SigningKey> keysOf(String poolId);

    /**
     * One transaction holding the pool's row lock: reads its keys, asks {@code planner} what to
     * change and writes it, so two nodes rotating the same pool at once serialise and the second
     * sees the first's keys. Empty when the pool does not exist; a planner's exception rolls back.
     */
    Optional<KeyChange> changeKeys(String poolId, KeyChange.Planner planner);

    /** The pool's rotation policy; {@link SigningKeyPolicy#DEFAULT} when none was set. */
    SigningKeyPolicy keyPolicy(String poolId);

    void putKeyPolicy(String poolId, SigningKeyPolicy policy);

    /** Every pool with automatic rotation turned on, with its policy. */
    Map<String, SigningKeyPolicy> rotatingPools();

    // -- tags
    Map<String, String> tagsOf(String poolId);

    void putTags(String poolId, Map<String, String> tags);

    void removeTags(String poolId, List<String> keys);

    // -- admin credentials (sealed at rest)
    Optional<String> adminSecretKey(String accessKeyId);

    void insertAdminCredential(String accessKeyId, String secretAccessKey);

    // -- settings
    Optional<String> setting(String name);

    void putSettingIfAbsent(String name, String value);

    // -- revocation (Gatehouse: Cognito cannot revoke client-credentials tokens, SPEC §5.4)

    /** Records a revoked token until {@code expires}; revoking it again changes nothing. */
    void revokeToken(String poolId, String clientId, String jti, Instant expires, Instant now);

    /** Revokes every token of the client issued at or before {@code before}. */
    void revokeClientTokens(String poolId, String clientId, Instant before);

    /** Disables the client and revokes every token it holds, in one transaction. */
    void disableClient(String poolId, String clientId, Instant now);

    /** Lets the client obtain tokens again; tokens revoked while it was disabled stay revoked. */
    void enableClient(String poolId, String clientId);

    /** Forgets revoked tokens that have expired by {@code now}; returns the pools whose state changed. */
    List<String> purgeExpiredRevocations(Instant now);

    // -- snapshot support
    Optional<PoolState> loadPoolState(String poolId);

    /** Every pool's state, read with a handful of queries (start-up). */
    List<PoolState> loadAllPoolStates();

    List<String> allPoolIds();

    long latestRevision();

    /** Pools changed after {@code revision}, and the newest revision seen. */
    Changes changesSince(long revision);

    record Changes(List<String> poolIds, long latestRevision) {
    }

    /** Whether the database answers now (readiness). */
    boolean ping();
}
