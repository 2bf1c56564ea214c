package dev.gatehouse.store.jdbc;

import dev.gatehouse.model.AppClient;
import dev.gatehouse.model.ClientRateLimit;
import dev.gatehouse.model.Domain;
import dev.gatehouse.model.ResourceServer;
import dev.gatehouse.model.Scope;
import dev.gatehouse.model.SigningKey;
import dev.gatehouse.model.SigningKeyPolicy;
import dev.gatehouse.model.UserPool;
import dev.gatehouse.store.ClientSecrets;
import dev.gatehouse.store.PoolState;
import dev.gatehouse.store.RevocationState;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
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
 *
 * <p>The queries have no ORDER BY and the rows are sorted per pool here instead: on H2 an ORDER BY
 * over a whole table walks an index and fetches every row from it at random (or sorts in the
 * database), which made start-up with 100,000 app clients several times slower than reading the
 * tables in storage order. For the same reason every pool's secrets come from one plain scan of
 * {@code client_secret}, matched to the clients already read, and disabled clients and
 * revoked-before times from the same {@code app_client} rows as the clients. Secrets stay sealed
 * ({@link ClientSecrets}); values rows repeat are shared ({@link Dedup}).
 */
final class PoolStateReader {

    private static final String POOLS = "SELECT id, region, name, deletion_protection, tier, sign_in_settings, "
            + "created_at, modified_at FROM user_pool %s";
    private static final String DOMAINS = "SELECT region, domain, pool_id, certificate_arn, security_policy, "
            + "managed_login_version FROM pool_domain %s";
    private static final String SERVERS = "SELECT pool_id, identifier, name FROM resource_server %s";
    private static final String SCOPES =
            "SELECT pool_id, identifier, scope_name, description, position FROM resource_server_scope %s";
    private static final String CLIENTS = "SELECT " + JdbcStore.CLIENT_COLUMNS
            + ", disabled, tokens_revoked_before FROM app_client %s";
    private static final String SECRET_COLUMNS = "s.secret_id, s.client_id, s.sealed_value, s.generated, s.created_at";
    private static final String ALL_SECRETS = "SELECT " + SECRET_COLUMNS + " FROM client_secret s";
    private static final String SECRETS_OF_POOL = "SELECT " + SECRET_COLUMNS
            + " FROM client_secret s JOIN app_client c ON c.client_id = s.client_id WHERE c.pool_id = ?";
    private static final String RATE_LIMITS = """
            SELECT c.pool_id, r.client_id, r.rate_per_second, r.burst
            FROM client_rate_limit r JOIN app_client c ON c.client_id = r.client_id %s""";
    private static final String KEYS = "SELECT " + JdbcStore.KEY_COLUMNS + " FROM signing_key %s";
    private static final String KEY_POLICIES =
            "SELECT pool_id, rotation_period_days, pre_publication_seconds, algorithm FROM pool_key_policy %s";
    private static final String REVOKED = "SELECT pool_id, jti, expires_at FROM revoked_token %s";

    private static final Comparator<SigningKey> KEY_ORDER =
            Comparator.comparing(SigningKey::creationDate).thenComparing(SigningKey::kid);

    private final Jdbc.RowMapper<SealedClientSecret> secrets;
    private final Jdbc.RowMapper<Optional<SigningKey>> keys;

    /**
     * @param secrets reads a secret row without opening it (the directory opens it on first use)
     * @param keys    opens a key row; one that does not open maps to empty (left out, logged)
     */
    PoolStateReader(Jdbc.RowMapper<SealedClientSecret> secrets, Jdbc.RowMapper<Optional<SigningKey>> keys) {
        this.secrets = secrets;
        this.keys = keys;
    }

    Optional<PoolState> one(Connection c, String poolId) throws SQLException {
        return read(c, poolId).stream().findFirst();
    }

    /**
     * Every pool. On H2 the queries run lazily (rows come from the table as they are read, not
     * gathered into a result first): otherwise H2 holds each whole table's rows, 100,000 app
     * clients of 23 values each, while they are mapped, and every collection meanwhile copies them.
     */
    List<PoolState> all(Connection c) throws SQLException {
        if (!"H2".equals(c.getMetaData().getDatabaseProductName())) {
            return read(c, null);
        }
        setLazyQueryExecution(c, true);
        try {
            return read(c, null);
        } finally {
            setLazyQueryExecution(c, false); // the connection goes back to the pool
        }
    }

    private static void setLazyQueryExecution(Connection c, boolean lazy) throws SQLException {
        try (Statement statement = c.createStatement()) {
            statement.execute("SET LAZY_QUERY_EXECUTION " + (lazy ? "TRUE" : "FALSE"));
        }
    }

    /** An app client row with the two revocation columns read beside it. */
    private record ClientRow(AppClient client, boolean disabled, Long tokensRevokedBefore) {
    }

    /** The pools' states, ordered by pool id: of {@code poolId} only, or of every pool when it is null. */
    private List<PoolState> read(Connection c, String poolId) throws SQLException {
        Filter f = new Filter(poolId);
        Dedup dedup = new Dedup();
        List<UserPool> pools = new ArrayList<>(Jdbc.query(c, f.where(POOLS, "id"), r -> JdbcStore.pool(r, dedup),
                f.params()));
        if (pools.isEmpty()) {
            return List.of();
        }
        pools.sort(Comparator.comparing(UserPool::id));
        Map<String, List<Domain>> domains = sorted(group(Jdbc.query(c, f.where(DOMAINS, "pool_id"), JdbcStore::domain,
                f.params()), Domain::poolId), Comparator.comparing(Domain::domain));
        Map<String, List<ResourceServer>> servers = resourceServers(c, f);
        List<ClientRow> clientRows = Jdbc.query(c, f.where(CLIENTS, "pool_id"), r -> clientRow(r, dedup), f.params());
        Map<String, List<AppClient>> clients = sorted(group(clientRows.stream().map(ClientRow::client).toList(),
                AppClient::poolId), Comparator.comparing(AppClient::clientId));
        Map<String, List<SealedClientSecret>> secretsByClient = secretsByClient(c, poolId, clientRows.size());
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
        keysByPool.values().forEach(list -> list.sort(KEY_ORDER));
        Map<String, SigningKeyPolicy> policies = new HashMap<>();
        for (Pooled<SigningKeyPolicy> row : Jdbc.query(c, f.where(KEY_POLICIES, "pool_id"),
                pooled(r -> JdbcStore.keyPolicy(r, 2)), f.params())) {
            policies.put(row.poolId(), row.value());
        }
        Map<String, RevocationState> revocations = revocations(c, f, clientRows);
        List<PoolState> out = new ArrayList<>(pools.size());
        for (UserPool pool : pools) {
            String id = pool.id();
            List<AppClient> poolClients = clients.getOrDefault(id, List.of());
            out.add(new PoolState(pool, domains.getOrDefault(id, List.of()), servers.getOrDefault(id, List.of()),
                    poolClients, secretsOf(poolClients, secretsByClient),
                    keysByPool.getOrDefault(id, List.of()), limits.getOrDefault(id, Map.of()),
                    revocations.getOrDefault(id, RevocationState.EMPTY),
                    policies.getOrDefault(id, SigningKeyPolicy.DEFAULT)));
        }
        return out;
    }

    /**
     * Every secret row by client id, still sealed, in storage order. A secret whose client was not
     * read (none can exist: the foreign key cascades) is never looked up, so it is left out as the
     * join once left it out.
     */
    private Map<String, List<SealedClientSecret>> secretsByClient(Connection c, String poolId, int clients)
            throws SQLException {
        List<SealedClientSecret> rows = poolId == null
                ? Jdbc.query(c, ALL_SECRETS, secrets)
                : Jdbc.query(c, SECRETS_OF_POOL, secrets, poolId);
        Map<String, List<SealedClientSecret>> out = new HashMap<>(Math.max(16, clients * 2));
        for (SealedClientSecret secret : rows) {
            out.computeIfAbsent(secret.clientId(), k -> new ArrayList<>(AppClient.MAX_SECRETS)).add(secret);
        }
        return out;
    }

    /** The clients' secrets, each client's in creation order; a client without any has none in the map. */
    private static Map<String, ClientSecrets> secretsOf(List<AppClient> clients,
                                                        Map<String, List<SealedClientSecret>> secretsByClient) {
        Map<String, ClientSecrets> out = new HashMap<>(clients.size() * 2);
        for (AppClient client : clients) {
            List<SealedClientSecret> rows = secretsByClient.get(client.clientId());
            if (rows != null) {
                rows.sort(SealedClientSecret.ORDER);
                out.put(client.clientId(), ClientSecrets.sealed(rows));
            }
        }
        return out;
    }

    private static Map<String, List<ResourceServer>> resourceServers(Connection c, Filter f) throws SQLException {
        Map<String, List<Object[]>> scopeRows = new HashMap<>();
        for (Object[] row : Jdbc.query(c, f.where(SCOPES, "pool_id"),
                r -> new Object[] {r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getInt(5)},
                f.params())) {
            scopeRows.computeIfAbsent(row[0] + "\n" + row[1], k -> new ArrayList<>()).add(row);
        }
        Map<String, List<Scope>> scopes = new HashMap<>();
        scopeRows.forEach((server, rows) -> {
            rows.sort(Comparator.comparingInt(row -> (Integer) row[4]));
            scopes.put(server, rows.stream().map(row -> new Scope((String) row[2], (String) row[3])).toList());
        });
        Map<String, List<ResourceServer>> out = new HashMap<>();
        for (String[] row : Jdbc.query(c, f.where(SERVERS, "pool_id"),
                r -> new String[] {r.getString(1), r.getString(2), r.getString(3)}, f.params())) {
            out.computeIfAbsent(row[0], k -> new ArrayList<>()).add(new ResourceServer(row[0], row[1], row[2],
                    scopes.getOrDefault(row[0] + "\n" + row[1], List.of())));
        }
        return sorted(out, Comparator.comparing(ResourceServer::identifier));
    }

    private static Map<String, RevocationState> revocations(Connection c, Filter f, List<ClientRow> clients)
            throws SQLException {
        Map<String, Map<String, Long>> jtis = new HashMap<>();
        for (String[] row : Jdbc.query(c, f.where(REVOKED, "pool_id"),
                r -> new String[] {r.getString(1), r.getString(2), Long.toString(r.getLong(3))}, f.params())) {
            jtis.computeIfAbsent(row[0], k -> new HashMap<>()).put(row[1], Math.floorDiv(Long.parseLong(row[2]), 1000L));
        }
        Map<String, Map<String, Long>> before = new HashMap<>();
        Map<String, Set<String>> disabled = new HashMap<>();
        for (ClientRow row : clients) {
            String pool = row.client().poolId();
            if (row.disabled()) {
                disabled.computeIfAbsent(pool, k -> new HashSet<>()).add(row.client().clientId());
            }
            if (row.tokensRevokedBefore() != null) {
                before.computeIfAbsent(pool, k -> new HashMap<>()).put(row.client().clientId(), row.tokensRevokedBefore());
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

    private static ClientRow clientRow(ResultSet r, Dedup dedup) throws SQLException {
        AppClient client = JdbcStore.client(r, dedup);
        boolean disabled = r.getBoolean("disabled");
        long revokedBefore = r.getLong("tokens_revoked_before");
        return new ClientRow(client, disabled, r.wasNull() ? null : revokedBefore);
    }

    private record Pooled<T>(String poolId, T value) {
    }

    /** Reads the pool id from the first column, then the row with {@code mapper}. */
    private static <T> Jdbc.RowMapper<Pooled<T>> pooled(Jdbc.RowMapper<T> mapper) {
        return r -> new Pooled<>(r.getString(1), mapper.map(r));
    }

    /** Sorts every list of {@code groups} in place by {@code order}; returns {@code groups}. */
    private static <T> Map<String, List<T>> sorted(Map<String, List<T>> groups, Comparator<? super T> order) {
        groups.values().forEach(list -> list.sort(order));
        return groups;
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

        Object[] params() {
            return poolId == null ? new Object[0] : new Object[] {poolId};
        }
    }
}
