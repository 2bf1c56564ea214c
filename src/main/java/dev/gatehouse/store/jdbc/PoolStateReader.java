package dev.gatehouse.store.jdbc;

import dev.gatehouse.model.AppClient;
import dev.gatehouse.model.ClientRateLimit;
import dev.gatehouse.model.ClientSecret;
import dev.gatehouse.model.Domain;
import dev.gatehouse.model.ResourceServer;
import dev.gatehouse.model.Scope;
import dev.gatehouse.model.SigningKey;
import dev.gatehouse.model.SigningKeyPolicy;
import dev.gatehouse.model.UserPool;
import dev.gatehouse.store.PoolState;
import dev.gatehouse.store.RevocationState;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@link PoolState}s with one query per table: for one pool (after a write) or for every pool
 * at once (start-up), so loading 10,000 pools costs a dozen queries rather than a dozen per pool.
 * Rows are grouped by pool id in the order the queries return them.
 */
final class PoolStateReader {

    private static final String POOLS = "SELECT id, region, name, deletion_protection, tier, sign_in_settings, "
            + "created_at, modified_at FROM user_pool %s ORDER BY id";
    private static final String DOMAINS = "SELECT region, domain, pool_id, certificate_arn, security_policy, "
            + "managed_login_version FROM pool_domain %s ORDER BY domain";
    private static final String SERVERS = "SELECT pool_id, identifier, name FROM resource_server %s ORDER BY identifier";
    private static final String SCOPES =
            "SELECT pool_id, identifier, scope_name, description FROM resource_server_scope %s ORDER BY position";
    private static final String CLIENTS = "SELECT " + JdbcStore.CLIENT_COLUMNS + " FROM app_client %s ORDER BY client_id";
    private static final String SECRETS = """
            SELECT c.pool_id, s.secret_id, s.client_id, s.sealed_value, s.generated, s.created_at
            FROM client_secret s JOIN app_client c ON c.client_id = s.client_id
            %s ORDER BY s.created_at, s.secret_id""";
    private static final String RATE_LIMITS = """
            SELECT c.pool_id, r.client_id, r.rate_per_second, r.burst
            FROM client_rate_limit r JOIN app_client c ON c.client_id = r.client_id %s""";
    private static final String KEYS = "SELECT " + JdbcStore.KEY_COLUMNS + " FROM signing_key %s ORDER BY created_at, kid";
    private static final String KEY_POLICIES =
            "SELECT pool_id, rotation_period_days, pre_publication_seconds, algorithm FROM pool_key_policy %s";
    private static final String REVOKED = "SELECT pool_id, jti, expires_at FROM revoked_token %s";
    private static final String CLIENT_REVOCATIONS = """
            SELECT pool_id, client_id, disabled, tokens_revoked_before FROM app_client
            WHERE (disabled = TRUE OR tokens_revoked_before IS NOT NULL) %s""";

    private final Jdbc.RowMapper<Optional<ClientSecret>> secrets;
    private final Jdbc.RowMapper<Optional<SigningKey>> keys;

    /** @param secrets and @param keys open sealed rows; an unopenable row maps to empty (left out, logged) */
    PoolStateReader(Jdbc.RowMapper<Optional<ClientSecret>> secrets, Jdbc.RowMapper<Optional<SigningKey>> keys) {
        this.secrets = secrets;
        this.keys = keys;
    }

    Optional<PoolState> one(Connection c, String poolId) throws SQLException {
        return read(c, poolId).stream().findFirst();
    }

    List<PoolState> all(Connection c) throws SQLException {
        return read(c, null);
    }

    /** The pools' states: of {@code poolId} only, or of every pool when it is null. */
    private List<PoolState> read(Connection c, String poolId) throws SQLException {
        Filter f = new Filter(poolId);
        List<UserPool> pools = Jdbc.query(c, f.where(POOLS, "id"), JdbcStore::pool, f.params());
        if (pools.isEmpty()) {
            return List.of();
        }
        Map<String, List<Domain>> domains = group(Jdbc.query(c, f.where(DOMAINS, "pool_id"), JdbcStore::domain,
                f.params()), Domain::poolId);
        Map<String, List<ResourceServer>> servers = resourceServers(c, f);
        Map<String, List<AppClient>> clients = group(Jdbc.query(c, f.where(CLIENTS, "pool_id"), JdbcStore::client,
                f.params()), AppClient::poolId);
        Map<String, Map<String, List<ClientSecret>>> secretsByPool = new HashMap<>();
        for (Pooled<Optional<ClientSecret>> row : Jdbc.query(c, f.where(SECRETS, "c.pool_id"), pooled(secrets), f.params())) {
            row.value().ifPresent(secret -> secretsByPool.computeIfAbsent(row.poolId(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(secret.clientId(), k -> new ArrayList<>()).add(secret));
        }
        Map<String, Map<String, ClientRateLimit>> limits = new HashMap<>();
        for (Pooled<String[]> row : Jdbc.query(c, f.where(RATE_LIMITS, "c.pool_id"),
                pooled(r -> new String[] {r.getString(2), r.getString(3), r.getString(4)}), f.params())) {
            limits.computeIfAbsent(row.poolId(), k -> new LinkedHashMap<>()).put(row.value()[0],
                    new ClientRateLimit(Integer.parseInt(row.value()[1]), Integer.parseInt(row.value()[2])));
        }
        Map<String, List<SigningKey>> keysByPool = new HashMap<>();
        for (Optional<SigningKey> key : Jdbc.query(c, f.where(KEYS, "pool_id"), keys, f.params())) {
            key.ifPresent(k -> keysByPool.computeIfAbsent(k.poolId(), p -> new ArrayList<>()).add(k));
        }
        Map<String, SigningKeyPolicy> policies = new HashMap<>();
        for (Pooled<SigningKeyPolicy> row : Jdbc.query(c, f.where(KEY_POLICIES, "pool_id"),
                pooled(r -> JdbcStore.keyPolicy(r, 2)), f.params())) {
            policies.put(row.poolId(), row.value());
        }
        Map<String, RevocationState> revocations = revocations(c, f);
        List<PoolState> out = new ArrayList<>(pools.size());
        for (UserPool pool : pools) {
            String id = pool.id();
            out.add(new PoolState(pool, domains.getOrDefault(id, List.of()), servers.getOrDefault(id, List.of()),
                    clients.getOrDefault(id, List.of()), secretsByPool.getOrDefault(id, Map.of()),
                    keysByPool.getOrDefault(id, List.of()), limits.getOrDefault(id, Map.of()),
                    revocations.getOrDefault(id, RevocationState.EMPTY),
                    policies.getOrDefault(id, SigningKeyPolicy.DEFAULT)));
        }
        return out;
    }

    private static Map<String, List<ResourceServer>> resourceServers(Connection c, Filter f) throws SQLException {
        Map<String, List<Scope>> scopes = new HashMap<>();
        for (String[] row : Jdbc.query(c, f.where(SCOPES, "pool_id"),
                r -> new String[] {r.getString(1), r.getString(2), r.getString(3), r.getString(4)}, f.params())) {
            scopes.computeIfAbsent(row[0] + "\n" + row[1], k -> new ArrayList<>()).add(new Scope(row[2], row[3]));
        }
        Map<String, List<ResourceServer>> out = new HashMap<>();
        for (String[] row : Jdbc.query(c, f.where(SERVERS, "pool_id"),
                r -> new String[] {r.getString(1), r.getString(2), r.getString(3)}, f.params())) {
            out.computeIfAbsent(row[0], k -> new ArrayList<>()).add(new ResourceServer(row[0], row[1], row[2],
                    scopes.getOrDefault(row[0] + "\n" + row[1], List.of())));
        }
        return out;
    }

    private static Map<String, RevocationState> revocations(Connection c, Filter f) throws SQLException {
        Map<String, Map<String, Long>> jtis = new HashMap<>();
        for (String[] row : Jdbc.query(c, f.where(REVOKED, "pool_id"),
                r -> new String[] {r.getString(1), r.getString(2), Long.toString(r.getLong(3))}, f.params())) {
            jtis.computeIfAbsent(row[0], k -> new HashMap<>()).put(row[1], Math.floorDiv(Long.parseLong(row[2]), 1000L));
        }
        Map<String, Map<String, Long>> before = new HashMap<>();
        Map<String, Set<String>> disabled = new HashMap<>();
        for (String[] row : Jdbc.query(c, f.and(CLIENT_REVOCATIONS, "pool_id"), PoolStateReader::clientRevocation,
                f.params())) {
            if (row[2] != null) {
                disabled.computeIfAbsent(row[0], k -> new HashSet<>()).add(row[1]);
            }
            if (row[3] != null) {
                before.computeIfAbsent(row[0], k -> new HashMap<>()).put(row[1], Long.parseLong(row[3]));
            }
        }
        Set<String> pools = new HashSet<>(jtis.keySet());
        pools.addAll(before.keySet());
        pools.addAll(disabled.keySet());
        Map<String, RevocationState> out = new HashMap<>();
        for (String pool : pools) {
            out.put(pool, new RevocationState(jtis.getOrDefault(pool, Map.of()), before.getOrDefault(pool, Map.of()),
                    disabled.getOrDefault(pool, Set.of())));
        }
        return out;
    }

    /** pool id, client id, "disabled" when disabled (else null), tokens-revoked-before millis or null. */
    private static String[] clientRevocation(ResultSet r) throws SQLException {
        long revokedBefore = r.getLong(4);
        String before = r.wasNull() ? null : Long.toString(revokedBefore);
        return new String[] {r.getString(1), r.getString(2), r.getBoolean(3) ? "disabled" : null, before};
    }

    private record Pooled<T>(String poolId, T value) {
    }

    /** Reads the pool id from the first column, then the row with {@code mapper}. */
    private static <T> Jdbc.RowMapper<Pooled<T>> pooled(Jdbc.RowMapper<T> mapper) {
        return r -> new Pooled<>(r.getString(1), mapper.map(r));
    }

    private static <T> Map<String, List<T>> group(List<T> rows, java.util.function.Function<T, String> poolOf) {
        Map<String, List<T>> out = new HashMap<>();
        for (T row : rows) {
            out.computeIfAbsent(poolOf.apply(row), k -> new ArrayList<>()).add(row);
        }
        return out;
    }

    /** The WHERE clause narrowing a query to one pool, or nothing for all pools. */
    private record Filter(String poolId) {

        String where(String sql, String column) {
            return sql.formatted(poolId == null ? "" : "WHERE " + column + " = ?");
        }

        String and(String sql, String column) {
            return sql.formatted(poolId == null ? "" : "AND " + column + " = ?");
        }

        Object[] params() {
            return poolId == null ? new Object[0] : new Object[] {poolId};
        }
    }
}
