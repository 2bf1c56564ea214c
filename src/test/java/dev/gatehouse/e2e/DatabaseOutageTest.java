package dev.gatehouse.e2e;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.gatehouse.testing.TcpFaultProxy;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InternalErrorException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceServerScopeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * SECURITY §3.3 F1 (DESIGN §3 variant): PostgreSQL vanishes behind a TCP fault proxy that resets
 * every connection and refuses new ones. Tokens keep coming from the in-memory snapshot and keep
 * verifying, JWKS and discovery stay up, readiness drops, management calls fail fast with a
 * generic InternalErrorException and write nothing; when the database returns, so does everything
 * else — without a restart.
 */
@EnabledIfEnvironmentVariable(named = TestDatabase.ENV, matches = ".+",
        disabledReason = "the database outage test needs PostgreSQL: set " + TestDatabase.ENV
                + " (e.g. jdbc:postgresql://127.0.0.1:5432/test?user=root)")
class DatabaseOutageTest {

    private static final String PREFIX = "outage-demo";
    private static final String GENERIC = "Gatehouse could not complete the request; nothing was changed. See the server log.";

    private final Map<String, Long> measured = new LinkedHashMap<>();

    @Test
    void databaseWhenUnreachableThenTokensStillIssuedManagementFailsCleanlyAndAllRecovers() throws Exception {
        URI direct = URI.create(TestDatabase.postgresUrl().substring("jdbc:".length()));
        String schema = TestDatabase.freshSchema();
        try (TcpFaultProxy proxy = new TcpFaultProxy(direct.getHost(), direct.getPort())) {
            String viaProxy = "jdbc:postgresql://127.0.0.1:" + proxy.port() + direct.getRawPath()
                    + (direct.getRawQuery() == null ? "" : "?" + direct.getRawQuery());
            try (TestServer server = TestServer.startNode(viaProxy, schema, c -> c);
                 CognitoIdentityProviderClient cognito = server.cognitoWithoutRetries()) {
                run(server, cognito, proxy);
            }
        } finally {
            TestDatabase.drop(schema);
            measured.forEach((what, millis) -> System.out.println("[DatabaseOutageTest] " + what + ": " + millis + " ms"));
        }
    }

    private void run(TestServer server, CognitoIdentityProviderClient cognito, TcpFaultProxy proxy) throws Exception {
        String poolId = cognito.createUserPool(r -> r.poolName("outage")).userPool().id();
        cognito.createUserPoolDomain(r -> r.userPoolId(poolId).domain(PREFIX));
        cognito.createResourceServer(r -> r.userPoolId(poolId).identifier("api").name("API")
                .scopes(ResourceServerScopeType.builder().scopeName("read").scopeDescription("read").build()));
        UserPoolClientType client = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("m2m")
                .generateSecret(true).allowedOAuthFlows(OAuthFlowType.CLIENT_CREDENTIALS)
                .allowedOAuthScopes("api/read").allowedOAuthFlowsUserPoolClient(true)).userPoolClient();
        String host = PREFIX + ".auth.us-east-1.localhost";
        Supplier<Curl.Response> token = () -> Curl.token(host, server.port(), client.clientId(), client.clientSecret(),
                "grant_type=client_credentials&scope=api%2Fread");
        assertThat(token.get().status()).isEqualTo(200);
        assertThat(status(server.baseUrl() + "/health/ready")).isEqualTo(200);
        assertThat(proxy.acceptedConnections()).as("the server really talks through the proxy").isPositive();

        // ---- the database disappears
        proxy.mode(TcpFaultProxy.Mode.REFUSE);

        long start = System.nanoTime();
        Curl.Response during = token.get();
        measured.put("outage: token request", millisSince(start));
        assertThat(during.status()).as(during.toString()).isEqualTo(200);
        // A verifier set up during the outage: discovery and JWKS come from memory.
        String issuer = server.issuer(poolId);
        JWTClaimsSet claims = IndependentVerifier.fromDiscovery(issuer).verify(during.accessToken());
        assertThat(claims.getStringClaim("client_id")).isEqualTo(client.clientId());
        assertThat(claims.getStringClaim("scope")).isEqualTo("api/read");
        assertThat(IndependentVerifier.get(issuer + "/.well-known/jwks.json").statusCode()).isEqualTo(200);
        assertThat(status(server.baseUrl() + "/health/live")).isEqualTo(200);

        measured.put("outage: /health/ready -> 503", Await.within(Duration.ofSeconds(5), "/health/ready answers 503",
                () -> status(server.baseUrl() + "/health/ready") == 503));

        start = System.nanoTime();
        InternalErrorException write = catchThrowableOfType(() -> cognito.createResourceServer(r -> r.userPoolId(poolId)
                .identifier("during-outage").name("lost")
                .scopes(ResourceServerScopeType.builder().scopeName("x").scopeDescription("x").build())),
                InternalErrorException.class);
        long writeMillis = millisSince(start);
        measured.put("outage: CreateResourceServer fails", writeMillis);
        assertGenericInternalError(write, proxy);
        assertThat(writeMillis).isLessThan(5_000);

        start = System.nanoTime();
        InternalErrorException read = catchThrowableOfType(() -> cognito.describeUserPool(r -> r.userPoolId(poolId)),
                InternalErrorException.class);
        long readMillis = millisSince(start);
        measured.put("outage: DescribeUserPool fails", readMillis);
        assertGenericInternalError(read, proxy);
        assertThat(readMillis).isLessThan(5_000);

        // Tokens keep flowing through the whole outage.
        assertThat(token.get().status()).isEqualTo(200);

        // ---- the database comes back
        proxy.mode(TcpFaultProxy.Mode.PASS);
        long back = System.nanoTime();
        Await.within(Duration.ofSeconds(10), "a write succeeds again", () -> {
            try {
                cognito.createResourceServer(r -> r.userPoolId(poolId).identifier("after-outage").name("after")
                        .scopes(ResourceServerScopeType.builder().scopeName("y").scopeDescription("y").build()));
                return true;
            } catch (InternalErrorException stillDown) {
                return false;
            }
        });
        measured.put("recovery: first successful write", millisSince(back));
        Await.within(Duration.ofSeconds(10), "/health/ready answers 200",
                () -> status(server.baseUrl() + "/health/ready") == 200);
        measured.put("recovery: /health/ready -> 200", millisSince(back));

        // The write that failed left nothing behind.
        ResourceNotFoundException gone = catchThrowableOfType(() -> cognito.describeResourceServer(r -> r
                .userPoolId(poolId).identifier("during-outage")), ResourceNotFoundException.class);
        assertThat(gone).isNotNull();
        assertThat(gone.awsErrorDetails().errorMessage()).isEqualTo("Resource server during-outage does not exist.");
        assertThat(cognito.listResourceServers(r -> r.userPoolId(poolId).maxResults(50)).resourceServers())
                .extracting(s -> s.identifier()).containsExactlyInAnyOrder("after-outage", "api");
        assertThat(cognito.describeUserPool(r -> r.userPoolId(poolId)).userPool().id()).isEqualTo(poolId);
        assertThat(token.get().status()).isEqualTo(200);
    }

    /** HTTP 500 with Cognito's InternalErrorException and a message that names nothing inside. */
    private static void assertGenericInternalError(AwsServiceException e, TcpFaultProxy proxy) {
        assertThat(e).as("an InternalErrorException").isNotNull();
        assertThat(e.statusCode()).isEqualTo(500);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalErrorException");
        String message = e.awsErrorDetails().errorMessage();
        assertThat(message).isEqualTo(GENERIC);
        for (String leak : List.of("SQL", "jdbc", "postgres", "127.0.0.1", "localhost", String.valueOf(proxy.port()),
                "Exception", "\tat ", "gh_", "select", "insert")) {
            assertThat(message).doesNotContainIgnoringCase(leak);
        }
    }

    private static int status(String url) {
        try {
            return IndependentVerifier.get(url).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
