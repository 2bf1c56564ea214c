package dev.gatehouse.e2e;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.gatehouse.config.AbuseProtection;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.model.ClientRateLimit;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceServerScopeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Gatehouse nodes on one PostgreSQL schema, behind one issuer name as a load balancer would
 * present them (DESIGN §6). Writes go to node 1; node 2 learns of them from the change log
 * (DESIGN §3) within the 5 s SECURITY TE-17/TE-18 allow. PostgreSQL only: H2 is single-node.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIfEnvironmentVariable(named = TestDatabase.ENV, matches = ".+",
        disabledReason = "multi-node tests need PostgreSQL: set " + TestDatabase.ENV
                + " (e.g. jdbc:postgresql://127.0.0.1:5432/test?user=root)")
class MultiNodeTest {

    private static final String ISSUER_BASE = "http://gatehouse.cluster.test";
    private static final Duration PROPAGATION = Duration.ofSeconds(5);

    private final Map<String, Long> measured = new LinkedHashMap<>();
    private final AtomicInteger prefixes = new AtomicInteger();
    private TestServer node1;
    private TestServer node2;
    private CognitoIdentityProviderClient cognito1;
    private CognitoIdentityProviderClient cognito2;

    @BeforeAll
    void startTwoNodes() {
        node1 = TestServer.start(TestDatabase.POSTGRES, MultiNodeTest::cluster);
        try {
            node2 = TestServer.startNode(TestDatabase.postgresUrl(), node1.schema(), MultiNodeTest::cluster);
        } catch (RuntimeException e) {
            node1.close();
            throw e;
        }
        cognito1 = node1.cognito();
        cognito2 = node2.cognito();
    }

    @AfterAll
    void stopNodes() {
        if (cognito1 != null) {
            cognito1.close();
            cognito2.close();
        }
        try {
            if (node2 != null) {
                node2.close();
            }
        } finally {
            if (node1 != null) {
                node1.close(); // owns the schema: drops it
            }
        }
        measured.forEach((what, millis) -> System.out.println("[MultiNodeTest] " + what + ": " + millis + " ms"));
    }

    /**
     * Both nodes behind one issuer name. The test polls with credentials a node does not know yet (or no
     * longer knows), which the failed-authentication throttle would rightly stop after 10 tries; this test
     * measures propagation, so it lifts the limits (AbuseProtectionTest covers them).
     */
    private static GatehouseConfig cluster(GatehouseConfig config) {
        return config.withIssuerBaseUrl(ISSUER_BASE).withAbuseProtection(new AbuseProtection(List.of(),
                new ClientRateLimit(10_000, 10_000), 1_000_000, 1_000_000, 1_000_000, Duration.ofMinutes(1),
                AbuseProtection.DEFAULTS.headerTimeout()));
    }

    /** A pool with a domain, resource server {@code api} (read, write) and an M2M client, all made on node 1. */
    private record World(String poolId, String host, String clientId, String secret) {
    }

    private World world() {
        String prefix = "mn-" + prefixes.incrementAndGet() + "-" + Long.toString(System.nanoTime(), 36);
        String poolId = cognito1.createUserPool(r -> r.poolName("multi-node")).userPool().id();
        cognito1.createUserPoolDomain(r -> r.userPoolId(poolId).domain(prefix));
        cognito1.createResourceServer(r -> r.userPoolId(poolId).identifier("api").name("API")
                .scopes(scope("read"), scope("write")));
        UserPoolClientType client = cognito1.createUserPoolClient(r -> r.userPoolId(poolId).clientName("m2m")
                .generateSecret(true).allowedOAuthFlows(OAuthFlowType.CLIENT_CREDENTIALS)
                .allowedOAuthScopes("api/read", "api/write").allowedOAuthFlowsUserPoolClient(true)).userPoolClient();
        return new World(poolId, prefix + ".auth.us-east-1.localhost", client.clientId(), client.clientSecret());
    }

    private static ResourceServerScopeType scope(String name) {
        return ResourceServerScopeType.builder().scopeName(name).scopeDescription(name).build();
    }

    private static Curl.Response token(TestServer node, World world, String secret) {
        return Curl.token(world.host(), node.port(), world.clientId(), secret, "grant_type=client_credentials");
    }

    private static boolean refusedAsInvalidClient(Curl.Response response) {
        return response.status() == 401 && "invalid_client".equals(response.json().path("error").textValue());
    }

    @Test
    void writesOnNode1WhenPolledByNode2ThenIssuanceRotationAndDeletionPropagateWithin5s() throws Exception {
        World world = world();

        long created = Await.within(PROPAGATION, "node 2 issues a token for a client created on node 1",
                () -> token(node2, world, world.secret()).status() == 200);
        measured.put("create on node 1 -> token on node 2", created);

        // Same keys on both nodes: node 2's token verifies against node 1's JWKS, and the documents match.
        String token = token(node2, world, world.secret()).accessToken();
        String issuer = ISSUER_BASE + "/" + world.poolId();
        String jwks1 = node1.baseUrl() + "/" + world.poolId() + "/.well-known/jwks.json";
        String jwks2 = node2.baseUrl() + "/" + world.poolId() + "/.well-known/jwks.json";
        JWTClaimsSet claims = IndependentVerifier.fromJwks(jwks1, issuer).verify(token);
        assertThat(claims.getStringClaim("client_id")).isEqualTo(world.clientId());
        assertThat(claims.getStringClaim("scope")).isEqualTo("api/read api/write");
        assertThat(IndependentVerifier.get(jwks2).body()).isEqualTo(IndependentVerifier.get(jwks1).body());
        assertThat(IndependentVerifier.fromJwks(jwks2, issuer).verify(token(node1, world, world.secret()).accessToken())
                .getIssuer()).isEqualTo(issuer);

        // TE-18: a second secret works on node 2; the old one keeps working during the overlap.
        String oldSecretId = cognito1.listUserPoolClientSecrets(r -> r.userPoolId(world.poolId()).clientId(world.clientId()))
                .clientSecrets().get(0).clientSecretId();
        String newSecret = cognito1.addUserPoolClientSecret(r -> r.userPoolId(world.poolId()).clientId(world.clientId()))
                .clientSecretDescriptor().clientSecretValue();
        long added = Await.within(PROPAGATION, "node 2 accepts the added secret",
                () -> token(node2, world, newSecret).status() == 200);
        measured.put("AddUserPoolClientSecret on node 1 -> new secret works on node 2", added);
        assertThat(token(node2, world, world.secret()).status()).isEqualTo(200);
        assertThat(token(node1, world, newSecret).status()).isEqualTo(200);

        // TE-18: after deleting the old secret on node 1, node 2 refuses it; the new one still works.
        cognito1.deleteUserPoolClientSecret(r -> r.userPoolId(world.poolId()).clientId(world.clientId())
                .clientSecretId(oldSecretId));
        assertThat(refusedAsInvalidClient(token(node1, world, world.secret()))).isTrue();
        long secretDeleted = Await.within(PROPAGATION, "node 2 refuses the deleted secret",
                () -> refusedAsInvalidClient(token(node2, world, world.secret())));
        measured.put("DeleteUserPoolClientSecret on node 1 -> old secret refused on node 2", secretDeleted);
        assertThat(token(node2, world, newSecret).status()).isEqualTo(200);

        // TE-17: after deleting the client on node 1, node 2 refuses it.
        cognito1.deleteUserPoolClient(r -> r.userPoolId(world.poolId()).clientId(world.clientId()));
        assertThat(refusedAsInvalidClient(token(node1, world, newSecret))).isTrue();
        long clientDeleted = Await.within(PROPAGATION, "node 2 refuses the deleted client",
                () -> refusedAsInvalidClient(token(node2, world, newSecret)));
        measured.put("DeleteUserPoolClient on node 1 -> invalid_client on node 2", clientDeleted);
    }

    /**
     * TE-17 when a writer is slow to commit: it has taken change-log revision N (a GC pause or a slow
     * network between INSERT and COMMIT) while another write on node 1 wants N+1. Had N+1 committed
     * first, node 2 would poll past N and never apply it — the deleted client would keep getting
     * tokens there. So the later write must wait for the earlier commit. The slow writer is a
     * DeleteUserPoolClient in plain SQL doing what JdbcStore does, so the test can hold it open.
     */
    @Test
    void deletionWhenCommittedLateThenLaterWriteWaitsAndBothReachNode2() throws Exception {
        World world = world();
        World other = world();
        Await.within(PROPAGATION, "node 2 knows the client", () -> token(node2, world, world.secret()).status() == 200);
        ExecutorService threads = Executors.newSingleThreadExecutor();
        try (Connection slow = DriverManager.getConnection(TestDatabase.postgresUrl());
             Connection observer = DriverManager.getConnection(TestDatabase.postgresUrl())) {
            try (Statement s = slow.createStatement()) {
                s.execute("SET search_path TO " + node1.schema());
            }
            slow.setAutoCommit(false);
            try (Statement lock = slow.createStatement();
                 PreparedStatement delete = slow.prepareStatement("DELETE FROM app_client WHERE client_id = ?");
                 PreparedStatement log = slow.prepareStatement("INSERT INTO change_log (pool_id, changed_at) VALUES (?, ?)")) {
                lock.executeQuery("SELECT setting_value FROM gatehouse_setting WHERE setting_name = 'change_log.order' FOR UPDATE")
                        .close();
                delete.setString(1, world.clientId());
                assertThat(delete.executeUpdate()).isEqualTo(1);
                log.setString(1, world.poolId());
                log.setLong(2, System.currentTimeMillis());
                log.executeUpdate();
            }
            Future<String> later = threads.submit(() -> cognito1.createUserPoolClient(r -> r.userPoolId(other.poolId())
                    .clientName("later").generateSecret(true).allowedOAuthFlows(OAuthFlowType.CLIENT_CREDENTIALS)
                    .allowedOAuthScopes("api/read").allowedOAuthFlowsUserPoolClient(true)).userPoolClient().clientId());
            Await.within(PROPAGATION, "the later write waits for the earlier revision's commit",
                    () -> waitingForChangeOrder(observer));
            assertThat(later).isNotDone();
            slow.commit();
            assertThat(later.get(10, TimeUnit.SECONDS)).isNotBlank();
        } finally {
            threads.shutdownNow();
        }
        long late = Await.within(PROPAGATION, "both nodes refuse the client deleted by the late commit",
                () -> refusedAsInvalidClient(token(node2, world, world.secret()))
                        && refusedAsInvalidClient(token(node1, world, world.secret())));
        measured.put("late-committed DeleteUserPoolClient -> invalid_client on both nodes", late);
        assertThat(token(node2, other, other.secret()).status()).isEqualTo(200);
    }

    private static boolean waitingForChangeOrder(Connection observer) {
        try (Statement s = observer.createStatement();
             ResultSet rows = s.executeQuery("SELECT count(*) FROM pg_stat_activity "
                     + "WHERE wait_event_type = 'Lock' AND query LIKE '%change_log.order%' AND pid <> pg_backend_pid()")) {
            return rows.next() && rows.getInt(1) > 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void createResourceServerWhenSameIdentifierOnBothNodesAtOnceThenExactlyOneSucceeds() throws Exception {
        World world = world();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String identifier = "race-" + round;
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<String>> outcomes = new ArrayList<>();
                for (CognitoIdentityProviderClient cognito : List.of(cognito1, cognito2)) {
                    outcomes.add(threads.submit(createResourceServer(cognito, start, world.poolId(), identifier)));
                }
                List<String> results = new ArrayList<>();
                for (Future<String> outcome : outcomes) {
                    results.add(outcome.get(10, TimeUnit.SECONDS));
                }
                assertThat(results).as("round " + round).containsExactlyInAnyOrder("created",
                        "InvalidParameterException: A resource server with identifier " + identifier
                                + " already exists in user pool " + world.poolId() + ".");
                assertThat(cognito2.listResourceServers(r -> r.userPoolId(world.poolId()).maxResults(50))
                        .resourceServers()).filteredOn(s -> s.identifier().equals(identifier)).hasSize(1);
            }

            // MN-03: the same ClientName at once on both nodes gives two clients with distinct ids.
            CyclicBarrier start = new CyclicBarrier(2);
            List<Future<String>> ids = new ArrayList<>();
            for (CognitoIdentityProviderClient cognito : List.of(cognito1, cognito2)) {
                ids.add(threads.submit(() -> {
                    start.await(5, TimeUnit.SECONDS);
                    return cognito.createUserPoolClient(r -> r.userPoolId(world.poolId()).clientName("twin")
                            .generateSecret(true)).userPoolClient().clientId();
                }));
            }
            assertThat(ids.get(0).get(10, TimeUnit.SECONDS)).isNotEqualTo(ids.get(1).get(10, TimeUnit.SECONDS));
        } finally {
            threads.shutdownNow();
        }
    }

    private static Callable<String> createResourceServer(CognitoIdentityProviderClient cognito, CyclicBarrier start,
                                                         String poolId, String identifier) {
        return () -> {
            start.await(5, TimeUnit.SECONDS);
            try {
                cognito.createResourceServer(r -> r.userPoolId(poolId).identifier(identifier).name(identifier)
                        .scopes(scope("read")));
                return "created";
            } catch (InvalidParameterException e) {
                assertThat(e.statusCode()).isEqualTo(400);
                return "InvalidParameterException: " + e.awsErrorDetails().errorMessage();
            }
        };
    }

    @Test
    void tokensWhenIssuedInTheSameSecondOnBothNodesThenJtisDistinctAndAllVerify() throws Exception {
        World world = world();
        Await.within(PROPAGATION, "node 2 knows the client", () -> token(node2, world, world.secret()).status() == 200);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<String>>> batches = new ArrayList<>();
            CyclicBarrier start = new CyclicBarrier(2);
            for (TestServer node : List.of(node1, node2)) {
                batches.add(threads.submit(() -> {
                    start.await(5, TimeUnit.SECONDS);
                    List<String> tokens = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        Curl.Response response = token(node, world, world.secret());
                        assertThat(response.status()).as(response.toString()).isEqualTo(200);
                        tokens.add(response.accessToken());
                    }
                    return tokens;
                }));
            }
            String issuer = ISSUER_BASE + "/" + world.poolId();
            IndependentVerifier viaNode1 = IndependentVerifier.fromJwks(
                    node1.baseUrl() + "/" + world.poolId() + "/.well-known/jwks.json", issuer);
            IndependentVerifier viaNode2 = IndependentVerifier.fromJwks(
                    node2.baseUrl() + "/" + world.poolId() + "/.well-known/jwks.json", issuer);
            Set<String> jtis = new HashSet<>();
            List<Set<Long>> seconds = List.of(new HashSet<>(), new HashSet<>());
            for (int node = 0; node < 2; node++) {
                for (String token : batches.get(node).get(30, TimeUnit.SECONDS)) {
                    JWTClaimsSet claims = (node == 0 ? viaNode2 : viaNode1).verify(token);
                    assertThat(jtis.add(claims.getJWTID())).as("jti %s repeated", claims.getJWTID()).isTrue();
                    seconds.get(node).add(claims.getIssueTime().getTime() / 1000);
                }
            }
            assertThat(jtis).hasSize(40);
            Set<Long> shared = new HashSet<>(seconds.get(0));
            shared.retainAll(seconds.get(1));
            assertThat(shared).as("both nodes issued tokens within one second").isNotEmpty();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            threads.shutdownNow();
        }
    }
}
