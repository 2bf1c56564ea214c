package dev.gatehouse.store.jdbc;

import dev.gatehouse.model.AppClient;
import dev.gatehouse.model.ClientRateLimit;
import dev.gatehouse.model.ClientSecret;
import dev.gatehouse.model.Domain;
import dev.gatehouse.model.KeyPurpose;
import dev.gatehouse.model.ResourceServer;
import dev.gatehouse.model.Scope;
import dev.gatehouse.model.SigningKey;
import dev.gatehouse.model.SigningAlgorithm;
import dev.gatehouse.model.SigningKeyPolicy;
import dev.gatehouse.model.TimeUnit;
import dev.gatehouse.model.TokenValidity;
import dev.gatehouse.model.UserPool;
import dev.gatehouse.store.KeyChange;
import dev.gatehouse.store.Page;
import dev.gatehouse.store.PoolState;
import dev.gatehouse.store.SecretCodec;
import dev.gatehouse.store.Store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link Store} on JDBC; the same SQL runs on H2 and PostgreSQL (schema: db/migration). */
public final class JdbcStore implements Store {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcStore.class);

    private static final String POOL_COLUMNS =
            "id, region, name, deletion_protection, tier, sign_in_settings, created_at, modified_at";
    private static final String INSERT_POOL = "INSERT INTO user_pool (" + POOL_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT_POOL = "SELECT " + POOL_COLUMNS + " FROM user_pool WHERE id = ?";
    // Ordered by the whole index (region, id), not by id alone: only then does H2 walk the index in
    // order and stop after one page; ordered by id it fetched and sorted every later pool of the region.
    private static final String LIST_POOLS = """
            SELECT %s FROM user_pool WHERE region = ? AND id > ? ORDER BY region, id LIMIT ?""".formatted(POOL_COLUMNS);
    private static final String UPDATE_POOL = """
            UPDATE user_pool SET name = ?, deletion_protection = ?, tier = ?, sign_in_settings = ?, modified_at = ?
            WHERE id = ?""";
    private static final String DELETE_POOL = "DELETE FROM user_pool WHERE id = ?";
    private static final String ALL_POOL_IDS = "SELECT id FROM user_pool ORDER BY id";

    private static final String DOMAIN_COLUMNS =
            "region, domain, pool_id, certificate_arn, security_policy, managed_login_version";
    private static final String INSERT_DOMAIN = "INSERT INTO pool_domain (" + DOMAIN_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)";
    private static final String SELECT_DOMAIN = "SELECT " + DOMAIN_COLUMNS + " FROM pool_domain WHERE region = ? AND domain = ?";
    private static final String DOMAINS_OF_POOL = "SELECT " + DOMAIN_COLUMNS + " FROM pool_domain WHERE pool_id = ? ORDER BY domain";
    private static final String UPDATE_DOMAIN = """
            UPDATE pool_domain SET certificate_arn = ?, security_policy = ?, managed_login_version = ?
            WHERE region = ? AND domain = ?""";
    private static final String DELETE_DOMAIN = "DELETE FROM pool_domain WHERE region = ? AND domain = ?";

    private static final String INSERT_SERVER = "INSERT INTO resource_server (pool_id, identifier, name) VALUES (?, ?, ?)";
    private static final String SELECT_SERVER = "SELECT pool_id, identifier, name FROM resource_server WHERE pool_id = ? AND identifier = ?";
    private static final String LIST_SERVERS = """
            SELECT pool_id, identifier, name FROM resource_server
            WHERE pool_id = ? AND identifier > ? ORDER BY pool_id, identifier LIMIT ?""";
    private static final String SERVERS_OF_POOL = "SELECT pool_id, identifier, name FROM resource_server WHERE pool_id = ? ORDER BY identifier";
    private static final String COUNT_SERVERS = "SELECT COUNT(*) FROM resource_server WHERE pool_id = ?";
    private static final String UPDATE_SERVER = "UPDATE resource_server SET name = ? WHERE pool_id = ? AND identifier = ?";
    private static final String DELETE_SERVER = "DELETE FROM resource_server WHERE pool_id = ? AND identifier = ?";
    private static final String INSERT_SCOPE = """
            INSERT INTO resource_server_scope (pool_id, identifier, position, scope_name, description)
            VALUES (?, ?, ?, ?, ?)""";
    private static final String SCOPES_OF_SERVER = """
            SELECT scope_name, description FROM resource_server_scope
            WHERE pool_id = ? AND identifier = ? ORDER BY position""";
    private static final String DELETE_SCOPES = "DELETE FROM resource_server_scope WHERE pool_id = ? AND identifier = ?";

    static final String CLIENT_COLUMNS = """
            client_id, pool_id, client_name, access_validity, access_unit, id_validity, id_unit, refresh_validity,
            refresh_unit, explicit_auth_flows, identity_providers, callback_urls, logout_urls, default_redirect_uri,
            oauth_flows, oauth_scopes, oauth_enabled, token_revocation, extra_settings, created_at, modified_at""";
    private static final String INSERT_CLIENT = "INSERT INTO app_client (" + CLIENT_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT_CLIENT = "SELECT " + CLIENT_COLUMNS + " FROM app_client WHERE pool_id = ? AND client_id = ?";
    private static final String LIST_CLIENTS = "SELECT " + CLIENT_COLUMNS
            + " FROM app_client WHERE pool_id = ? AND client_id > ? ORDER BY pool_id, client_id LIMIT ?";
    private static final String COUNT_CLIENTS = "SELECT COUNT(*) FROM app_client WHERE pool_id = ?";
    private static final String UPDATE_CLIENT = """
            UPDATE app_client SET client_name = ?, access_validity = ?, access_unit = ?, id_validity = ?, id_unit = ?,
                refresh_validity = ?, refresh_unit = ?, explicit_auth_flows = ?, identity_providers = ?,
                callback_urls = ?, logout_urls = ?, default_redirect_uri = ?, oauth_flows = ?, oauth_scopes = ?,
                oauth_enabled = ?, token_revocation = ?, extra_settings = ?, modified_at = ?
            WHERE pool_id = ? AND client_id = ?""";
    private static final String DELETE_CLIENT = "DELETE FROM app_client WHERE pool_id = ? AND client_id = ?";

    private static final String INSERT_SECRET = """
            INSERT INTO client_secret (secret_id, client_id, sealed_value, generated, created_at) VALUES (?, ?, ?, ?, ?)""";
    private static final String SECRETS_OF_CLIENT = """
            SELECT secret_id, client_id, sealed_value, generated, created_at FROM client_secret
            WHERE client_id = ? ORDER BY created_at, secret_id""";
    private static final String DELETE_SECRET = "DELETE FROM client_secret WHERE secret_id = ?";

    private static final String DELETE_RATE_LIMIT = "DELETE FROM client_rate_limit WHERE client_id = ?";
    private static final String INSERT_RATE_LIMIT =
            "INSERT INTO client_rate_limit (client_id, rate_per_second, burst) VALUES (?, ?, ?)";

    static final String KEY_COLUMNS =
            "kid, pool_id, purpose, algorithm, sealed_private_key, public_key, created_at, activate_at, revoked_at";
    private static final String INSERT_KEY = "INSERT INTO signing_key (" + KEY_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String KEYS_OF_POOL = "SELECT " + KEY_COLUMNS + " FROM signing_key WHERE pool_id = ? ORDER BY created_at, kid";
    private static final String REVOKE_KEY = "UPDATE signing_key SET revoked_at = ? WHERE pool_id = ? AND kid = ? AND revoked_at IS NULL";
    // The pool row is the lock every key rotation of the pool takes (H2 and PostgreSQL both honour it).
    private static final String LOCK_POOL = "SELECT id FROM user_pool WHERE id = ? FOR UPDATE";

    private static final String SELECT_KEY_POLICY =
            "SELECT rotation_period_days, pre_publication_seconds, algorithm FROM pool_key_policy WHERE pool_id = ?";
    private static final String DELETE_KEY_POLICY = "DELETE FROM pool_key_policy WHERE pool_id = ?";
    private static final String INSERT_KEY_POLICY =
            "INSERT INTO pool_key_policy (pool_id, rotation_period_days, pre_publication_seconds, algorithm) VALUES (?, ?, ?, ?)";
    private static final String ROTATING_POOLS = """
            SELECT pool_id, rotation_period_days, pre_publication_seconds, algorithm FROM pool_key_policy
            WHERE rotation_period_days IS NOT NULL ORDER BY pool_id""";

    private static final String TAGS_OF_POOL = "SELECT tag_key, tag_value FROM pool_tag WHERE pool_id = ? ORDER BY tag_key";
    private static final String DELETE_TAG = "DELETE FROM pool_tag WHERE pool_id = ? AND tag_key = ?";
    private static final String DELETE_TAGS = "DELETE FROM pool_tag WHERE pool_id = ?";
    private static final String INSERT_TAG = "INSERT INTO pool_tag (pool_id, tag_key, tag_value) VALUES (?, ?, ?)";

    private static final String SELECT_ADMIN = "SELECT sealed_secret FROM admin_credential WHERE access_key_id = ?";
    private static final String INSERT_ADMIN = "INSERT INTO admin_credential (access_key_id, sealed_secret, created_at) VALUES (?, ?, ?)";

    private static final String SELECT_SETTING = "SELECT setting_value FROM gatehouse_setting WHERE setting_name = ?";
    private static final String INSERT_SETTING = "INSERT INTO gatehouse_setting (setting_name, setting_value) VALUES (?, ?)";

    private static final String INSERT_REVOKED = """
            INSERT INTO revoked_token (jti, pool_id, client_id, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?)""";
    private static final String SELECT_REVOKED = "SELECT jti FROM revoked_token WHERE jti = ?";
    private static final String EXPIRED_REVOKED_POOLS = "SELECT DISTINCT pool_id FROM revoked_token WHERE expires_at <= ?";
    private static final String DELETE_EXPIRED_REVOKED = "DELETE FROM revoked_token WHERE pool_id = ? AND expires_at <= ?";
    private static final String REVOKE_CLIENT_TOKENS =
            "UPDATE app_client SET tokens_revoked_before = ? WHERE pool_id = ? AND client_id = ?";
    private static final String DISABLE_CLIENT =
            "UPDATE app_client SET disabled = TRUE, tokens_revoked_before = ? WHERE pool_id = ? AND client_id = ?";
    private static final String ENABLE_CLIENT = "UPDATE app_client SET disabled = FALSE WHERE pool_id = ? AND client_id = ?";

    private static final String LATEST_REVISION = "SELECT COALESCE(MAX(revision), 0) FROM change_log";
    private static final String CHANGES_SINCE = "SELECT revision, pool_id FROM change_log WHERE revision > ? ORDER BY revision";

    private final Jdbc jdbc;
    private final SecretCodec codec;
    private final Clock clock;
    private final PoolStateReader poolStates = new PoolStateReader(this::sealedSecret, this::signingKey);

    public JdbcStore(DataSource dataSource, SecretCodec codec, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.codec = codec;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- pools

    @Override
    public void insertPool(UserPool pool, List<SigningKey> keys, Map<String, String> tags) {
        jdbc.inTransaction(c -> {
            Jdbc.update(c, INSERT_POOL, pool.id(), pool.region(), pool.name(), pool.deletionProtection(), pool.tier(),
                    pool.signInSettings(), millis(pool.creationDate()), millis(pool.lastModifiedDate()));
            for (SigningKey key : keys) {
                insertKey(c, key);
            }
            insertTags(c, pool.id(), tags);
            return logChange(c, pool.id());
        });
    }

    @Override
    public Optional<UserPool> findPool(String poolId) {
        return jdbc.read(c -> Jdbc.queryOne(c, SELECT_POOL, JdbcStore::pool, poolId));
    }

    @Override
    public Page<UserPool> listPools(String region, String afterId, int limit) {
        List<UserPool> rows = jdbc.read(c -> Jdbc.query(c, LIST_POOLS, JdbcStore::pool, region, orEmpty(afterId), limit + 1));
        return page(rows, limit, UserPool::id);
    }

    @Override
    public void updatePool(UserPool pool, Map<String, String> tags) {
        jdbc.inTransaction(c -> {
            Jdbc.update(c, UPDATE_POOL, pool.name(), pool.deletionProtection(), pool.tier(), pool.signInSettings(),
                    millis(pool.lastModifiedDate()), pool.id());
            if (tags != null) {
                Jdbc.update(c, DELETE_TAGS, pool.id());
                insertTags(c, pool.id(), tags);
            }
            return logChange(c, pool.id());
        });
    }

    @Override
    public void deletePool(String poolId) {
        updateLogged(poolId, DELETE_POOL, poolId);
    }

    @Override
    public List<String> allPoolIds() {
        return jdbc.read(c -> Jdbc.query(c, ALL_POOL_IDS, row -> row.getString(1)));
    }

    // ---------------------------------------------------------------- domains

    @Override
    public void insertDomain(Domain d) {
        updateLogged(d.poolId(), INSERT_DOMAIN, d.region(), d.domain(), d.poolId(), d.certificateArn(), d.securityPolicy(),
                d.managedLoginVersion());
    }

    @Override
    public Optional<Domain> findDomain(String region, String domain) {
        return jdbc.read(c -> Jdbc.queryOne(c, SELECT_DOMAIN, JdbcStore::domain, region, domain));
    }

    @Override
    public List<Domain> domainsOf(String poolId) {
        return jdbc.read(c -> Jdbc.query(c, DOMAINS_OF_POOL, JdbcStore::domain, poolId));
    }

    @Override
    public void updateDomain(Domain d) {
        updateLogged(d.poolId(), UPDATE_DOMAIN, d.certificateArn(), d.securityPolicy(), d.managedLoginVersion(),
                d.region(), d.domain());
    }

    @Override
    public void deleteDomain(Domain d) {
        updateLogged(d.poolId(), DELETE_DOMAIN, d.region(), d.domain());
    }

    // ---------------------------------------------------------------- resource servers

    @Override
    public void insertResourceServer(ResourceServer server) {
        jdbc.inTransaction(c -> {
            Jdbc.update(c, INSERT_SERVER, server.poolId(), server.identifier(), server.name());
            insertScopes(c, server);
            return logChange(c, server.poolId());
        });
    }

    @Override
    public Optional<ResourceServer> findResourceServer(String poolId, String identifier) {
        return jdbc.read(c -> {
            Optional<ResourceServerRow> row = Jdbc.queryOne(c, SELECT_SERVER, JdbcStore::serverRow, poolId, identifier);
            return row.isEmpty() ? Optional.<ResourceServer>empty() : Optional.of(withScopes(c, row.get()));
        });
    }

    @Override
    public Page<ResourceServer> listResourceServers(String poolId, String afterIdentifier, int limit) {
        List<ResourceServer> rows = jdbc.read(c -> {
            List<ResourceServer> out = new ArrayList<>();
            for (ResourceServerRow row : Jdbc.query(c, LIST_SERVERS, JdbcStore::serverRow, poolId,
                    orEmpty(afterIdentifier), limit + 1)) {
                out.add(withScopes(c, row));
            }
            return out;
        });
        return page(rows, limit, ResourceServer::identifier);
    }

    @Override
    public List<ResourceServer> resourceServersOf(String poolId) {
        return jdbc.read(c -> resourceServersOf(c, poolId));
    }

    @Override
    public int countResourceServers(String poolId) {
        return jdbc.read(c -> Jdbc.queryOne(c, COUNT_SERVERS, row -> row.getInt(1), poolId).orElse(0));
    }

    @Override
    public void updateResourceServer(ResourceServer server) {
        jdbc.inTransaction(c -> {
            Jdbc.update(c, UPDATE_SERVER, server.name(), server.poolId(), server.identifier());
            Jdbc.update(c, DELETE_SCOPES, server.poolId(), server.identifier());
            insertScopes(c, server);
            return logChange(c, server.poolId());
        });
    }

    @Override
    public void deleteResourceServer(String poolId, String identifier) {
        updateLogged(poolId, DELETE_SERVER, poolId, identifier);
    }

    // ---------------------------------------------------------------- app clients

    @Override
    public void insertClient(AppClient client, List<ClientSecret> secrets) {
        jdbc.inTransaction(c -> {
            TokenValidity v = client.validity();
            Jdbc.update(c, INSERT_CLIENT, client.clientId(), client.poolId(), client.clientName(),
                    v.access(), v.accessUnit().name(), v.id(), v.idUnit().name(), v.refresh(), v.refreshUnit().name(),
                    join(client.explicitAuthFlows()), join(client.supportedIdentityProviders()),
                    join(client.callbackUrls()), join(client.logoutUrls()), client.defaultRedirectUri(),
                    join(client.allowedOAuthFlows()), join(client.allowedOAuthScopes()),
                    client.allowedOAuthFlowsUserPoolClient(), client.enableTokenRevocation(), client.extraSettings(),
                    millis(client.creationDate()), millis(client.lastModifiedDate()));
            for (ClientSecret secret : secrets) {
                insertSecret(c, secret);
            }
            return logChange(c, client.poolId());
        });
    }

    @Override
    public Optional<AppClient> findClient(String poolId, String clientId) {
        return jdbc.read(c -> Jdbc.queryOne(c, SELECT_CLIENT, JdbcStore::client, poolId, clientId));
    }

    @Override
    public Page<AppClient> listClients(String poolId, String afterClientId, int limit) {
        List<AppClient> rows = jdbc.read(c -> Jdbc.query(c, LIST_CLIENTS, JdbcStore::client, poolId,
                orEmpty(afterClientId), limit + 1));
        return page(rows, limit, AppClient::clientId);
    }

    @Override
    public int countClients(String poolId) {
        return jdbc.read(c -> Jdbc.queryOne(c, COUNT_CLIENTS, row -> row.getInt(1), poolId).orElse(0));
    }

    @Override
    public void updateClient(AppClient client) {
        jdbc.inTransaction(c -> {
            TokenValidity v = client.validity();
            Jdbc.update(c, UPDATE_CLIENT, client.clientName(), v.access(), v.accessUnit().name(), v.id(),
                    v.idUnit().name(), v.refresh(), v.refreshUnit().name(), join(client.explicitAuthFlows()),
                    join(client.supportedIdentityProviders()), join(client.callbackUrls()),
                    join(client.logoutUrls()), client.defaultRedirectUri(), join(client.allowedOAuthFlows()),
                    join(client.allowedOAuthScopes()), client.allowedOAuthFlowsUserPoolClient(),
                    client.enableTokenRevocation(), client.extraSettings(), millis(client.lastModifiedDate()),
                    client.poolId(), client.clientId());
            return logChange(c, client.poolId());
        });
    }

    @Override
    public void deleteClient(String poolId, String clientId) {
        updateLogged(poolId, DELETE_CLIENT, poolId, clientId);
    }

    @Override
    public List<ClientSecret> secretsOf(String clientId) {
        return jdbc.read(c -> present(Jdbc.query(c, SECRETS_OF_CLIENT, this::secret, clientId)));
    }

    @Override
    public void insertSecret(String poolId, ClientSecret secret) {
        jdbc.inTransaction(c -> {
            insertSecret(c, secret);
            return logChange(c, poolId);
        });
    }

    @Override
    public void deleteSecret(String poolId, String secretId) {
        updateLogged(poolId, DELETE_SECRET, secretId);
    }

    @Override
    public void setClientRateLimit(String poolId, String clientId, ClientRateLimit limit) {
        jdbc.inTransaction(c -> {
            Jdbc.update(c, DELETE_RATE_LIMIT, clientId);
            if (limit != null) {
                Jdbc.update(c, INSERT_RATE_LIMIT, clientId, limit.ratePerSecond(), limit.burst());
            }
            return logChange(c, poolId);
        });
    }

    // ---------------------------------------------------------------- keys, tags, admin, settings

    @Override
    public List<SigningKey> keysOf(String poolId) {
        return jdbc.read(c -> present(Jdbc.query(c, KEYS_OF_POOL, this::signingKey, poolId)));
    }

    @Override
    public Optional<KeyChange> changeKeys(String poolId, KeyChange.Planner planner) {
        return jdbc.inTransaction(c -> {
            if (Jdbc.queryOne(c, LOCK_POOL, row -> row.getString(1), poolId).isEmpty()) {
                return Optional.<KeyChange>empty();
            }
            KeyChange change = planner.plan(present(Jdbc.query(c, KEYS_OF_POOL, this::signingKey, poolId)));
            if (change.isEmpty()) {
                return Optional.of(change);
            }
            for (SigningKey key : change.added()) {
                insertKey(c, key);
            }
            for (String kid : change.revokedKids()) {
                Jdbc.update(c, REVOKE_KEY, millis(change.revokedAt()), poolId, kid);
            }
            logChange(c, poolId);
            return Optional.of(change);
        });
    }

    @Override
    public SigningKeyPolicy keyPolicy(String poolId) {
        return jdbc.read(c -> keyPolicy(c, poolId));
    }

    @Override
    public void putKeyPolicy(String poolId, SigningKeyPolicy policy) {
        jdbc.inTransaction(c -> {
            Jdbc.update(c, DELETE_KEY_POLICY, poolId);
            if (!policy.equals(SigningKeyPolicy.DEFAULT)) {
                Jdbc.update(c, INSERT_KEY_POLICY, poolId, policy.rotationPeriodDays(), policy.prePublicationSeconds(),
                        policy.algorithm().name());
            }
            return logChange(c, poolId);
        });
    }

    @Override
    public Map<String, SigningKeyPolicy> rotatingPools() {
        return jdbc.read(c -> {
            Map<String, SigningKeyPolicy> policies = new LinkedHashMap<>();
            for (Map.Entry<String, SigningKeyPolicy> row : Jdbc.query(c, ROTATING_POOLS,
                    r -> Map.entry(r.getString(1), keyPolicy(r, 2)))) {
                policies.put(row.getKey(), row.getValue());
            }
            return policies;
        });
    }

    @Override
    public Map<String, String> tagsOf(String poolId) {
        return jdbc.read(c -> tagsOf(c, poolId));
    }

    @Override
    public void putTags(String poolId, Map<String, String> tags) {
        jdbc.inTransaction(c -> {
            for (String key : tags.keySet()) {
                Jdbc.update(c, DELETE_TAG, poolId, key);
            }
            insertTags(c, poolId, tags);
            return logChange(c, poolId);
        });
    }

    @Override
    public void removeTags(String poolId, List<String> keys) {
        jdbc.inTransaction(c -> {
            for (String key : keys) {
                Jdbc.update(c, DELETE_TAG, poolId, key);
            }
            return logChange(c, poolId);
        });
    }

    @Override
    public Optional<String> adminSecretKey(String accessKeyId) {
        return jdbc.read(c -> Jdbc.queryOne(c, SELECT_ADMIN, row -> row.getString(1), accessKeyId))
                .map(sealed -> new String(codec.open(sealed, SealContexts.adminCredential(accessKeyId)), StandardCharsets.UTF_8));
    }

    @Override
    public void insertAdminCredential(String accessKeyId, String secretAccessKey) {
        jdbc.inTransaction(c -> Jdbc.update(c, INSERT_ADMIN, accessKeyId,
                codec.seal(secretAccessKey.getBytes(StandardCharsets.UTF_8), SealContexts.adminCredential(accessKeyId)),
                clock.millis()));
    }

    @Override
    public Optional<String> setting(String name) {
        return jdbc.read(c -> Jdbc.queryOne(c, SELECT_SETTING, row -> row.getString(1), name));
    }

    @Override
    public void putSettingIfAbsent(String name, String value) {
        jdbc.inTransaction(c -> Jdbc.queryOne(c, SELECT_SETTING, row -> row.getString(1), name).isPresent()
                ? 0 : Jdbc.update(c, INSERT_SETTING, name, value));
    }

    // ---------------------------------------------------------------- revocation

    @Override
    public void revokeToken(String poolId, String clientId, String jti, Instant expires, Instant now) {
        jdbc.inTransaction(c -> {
            if (Jdbc.queryOne(c, SELECT_REVOKED, row -> row.getString(1), jti).isPresent()) {
                return 0; // already revoked: RFC 7009 §2.2, nothing changes
            }
            Jdbc.update(c, INSERT_REVOKED, jti, poolId, clientId, millis(expires), millis(now));
            return logChange(c, poolId);
        });
    }

    @Override
    public void revokeClientTokens(String poolId, String clientId, Instant before) {
        updateLogged(poolId, REVOKE_CLIENT_TOKENS, millis(before), poolId, clientId);
    }

    @Override
    public void disableClient(String poolId, String clientId, Instant now) {
        updateLogged(poolId, DISABLE_CLIENT, millis(now), poolId, clientId);
    }

    @Override
    public void enableClient(String poolId, String clientId) {
        updateLogged(poolId, ENABLE_CLIENT, poolId, clientId);
    }

    @Override
    public List<String> purgeExpiredRevocations(Instant now) {
        return jdbc.inTransaction(c -> {
            List<String> pools = Jdbc.query(c, EXPIRED_REVOKED_POOLS, row -> row.getString(1), millis(now));
            for (String poolId : pools) {
                Jdbc.update(c, DELETE_EXPIRED_REVOKED, poolId, millis(now));
                logChange(c, poolId);
            }
            return pools;
        });
    }

    // ---------------------------------------------------------------- snapshot support

    @Override
    public Optional<PoolState> loadPoolState(String poolId) {
        return jdbc.read(c -> poolStates.one(c, poolId));
    }

    @Override
    public List<PoolState> loadAllPoolStates() {
        return jdbc.read(poolStates::all);
    }

    @Override
    public long latestRevision() {
        return jdbc.read(c -> Jdbc.queryOne(c, LATEST_REVISION, row -> row.getLong(1)).orElse(0L));
    }

    @Override
    public Changes changesSince(long revision) {
        return jdbc.read(c -> {
            Set<String> pools = new LinkedHashSet<>();
            long latest = revision;
            for (ChangeRow change : Jdbc.query(c, CHANGES_SINCE, r -> new ChangeRow(r.getLong(1), r.getString(2)), revision)) {
                latest = Math.max(latest, change.revision());
                pools.add(change.poolId());
            }
            return new Changes(List.copyOf(pools), latest);
        });
    }

    private record ChangeRow(long revision, String poolId) {
    }

    private record RateLimitRow(String clientId, ClientRateLimit limit) {
    }

    @Override
    public boolean ping() {
        try {
            return jdbc.read(c -> c.isValid(2));
        } catch (RuntimeException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- helpers

    private void updateLogged(String poolId, String sql, Object... params) {
        ChangeLog.updateLogged(jdbc, clock, poolId, sql, params);
    }

    private long logChange(Connection c, String poolId) throws SQLException {
        return ChangeLog.append(c, poolId, clock.millis());
    }

    private void insertTags(Connection c, String poolId, Map<String, String> tags) throws SQLException {
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            Jdbc.update(c, INSERT_TAG, poolId, tag.getKey(), tag.getValue());
        }
    }

    private static Map<String, String> tagsOf(Connection c, String poolId) throws SQLException {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String[] tag : Jdbc.query(c, TAGS_OF_POOL, row -> new String[] {row.getString(1), row.getString(2)}, poolId)) {
            tags.put(tag[0], tag[1]);
        }
        return tags;
    }

    private void insertKey(Connection c, SigningKey key) throws SQLException {
        Jdbc.update(c, INSERT_KEY, key.kid(), key.poolId(), key.purpose().name(), key.algorithm().name(),
                codec.seal(key.privateKeyPkcs8(), SealContexts.signingKey(key.poolId(), key.kid())),
                Base64.getEncoder().encodeToString(key.publicKeyX509()), millis(key.creationDate()),
                millis(key.activationDate()), key.revocationDate() == null ? null : millis(key.revocationDate()));
    }

    private static SigningKeyPolicy keyPolicy(Connection c, String poolId) throws SQLException {
        return Jdbc.queryOne(c, SELECT_KEY_POLICY, r -> keyPolicy(r, 1), poolId).orElse(SigningKeyPolicy.DEFAULT);
    }

    /** The policy in the three columns starting at {@code first}; SQL NULL reads as "server default". */
    static SigningKeyPolicy keyPolicy(ResultSet r, int first) throws SQLException {
        int days = r.getInt(first);
        Integer rotationPeriodDays = r.wasNull() ? null : days;
        int seconds = r.getInt(first + 1);
        Integer prePublicationSeconds = r.wasNull() ? null : seconds;
        return new SigningKeyPolicy(rotationPeriodDays, prePublicationSeconds, SigningAlgorithm.valueOf(r.getString(first + 2)));
    }

    private void insertSecret(Connection c, ClientSecret secret) throws SQLException {
        Jdbc.update(c, INSERT_SECRET, secret.secretId(), secret.clientId(),
                codec.seal(secret.value().getBytes(StandardCharsets.UTF_8),
                        SealContexts.clientSecret(secret.clientId(), secret.secretId())),
                secret.generated(), millis(secret.creationDate()));
    }

    private static void insertScopes(Connection c, ResourceServer server) throws SQLException {
        int position = 0;
        for (Scope scope : server.scopes()) {
            Jdbc.update(c, INSERT_SCOPE, server.poolId(), server.identifier(), position++, scope.name(),
                    scope.description());
        }
    }

    private static List<ResourceServer> resourceServersOf(Connection c, String poolId) throws SQLException {
        List<ResourceServer> out = new ArrayList<>();
        for (ResourceServerRow row : Jdbc.query(c, SERVERS_OF_POOL, JdbcStore::serverRow, poolId)) {
            out.add(withScopes(c, row));
        }
        return out;
    }

    private static ResourceServer withScopes(Connection c, ResourceServerRow row) throws SQLException {
        List<Scope> scopes = Jdbc.query(c, SCOPES_OF_SERVER, r -> new Scope(r.getString(1), r.getString(2)),
                row.poolId(), row.identifier());
        return new ResourceServer(row.poolId(), row.identifier(), row.name(), scopes);
    }

    private record ResourceServerRow(String poolId, String identifier, String name) {
    }

    private static <T> Page<T> page(List<T> rows, int limit, java.util.function.Function<T, String> key) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(items, key.apply(items.get(limit - 1)));
    }

    private static long millis(Instant instant) {
        return instant.toEpochMilli();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String join(List<String> values) {
        return String.join("\n", values);
    }

    static List<String> split(String joined) {
        return joined.isEmpty() ? List.of() : List.of(joined.split("\n", -1));
    }

    // ---------------------------------------------------------------- row mappers

    static UserPool pool(ResultSet r) throws SQLException {
        return pool(r, Dedup.NONE);
    }

    /** A pool row; {@code dedup} shares the values pools tend to repeat (sign-in settings above all). */
    static UserPool pool(ResultSet r, Dedup dedup) throws SQLException {
        Instant created = Instant.ofEpochMilli(r.getLong("created_at"));
        return new UserPool(dedup.of(r.getString("id")), dedup.of(r.getString("region")), r.getString("name"),
                dedup.of(r.getString("deletion_protection")), dedup.of(r.getString("tier")),
                dedup.of(r.getString("sign_in_settings")), created, sameOr(created, r.getLong("modified_at")));
    }

    static Domain domain(ResultSet r) throws SQLException {
        int version = r.getInt("managed_login_version");
        Integer managedLoginVersion = r.wasNull() ? null : version;
        return new Domain(r.getString("domain"), r.getString("pool_id"), r.getString("region"),
                r.getString("certificate_arn"), r.getString("security_policy"), managedLoginVersion);
    }

    private static ResourceServerRow serverRow(ResultSet r) throws SQLException {
        return new ResourceServerRow(r.getString("pool_id"), r.getString("identifier"), r.getString("name"));
    }

    static AppClient client(ResultSet r) throws SQLException {
        return client(r, Dedup.NONE);
    }

    /** An app client row; {@code dedup} shares what clients tend to repeat (pool id, flows, settings). */
    static AppClient client(ResultSet r, Dedup dedup) throws SQLException {
        TokenValidity validity = validity(
                r.getInt("access_validity"), TimeUnit.valueOf(r.getString("access_unit")),
                r.getInt("id_validity"), TimeUnit.valueOf(r.getString("id_unit")),
                r.getInt("refresh_validity"), TimeUnit.valueOf(r.getString("refresh_unit")));
        Instant created = Instant.ofEpochMilli(r.getLong("created_at"));
        return new AppClient(dedup.of(r.getString("pool_id")), r.getString("client_id"), r.getString("client_name"),
                validity, dedup.lines(r.getString("explicit_auth_flows")),
                dedup.lines(r.getString("identity_providers")), dedup.lines(r.getString("callback_urls")),
                dedup.lines(r.getString("logout_urls")), dedup.of(r.getString("default_redirect_uri")),
                dedup.lines(r.getString("oauth_flows")), dedup.lines(r.getString("oauth_scopes")),
                r.getBoolean("oauth_enabled"), r.getBoolean("token_revocation"),
                dedup.of(r.getString("extra_settings")), created, sameOr(created, r.getLong("modified_at")));
    }

    /**
     * {@link TokenValidity#DEFAULT} itself for the default (most clients), compared field by field:
     * the record's own equals runs through a method handle chain, slow in a JVM that just started.
     */
    private static TokenValidity validity(int access, TimeUnit accessUnit, int id, TimeUnit idUnit, int refresh,
                                          TimeUnit refreshUnit) {
        TokenValidity d = TokenValidity.DEFAULT;
        return access == d.access() && accessUnit == d.accessUnit() && id == d.id() && idUnit == d.idUnit()
                && refresh == d.refresh() && refreshUnit == d.refreshUnit()
                ? d : new TokenValidity(access, accessUnit, id, idUnit, refresh, refreshUnit);
    }

    /** {@code instant} itself when it is {@code millis} (a row never modified since created), else a new one. */
    private static Instant sameOr(Instant instant, long millis) {
        return instant.toEpochMilli() == millis ? instant : Instant.ofEpochMilli(millis);
    }

    /** A secret row opened now (describe, list, rotation): one that does not open is left out and logged. */
    private Optional<ClientSecret> secret(ResultSet r) throws SQLException {
        String secretId = r.getString("secret_id");
        String clientId = r.getString("client_id");
        boolean generated = r.getBoolean("generated");
        Instant created = Instant.ofEpochMilli(r.getLong("created_at"));
        return SealedClientSecret.open(codec, clientId, secretId, r.getString("sealed_value"))
                .map(value -> new ClientSecret(secretId, clientId, new String(value, StandardCharsets.UTF_8),
                        generated, created));
    }

    /** A secret row for the directory: kept sealed until the client's first authentication. */
    private SealedClientSecret sealedSecret(ResultSet r) throws SQLException {
        return new SealedClientSecret(r.getString("secret_id"), r.getString("client_id"), r.getString("sealed_value"),
                r.getLong("created_at"), codec);
    }

    /**
     * As {@link SealedClientSecret#open}: an unopenable key is left out and logged; a pool without an
     * active key refuses to sign. Keys are opened at load: a key that does not open must leave JWKS at once.
     */
    private Optional<SigningKey> signingKey(ResultSet r) throws SQLException {
        String kid = r.getString("kid");
        String poolId = r.getString("pool_id");
        byte[] privateKey;
        try {
            privateKey = codec.open(r.getString("sealed_private_key"), SealContexts.signingKey(poolId, kid));
        } catch (SecretCodec.OpenFailure e) {
            LOG.error("Signing key {} of pool {} is left out: its sealed private key does not open ({}). "
                    + "It was copied from another row or altered in the database.", kid, poolId, e.getMessage());
            return Optional.empty();
        }
        long revokedAt = r.getLong("revoked_at");
        Instant revocationDate = r.wasNull() ? null : Instant.ofEpochMilli(revokedAt);
        return Optional.of(new SigningKey(poolId, kid, KeyPurpose.valueOf(r.getString("purpose")),
                SigningAlgorithm.valueOf(r.getString("algorithm")), privateKey,
                Base64.getDecoder().decode(r.getString("public_key")), Instant.ofEpochMilli(r.getLong("created_at")),
                Instant.ofEpochMilli(r.getLong("activate_at")), revocationDate));
    }

    private static <T> List<T> present(List<Optional<T>> rows) {
        return rows.stream().flatMap(Optional::stream).toList();
    }
}
