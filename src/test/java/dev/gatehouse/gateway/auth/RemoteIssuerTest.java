package dev.gatehouse.gateway.auth;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.gateway.Gateway;
import dev.gatehouse.model.api.ApiDefinition;
import dev.gatehouse.model.api.ApiMethod;
import dev.gatehouse.model.api.ApiResource;
import dev.gatehouse.model.api.Authorizer;
import dev.gatehouse.model.api.DeployedStage;
import dev.gatehouse.model.api.Integration;
import dev.gatehouse.model.api.IntegrationResponse;
import dev.gatehouse.model.api.Stage;
import dev.gatehouse.net.ClientAddress;
import dev.gatehouse.net.ListenerOptions;
import dev.gatehouse.observe.AccessLog;
import dev.gatehouse.server.Components;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceServerScopeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JWT authorizers against issuers that are not this Gatehouse (SPEC §6.4, issue 4): a second real Gatehouse
 * whose tokens the gateway verifies through discovery and JWKS over HTTP, and a {@link TestIssuer} the test
 * controls, behind a TCP fault proxy, so that fetches can be counted and the issuer taken off the network.
 * Each test gets a fresh gateway (fresh key cache) on its own listener with a {@link MovableClock}, so TTLs
 * and penalty windows pass without waiting.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteIssuerTest {

    static final String API = "r3m0t31ss1";
    static final String AUDIENCE = "m2m-client";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TTL = Duration.ofMinutes(5);
    static final Duration PENALTY = Duration.ofSeconds(10);

    TestServer gatewayNode;
    TestServer issuerNode;
    Vertx vertx;
    HttpClient client;
    Context context;
    String remotePool;
    UserPoolClientType remoteClient;

    MovableClock clock;
    TestIssuer issuer;
    KeyPair k1;
    Gateway gateway;
    HttpServer listener;

    @BeforeAll
    void startNodes() {
        gatewayNode = TestServer.start(TestDatabase.H2);
        issuerNode = TestServer.start(TestDatabase.H2);
        vertx = gatewayNode.server().components().vertx();
        context = vertx.getOrCreateContext();
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(64));
        try (CognitoIdentityProviderClient cognito = issuerNode.cognito()) {
            remotePool = cognito.createUserPool(r -> r.poolName("remote")).userPool().id();
            cognito.createResourceServer(r -> r.userPoolId(remotePool).identifier("orders").name("Orders").scopes(
                    scope("read"), scope("write")));
            remoteClient = cognito.createUserPoolClient(r -> r.userPoolId(remotePool).clientName("svc")
                    .generateSecret(true).allowedOAuthFlows(OAuthFlowType.CLIENT_CREDENTIALS)
                    .allowedOAuthScopes("orders/read", "orders/write").allowedOAuthFlowsUserPoolClient(true))
                    .userPoolClient();
        }
    }

    @AfterAll
    void stopNodes() {
        client.close().await();
        issuerNode.close();
        gatewayNode.close();
    }

    @BeforeEach
    void startGateway() throws Exception {
        clock = new MovableClock();
        issuer = TestIssuer.start(vertx);
        k1 = TestIssuer.rsa(2048, 65537);
        issuer.publish(Map.of("k1", (RSAPublicKey) k1.getPublic()));
        Components c = gatewayNode.server().components();
        DeployedStage stage = stage();
        gateway = new Gateway(vertx, c.directory(), (api, name) -> api.equals(API) && name.equals("prod")
                ? Optional.of(stage) : Optional.empty(), c::issuerBaseUrl, clock, ClientAddress.direct(), "localhost",
                AccessLog.DISCARD);
        Router router = Router.router(vertx);
        listener = ListenerOptions.server(vertx, gateway.handler(), java.time.Duration.ofSeconds(10)).requestHandler(router)
                .listen(0, "127.0.0.1").await();
    }

    @AfterEach
    void stopGateway() {
        listener.close().await();
        gateway.close();
        issuer.close();
    }

    // ---------------------------------------------------------------- a second real Gatehouse as the issuer

    @Test
    void remoteGatehouseTokenWhenAudienceAndScopeMatchThenAdmitted() throws Exception {
        String read = remoteToken("orders/read");
        assertThat(call("/gatehouse", read)).isEqualTo(200);
        assertThat(call("/gatehouse-write", read)).as("scope missing: 403 Forbidden").isEqualTo(403);
        assertThat(call("/gatehouse-other-audience", read)).as("client id not in the audience").isEqualTo(401);
        assertThat(call("/gatehouse-write", remoteToken("orders/write"))).isEqualTo(200);
        assertThat(call("/gatehouse", tamper(read))).as("claims changed after signing").isEqualTo(401);
        assertThat(call("/gatehouse", null)).isEqualTo(401);
        // The same remote token on a route whose issuer is another one: refused before any key lookup.
        assertThat(call("/controlled", read)).isEqualTo(401);
        assertThat(issuer.discoveryRequests()).isZero();
    }

    @Test
    void remoteGatehouseWhenKeysEmergencyRotatedThenNewKidAfterPenaltyAndRevokedKidRefused() throws Exception {
        String before = remoteToken("orders/read");
        assertThat(call("/gatehouse", before)).isEqualTo(200);
        issuerNode.server().components().keyRotation().rotate(issuerNode.server().components().config().region(),
                remotePool, true, "test");
        String after = remoteToken("orders/read");
        assertThat(kid(after)).isNotEqualTo(kid(before));

        assertThat(call("/gatehouse", after)).as("unknown kid inside the penalty window: no refetch yet").isEqualTo(401);
        assertThat(call("/gatehouse", before)).as("the cached key is used until the next fetch").isEqualTo(200);
        clock.advance(PENALTY);
        assertThat(call("/gatehouse", after)).as("one refetch after the penalty finds the new key").isEqualTo(200);
        assertThat(call("/gatehouse", before)).as("the revoked key left the issuer's JWKS").isEqualTo(401);
    }

    // ---------------------------------------------------------------- the controlled issuer

    @Test
    void keysWhenCachedThenOneDiscoveryAndOneJwksFetchForManyCalls() throws Exception {
        String token = token(k1, "k1", Map.of());
        for (int i = 0; i < 100; i++) {
            assertThat(call("/controlled", token)).isEqualTo(200);
            clock.advance(Duration.ofSeconds(2)); // 200 s in all: inside the 5-minute TTL
        }
        assertThat(issuer.discoveryRequests()).isEqualTo(1);
        assertThat(issuer.jwksRequests()).isEqualTo(1);
        assertThat(call("/controlled", token(k1, "k1", Map.of("scope", "api/other")))).isEqualTo(403);
        assertThat(call("/controlled", token(k1, "k1", Map.of("client_id", "stranger")))).isEqualTo(401);
        assertThat(call("/controlled", token(k1, "k1", Map.of("aud", List.of("x", AUDIENCE))))).as("aud wins").isEqualTo(200);
        assertThat(call("/controlled", token(k1, "k1", Map.of("exp", clock.instant().getEpochSecond())))).isEqualTo(401);
    }

    @Test
    void firstCallsWhenConcurrentThenOneSharedFetchAndAllAdmitted() throws Exception {
        issuer.delayJwks(300); // every caller arrives while the first fetch is still running
        String token = token(k1, "k1", Map.of());
        List<Integer> statuses = callAll("/controlled", java.util.Collections.nCopies(50, token));
        assertThat(statuses).containsOnly(200).hasSize(50);
        assertThat(issuer.discoveryRequests()).isEqualTo(1);
        assertThat(issuer.jwksRequests()).isEqualTo(1);
    }

    @Test
    void unknownKidsWhenFloodedThenAtMostOneFetchPerPenaltyWindow() throws Exception {
        List<String> flood = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            flood.add(token(k1, UUID.randomUUID().toString(), Map.of()));
        }
        assertThat(callAll("/controlled", flood)).containsOnly(401);
        assertThat(issuer.jwksRequests()).as("200 random kids before any key is known").isEqualTo(1);
        assertThat(call("/controlled", token(k1, "k1", Map.of()))).isEqualTo(200);
        assertThat(callAll("/controlled", flood)).containsOnly(401);
        assertThat(issuer.jwksRequests()).as("known keys, unknown kids, inside the penalty").isEqualTo(1);
        clock.advance(PENALTY);
        assertThat(callAll("/controlled", flood)).containsOnly(401);
        assertThat(issuer.jwksRequests()).as("one refetch for the next window").isEqualTo(2);
        assertThat(issuer.discoveryRequests()).isEqualTo(2);
    }

    @Test
    void keysWhenRotatedAtIssuerThenNewKidAfterPenaltyAndRemovedKidAfterTtl() throws Exception {
        String old = token(k1, "k1", Map.of());
        assertThat(call("/controlled", old)).isEqualTo(200);
        KeyPair k2 = TestIssuer.rsa(2048, 65537);
        Map<String, RSAPublicKey> both = new LinkedHashMap<>();
        both.put("k1", (RSAPublicKey) k1.getPublic());
        both.put("k2", (RSAPublicKey) k2.getPublic());
        issuer.publish(both);
        String fresh = token(k2, "k2", Map.of());
        assertThat(call("/controlled", fresh)).as("inside the penalty window").isEqualTo(401);
        clock.advance(PENALTY);
        assertThat(call("/controlled", fresh)).isEqualTo(200);
        assertThat(issuer.jwksRequests()).isEqualTo(2);

        issuer.publish(Map.of("k2", (RSAPublicKey) k2.getPublic())); // k1 retired at the issuer
        assertThat(call("/controlled", old)).as("k1 still cached").isEqualTo(200);
        clock.advance(TTL);
        assertThat(call("/controlled", old)).as("stale: answered from the cache, refreshed in the background")
                .isEqualTo(200);
        await(() -> issuer.jwksRequests() == 3);
        awaitStatus("/controlled", old, 401);
        assertThat(call("/controlled", fresh)).isEqualTo(200);
        assertThat(issuer.jwksRequests()).isEqualTo(3);
    }

    @Test
    void issuerWhenUnreachableThenStaleKeysKeepWorkingAndRetriesAreSpaced() throws Exception {
        String token = token(k1, "k1", Map.of());
        assertThat(call("/controlled", token)).isEqualTo(200);
        issuer.reachable(false);
        Thread.sleep(200); // the gateway's pooled connection to the issuer notices it was reset
        clock.advance(TTL.plusMinutes(1));
        int connections = issuer.connections();
        for (int i = 0; i < 50; i++) {
            assertThat(call("/controlled", token)).as("stale key while the issuer is down").isEqualTo(200);
        }
        await(() -> issuer.connections() == connections + 1);
        Thread.sleep(200);
        assertThat(issuer.connections()).as("one refresh attempt per penalty window, not one per request")
                .isEqualTo(connections + 1);
        assertThat(call("/controlled", token(k1, "unknown", Map.of()))).isEqualTo(401);

        clock.advance(PENALTY);
        for (int i = 0; i < 20; i++) {
            assertThat(call("/controlled", token)).isEqualTo(200);
        }
        await(() -> issuer.connections() == connections + 2);
        Thread.sleep(200);
        assertThat(issuer.connections()).isEqualTo(connections + 2);

        issuer.reachable(true);
        KeyPair k2 = TestIssuer.rsa(2048, 65537);
        issuer.publish(Map.of("k2", (RSAPublicKey) k2.getPublic()));
        clock.advance(PENALTY);
        assertThat(call("/controlled", token)).as("still the stale key; the refresh now succeeds").isEqualTo(200);
        awaitStatus("/controlled", token, 401);
        assertThat(call("/controlled", token(k2, "k2", Map.of()))).isEqualTo(200);
        assertThat(issuer.jwksRequests()).isEqualTo(2);
    }

    @Test
    void discoveryWhenItNamesAnotherIssuerThenRefusedAndNoJwksFetched() throws Exception {
        try (LogLines logs = LogLines.of(RemoteJwks.class)) {
            issuer.discoveryNames(issuer.issuer() + "/");
            assertThat(call("/controlled", token(k1, "k1", Map.of()))).isEqualTo(401);
            assertThat(issuer.discoveryRequests()).isEqualTo(1);
            assertThat(issuer.jwksRequests()).isZero();
            assertThat(logs.lines()).anyMatch(line -> line.contains("discovery document names another issuer"));

            issuer.discoveryNames(null);
            clock.advance(PENALTY);
            assertThat(call("/controlled", token(k1, "k1", Map.of()))).isEqualTo(200);
        }
    }

    @Test
    void jwksWhenTrickledSlowerThanTheFetchDeadlineThenFetchAbandonedAndLaterRetried() throws Exception {
        RemoteJwks jwks = new RemoteJwks(vertx, client, clock, TTL, PENALTY, Duration.ofSeconds(1));
        // A byte every 100 ms: never idle for the 10 s idle timeout, and 40 s or more for the whole
        // document, so an answer within the 15 s wait below comes from the deadline.
        issuer.trickleJwks(100);
        try (LogLines logs = LogLines.of(RemoteJwks.class)) {
            assertThat(key(jwks, "k1")).as("no key from an unfinished JWKS").isNull();
            assertThat(logs.lines()).anyMatch(line -> line.contains("no complete answer from " + issuer.issuer()
                    + "/jwks.json within 1000 ms"));
        }
        issuer.trickleJwks(0);
        clock.advance(PENALTY);
        assertThat(key(jwks, "k1")).isEqualTo(k1.getPublic());
        assertThat(issuer.jwksRequests()).isEqualTo(2);
    }

    @Test
    void jwksWhenLargerThan256KiBThenRefused() throws Exception {
        String document = "{\"keys\":[" + TestIssuer.jwk("k1", ((RSAPublicKey) k1.getPublic()).getModulus(),
                ((RSAPublicKey) k1.getPublic()).getPublicExponent()).encode() + "]}";
        String token = token(k1, "k1", Map.of());
        try (LogLines logs = LogLines.of(RemoteJwks.class)) {
            issuer.publish(document + " ".repeat(RemoteJwks.MAX_BODY + 1 - document.length()));
            assertThat(call("/controlled", token)).isEqualTo(401);
            assertThat(issuer.jwksRequests()).isEqualTo(1);
            assertThat(logs.lines()).anyMatch(line -> line.contains("exceeds " + RemoteJwks.MAX_BODY + " bytes"));
        }
        issuer.publish(document + " ".repeat(RemoteJwks.MAX_BODY - document.length()));
        clock.advance(PENALTY);
        assertThat(call("/controlled", token)).as("exactly 256 KiB is allowed").isEqualTo(200);
    }

    /** SECURITY JW-32: keys below RFC 7518 §3.3's strength are refused when the JWKS is loaded, with a log line. */
    @Test
    void weakIssuerKeysWhenLoadedThenRefusedWithLogLineAndTheirTokens401() throws Exception {
        KeyPair small = TestIssuer.rsa(1024, 65537);
        KeyPair three = TestIssuer.rsa(2048, 3);
        BigInteger modulus = ((RSAPublicKey) TestIssuer.rsa(2048, 65537).getPublic()).getModulus();
        RSAPublicKey good = (RSAPublicKey) k1.getPublic();
        RSAPublicKey smallKey = (RSAPublicKey) small.getPublic();
        RSAPublicKey threeKey = (RSAPublicKey) three.getPublic();
        issuer.publish("{\"keys\":[" + String.join(",",
                TestIssuer.jwk("k1", good.getModulus(), good.getPublicExponent()).encode(),
                TestIssuer.jwk("rsa1024", smallKey.getModulus(), smallKey.getPublicExponent()).encode(),
                TestIssuer.jwk("e3", threeKey.getModulus(), threeKey.getPublicExponent()).encode(),
                TestIssuer.jwk("e1", modulus, BigInteger.ONE).encode()) + "]}");
        try (LogLines logs = LogLines.of(RemoteJwks.class)) {
            assertThat(call("/controlled", token(k1, "k1", Map.of()))).isEqualTo(200);
            assertThat(call("/controlled", token(small, "rsa1024", Map.of()))).isEqualTo(401);
            assertThat(call("/controlled", token(three, "e3", Map.of()))).isEqualTo(401);
            String forged = TestIssuer.forgeForExponentOne(modulus, "e1", claims(Map.of()));
            assertThat(call("/controlled", forged)).as("e=1: a signature anyone can compute").isEqualTo(401);
            assertThat(logs.lines())
                    .anyMatch(line -> line.startsWith("Refused key rsa1024 of issuer " + issuer.issuer())
                            && line.contains("modulus 1024 bits") && line.contains("JW-32"))
                    .anyMatch(line -> line.startsWith("Refused key e3 ") && line.contains("exponent 3 "))
                    .anyMatch(line -> line.startsWith("Refused key e1 ") && line.contains("exponent 1 "))
                    .noneMatch(line -> line.contains("Refused key k1 "));
        }
        assertThat(issuer.jwksRequests()).as("refused kids are not fetched again inside the penalty").isEqualTo(1);
    }

    // ---------------------------------------------------------------- fixture

    /** Routes: Gatehouse-issued tokens on {@code /gatehouse*}, the controlled issuer on {@code /controlled}. */
    DeployedStage stage() {
        Integration ok = new Integration("MOCK", null, null, null, Map.of(),
                Map.of("application/json", "{\"statusCode\": 200}"), "WHEN_NO_MATCH", 29000,
                Map.of("default", new IntegrationResponse("200", null, Map.of(), Map.of("application/json", "{}"))));
        String remoteIssuer = issuerNode.issuer(remotePool);
        List<Authorizer> authorizers = List.of(
                jwt("gh", remoteIssuer, remoteClient.clientId()),
                jwt("gh-other", remoteIssuer, "someone-else"),
                jwt("ti", issuer.issuer(), AUDIENCE));
        List<ApiResource> resources = List.of(
                new ApiResource("r0", null, "", "/", Map.of()),
                route("r1", "gatehouse", "gh", "orders/read", ok),
                route("r2", "gatehouse-write", "gh", "orders/write", ok),
                route("r3", "gatehouse-other-audience", "gh-other", "orders/read", ok),
                route("r4", "controlled", "ti", "api/read", ok));
        Stage stage = new Stage(API, "prod", "dep1", null, Map.of(), null, Map.of(), Instant.now(), Instant.now());
        return new DeployedStage("us-east-1", stage, new ApiDefinition(API, "remote-issuers", resources, authorizers));
    }

    private static Authorizer jwt(String id, String issuer, String audience) {
        return new Authorizer(id, id, "JWT", List.of(), "$request.header.Authorization", null, 0, issuer,
                List.of(audience));
    }

    private static ApiResource route(String id, String part, String authorizer, String scope, Integration integration) {
        return new ApiResource(id, "r0", part, "/" + part, Map.of("GET", new ApiMethod("GET", "JWT", authorizer,
                List.of(scope), false, null, Map.of(), Map.of(), integration)));
    }

    /** Claims of a controlled-issuer token, valid for an hour on the gateway's clock, overridden by {@code extra}. */
    Map<String, Object> claims(Map<String, Object> extra) {
        long now = clock.instant().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer.issuer());
        claims.put("client_id", AUDIENCE);
        claims.put("scope", "api/read");
        claims.put("iat", now);
        claims.put("exp", now + 3600);
        claims.putAll(extra);
        return claims;
    }

    String token(KeyPair key, String kid, Map<String, Object> extra) {
        return TestIssuer.sign(key.getPrivate(), kid, claims(extra));
    }

    String remoteToken(String scope) throws Exception {
        HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(issuerNode.baseUrl() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (remoteClient.clientId() + ":" + remoteClient.clientSecret()).getBytes()))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + scope)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String token = JSON.readTree(response.body()).get("access_token").asText();
        // Minted on the issuer's real clock: the gateway's frozen clock must not be before its iat.
        clock.atLeast(Instant.ofEpochSecond(JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]))
                .get("iat").asLong()));
        return token;
    }

    private static String kid(String token) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.')))).get("kid").asText();
    }

    /** The same token with its claims re-encoded (a space added): the signature no longer matches. */
    private static String tamper(String token) {
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]));
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString((claims + " ").getBytes())
                + "." + parts[2];
    }

    /**
     * One call, made on a Vert.x context: Vert.x 5.0.7's client driven from a plain thread loses a
     * keep-alive request now and then (one in a few hundred on this machine), on a context never.
     */
    private Future<Integer> send(String path, String token) {
        Promise<Integer> status = Promise.promise();
        context.runOnContext(v -> request(path, token).onComplete(status));
        return status.future();
    }

    private Future<Integer> request(String path, String token) {
        RequestOptions options = new RequestOptions().setHost("127.0.0.1").setPort(listener.actualPort())
                .setURI("/restapis/" + API + "/prod/_user_request_" + path).putHeader("Host", "localhost");
        if (token != null) {
            options.putHeader("Authorization", "Bearer " + token);
        }
        return client.request(options).compose(request -> request.send())
                .compose(response -> response.body().map(body -> response.statusCode()));
    }

    /** A key looked up on the test's context (see {@link #send}). */
    private RSAPublicKey key(RemoteJwks jwks, String kid) throws Exception {
        Promise<RSAPublicKey> key = Promise.promise();
        context.runOnContext(v -> jwks.key(issuer.issuer(), kid).onComplete(key));
        return key.future().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    int call(String path, String token) throws Exception {
        return send(path, token).toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    List<Integer> callAll(String path, List<String> tokens) throws Exception {
        List<Future<Integer>> calls = tokens.stream().map(token -> send(path, token)).toList();
        Future.all(calls).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return calls.stream().map(Future::result).toList();
    }

    private void awaitStatus(String path, String token, int status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int last;
        do {
            last = call(path, token);
            if (last == status) {
                return;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        assertThat(last).isEqualTo(status);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("condition within 10 s").isTrue();
    }

    private static ResourceServerScopeType scope(String name) {
        return ResourceServerScopeType.builder().scopeName(name).scopeDescription(name).build();
    }

    /** The formatted messages one logger writes while open. */
    static final class LogLines implements AutoCloseable {
        private final Logger logger;
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

        private LogLines(Logger logger) {
            this.logger = logger;
            appender.setContext(logger.getLoggerContext());
            appender.start();
            logger.addAppender(appender);
        }

        static LogLines of(Class<?> type) {
            return new LogLines((Logger) LoggerFactory.getLogger(type));
        }

        List<String> lines() {
            synchronized (appender.list) {
                return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            }
        }

        @Override
        public void close() {
            logger.detachAppender(appender);
            appender.stop();
        }
    }
}
