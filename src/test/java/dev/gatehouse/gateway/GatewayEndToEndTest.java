package dev.gatehouse.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.keys.SigningKeys;
import dev.gatehouse.model.AppClient;
import dev.gatehouse.model.ClientSecret;
import dev.gatehouse.model.ResourceServer;
import dev.gatehouse.model.Scope;
import dev.gatehouse.model.TokenValidity;
import dev.gatehouse.model.UserPool;
import dev.gatehouse.model.api.ApiDefinition;
import dev.gatehouse.model.api.ApiMethod;
import dev.gatehouse.model.api.ApiResource;
import dev.gatehouse.model.api.Authorizer;
import dev.gatehouse.model.api.DeployedStage;
import dev.gatehouse.model.api.Integration;
import dev.gatehouse.model.api.IntegrationResponse;
import dev.gatehouse.model.api.Stage;
import dev.gatehouse.model.api.ThrottleSettings;
import dev.gatehouse.net.ClientAddress;
import dev.gatehouse.net.ListenerOptions;
import dev.gatehouse.observe.AccessLog;
import dev.gatehouse.observe.AccessLogEntry;
import dev.gatehouse.server.Components;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.RawResponse;
import dev.gatehouse.testing.TestServer;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SPEC §7.1 API, hand-translated into records, served by the gateway on its own listener in front of
 * a real echo backend, with tokens from the real token endpoint of a real Gatehouse.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayEndToEndTest {

    static final String POOL = "us-east-1_GWAAAAAAA";
    static final String CID = "gwgwgwgwgwgwgwgwgwgwgwgwg1";
    static final String SEC = "secretgwgwgwgwgwgwgwgwgwgwgwgwgwgwgwgwgwgwgwgwgwgw1";
    static final String API = "a1b2c3d4e5";
    static final ObjectMapper JSON = new ObjectMapper();

    TestServer server;
    Vertx vertx;
    HttpServer echo;
    HttpServer silent;
    HttpServer gatewayServer;
    Gateway gateway;
    HttpClient client;
    Context clientContext;
    final ConcurrentLinkedQueue<AccessLogEntry> log = new ConcurrentLinkedQueue<>();
    int gatewayPort;
    String token;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start(TestDatabase.H2);
        Components c = server.server().components();
        createPool(c);
        vertx = c.vertx();
        echo = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            JsonObject headers = new JsonObject();
            req.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            req.response().putHeader("Content-Type", "application/json").putHeader("Connection", "X-Backend-Hop")
                    .putHeader("X-Backend-Hop", "secret").putHeader("Keep-Alive", "timeout=5")
                    .end(new JsonObject().put("method", req.method().name()).put("uri", req.uri())
                            .put("headers", headers).put("body", body.toString()).encode());
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        silent = vertx.createHttpServer().requestHandler(req -> { })
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        DeployedStage stage = stage("http://127.0.0.1:" + echo.actualPort());
        gateway = new Gateway(vertx, c.directory(), (api, name) -> api.equals(API) && name.equals("prod")
                ? Optional.of(stage) : Optional.empty(), c::issuerBaseUrl, Clock.systemUTC(), ClientAddress.direct(),
                "localhost", log::add);
        Router router = Router.router(vertx);
        router.route().handler(ctx -> ctx.response().setStatusCode(404).end("not the gateway"));
        gatewayServer = ListenerOptions.server(vertx, gateway.handler(), java.time.Duration.ofSeconds(10)).requestHandler(router)
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        gatewayPort = gatewayServer.actualPort();
        // Backend integrations time out after 4 s, inside the client's 10 s, so a stall on the backend side
        // shows as 504 rather than as a client timeout.
        clientContext = vertx.getOrCreateContext();
        client = vertx.createHttpClient();
        token = token("inventory/items.read");
    }

    @AfterAll
    void stop() {
        gateway.close();
        server.close();
    }

    private static void createPool(Components c) {
        Instant now = Instant.now();
        c.store().insertPool(new UserPool(POOL, "us-east-1", "gw", "INACTIVE", "ESSENTIALS", "{}", now, now),
                SigningKeys.newPoolKeys(POOL, now), Map.of());
        c.store().insertResourceServer(new ResourceServer(POOL, "inventory", "inv",
                List.of(new Scope("items.read", "r"), new Scope("items.write", "w"))));
        c.store().insertClient(new AppClient(POOL, CID, "gw client", TokenValidity.DEFAULT, List.of(), List.of(),
                        List.of(), List.of(), null, List.of("client_credentials"), List.of("inventory/items.read"), true,
                        true, "{}", now, now),
                List.of(new ClientSecret(CID + "--1", CID, SEC, false, now)));
        c.directory().refresh(POOL);
    }

    private static ApiMethod method(String verb, String auth, List<String> scopes, Integration integration) {
        return new ApiMethod(verb, auth, auth.equals("NONE") ? null : "auth1", scopes, false, null, Map.of(), Map.of(),
                integration);
    }

    private static Integration proxy(String uri, Map<String, String> params, int timeout) {
        return new Integration("HTTP_PROXY", "ANY", uri, "INTERNET", params, Map.of(), "WHEN_NO_MATCH", timeout, Map.of());
    }

    /** SPEC §7.1, plus routes for the proxy edge cases. */
    DeployedStage stage(String backend) {
        Integration ping = new Integration("MOCK", null, null, null, Map.of(),
                Map.of("application/json", "{\"statusCode\": 200}"), "WHEN_NO_MATCH", 29000,
                Map.of("default", new IntegrationResponse("200", null, Map.of(), Map.of("application/json", "{\"ok\": true}"))));
        Map<String, String> caller = Map.of(
                "integration.request.header.X-Caller-Client", "context.authorizer.claims.client_id",
                "integration.request.header.X-Caller-Scope", "context.authorizer.claims.scope");
        List<ApiResource> resources = List.of(
                new ApiResource("r0", null, "", "/", Map.of()),
                new ApiResource("r1", "r0", "ping", "/ping", Map.of("GET", method("GET", "NONE", List.of(), ping))),
                new ApiResource("r2", "r0", "items", "/items", Map.of(
                        "GET", method("GET", "COGNITO_USER_POOLS", List.of("inventory/items.read"),
                                proxy(backend + "/items", caller, 4000)),
                        "POST", method("POST", "COGNITO_USER_POOLS", List.of("inventory/items.write"),
                                proxy(backend + "/items", caller, 4000)))),
                new ApiResource("r3", "r2", "{proxy+}", "/items/{proxy+}", Map.of("ANY", method("ANY",
                        "COGNITO_USER_POOLS", List.of("inventory/items.read", "inventory/items.write"),
                        proxy(backend + "/items/{proxy}", Map.of("integration.request.path.proxy", "method.request.path.proxy",
                                "integration.request.header.X-Caller-Client", "context.authorizer.claims.client_id"), 4000)))),
                new ApiResource("r4", "r0", "unscoped", "/unscoped", Map.of("GET",
                        method("GET", "COGNITO_USER_POOLS", List.of(), proxy(backend + "/u", Map.of(), 4000)))),
                new ApiResource("r5", "r0", "open", "/open", Map.of("ANY",
                        method("ANY", "NONE", List.of(), proxy(backend + "/open", Map.of(), 4000)))),
                new ApiResource("r6", "r0", "slow", "/slow", Map.of("GET",
                        method("GET", "NONE", List.of(), proxy("http://127.0.0.1:" + silent.actualPort() + "/", Map.of(), 300)))),
                new ApiResource("r7", "r0", "refused", "/refused", Map.of("GET",
                        method("GET", "NONE", List.of(), proxy("http://127.0.0.1:1/", Map.of(), 2000)))),
                new ApiResource("r8", "r0", "limited", "/limited", Map.of("GET",
                        method("GET", "NONE", List.of(), ping))));
        Authorizer authorizer = new Authorizer("auth1", "M2MPool", "COGNITO_USER_POOLS",
                List.of("arn:aws:cognito-idp:us-east-1:000000000000:userpool/" + POOL),
                "method.request.header.Authorization", null, 300, null, List.of());
        Stage stage = new Stage(API, "prod", "dep1", null, Map.of(), null,
                Map.of("/limited/GET", new ThrottleSettings(0.001, 2)), Instant.now(), Instant.now());
        return new DeployedStage("us-east-1", stage, new ApiDefinition(API, "inventory-m2m", resources, List.of(authorizer)));
    }

    String token(String scope) throws Exception {
        HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((CID + ":" + SEC).getBytes()))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + scope)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    record Reply(int status, MultiMap headers, String body) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }
    }

    Reply call(HttpMethod method, String host, String uri, Map<String, String> headers, String body) throws Exception {
        RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(gatewayPort)
                .setURI(uri).putHeader("Host", host);
        headers.forEach(options::putHeader);
        return send(options, body);
    }

    /**
     * Sends on the client's own Vert.x context: driven from the test thread, Vert.x 5.0.7's client now and
     * then never completes a keep-alive request (the rare stall this class used to see).
     */
    Reply send(RequestOptions options, String body) throws Exception {
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        clientContext.runOnContext(v -> client.request(options)
                .compose(req -> body == null ? req.send() : req.send(body))
                .compose(resp -> resp.body().map(b -> new Reply(resp.statusCode(), resp.headers(), b.toString())))
                .onComplete(r -> {
                    if (r.succeeded()) {
                        reply.complete(r.result());
                    } else {
                        reply.completeExceptionally(r.cause());
                    }
                }));
        return reply.get(10, TimeUnit.SECONDS);
    }

    Reply get(String path, String bearer) throws Exception {
        return call(HttpMethod.GET, API + ".execute-api.us-east-1.localhost:" + gatewayPort, "/prod" + path,
                bearer == null ? Map.of() : Map.of("Authorization", bearer), null);
    }

    @Test
    void spec71Expectations() throws Exception {
        Reply items = get("/items", token);
        assertThat(items.status()).isEqualTo(200);
        assertThat(items.json().path("uri").asText()).isEqualTo("/items");
        assertThat(items.json().path("headers").path("x-caller-client").asText()).isEqualTo(CID);
        assertThat(items.json().path("headers").path("x-caller-scope").asText()).isEqualTo("inventory/items.read");

        Reply post = call(HttpMethod.POST, API + ".execute-api.us-east-1.localhost", "/prod/items",
                Map.of("Authorization", "Bearer " + token), "{}");
        assertThat(post.status()).isEqualTo(401);
        assertThat(post.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
        assertThat(post.headers().get("x-amzn-ErrorType")).isEqualTo("UnauthorizedException");
        assertThat(post.headers().get("WWW-Authenticate")).isEqualTo("Bearer error=\"insufficient_scope\"");

        Reply ping = get("/ping", null);
        assertThat(ping.status()).isEqualTo(200);
        assertThat(ping.body()).isEqualTo("{\"ok\": true}");

        Reply none = get("/items", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
        assertThat(none.headers().get("WWW-Authenticate")).isEqualTo("Bearer");

        Reply unknown = get("/nothing", token);
        assertThat(unknown.status()).isEqualTo(403);
        assertThat(unknown.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
        assertThat(unknown.headers().get("x-amzn-ErrorType")).isEqualTo("MissingAuthenticationTokenException");
        assertThat(unknown.headers().get("x-amzn-RequestId")).isNotBlank();
        assertThat(get("/items", "bearer " + token).status()).as("case-insensitive Bearer").isEqualTo(200);
        assertThat(get("/items", token + "x").status()).isEqualTo(401);
    }

    @Test
    void accessTokenOnUnscopedMethodIs401() throws Exception {
        assertThat(get("/unscoped", token).status()).isEqualTo(401);
    }

    @Test
    void expiredTokenHasItsOwnMessage() throws Exception {
        Components c = server.server().components();
        // Verified by a gateway whose clock is two days ahead: the token has expired there.
        Gateway later = new Gateway(vertx, c.directory(), (a, s) -> Optional.of(stage("http://127.0.0.1:" + echo.actualPort())),
                c::issuerBaseUrl, Clock.offset(Clock.systemUTC(), java.time.Duration.ofDays(2)), ClientAddress.direct(),
                "localhost", AccessLog.DISCARD);
        Router router = Router.router(vertx);
        HttpServer s = ListenerOptions.server(vertx, later.handler(), java.time.Duration.ofSeconds(10))
                .requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get();
        try {
            Reply reply = send(new RequestOptions().setHost("127.0.0.1").setPort(s.actualPort())
                    .setURI("/restapis/" + API + "/prod/_user_request_/items").putHeader("Authorization", token), null);
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.body()).isEqualTo("{\"message\":\"The incoming token has expired\"}");
        } finally {
            s.close();
            later.close();
        }
    }

    @Test
    void pathFormAndGreedyProxyForwardExactly() throws Exception {
        Reply reply = call(HttpMethod.GET, "localhost", "/restapis/" + API + "/prod/_user_request_/items/a%20b/c.txt?x=1&y=%2F",
                Map.of("Authorization", token), null);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("uri").asText()).isEqualTo("/items/a%20b/c.txt?x=1&y=%2F");
        assertThat(call(HttpMethod.GET, "localhost", "/restapis/" + API + "/prod/_user_request_/items/a/../b",
                Map.of("Authorization", token), null).status()).isEqualTo(400);
        assertThat(call(HttpMethod.GET, "localhost", "/restapis/" + API + "/other/_user_request_/items",
                Map.of("Authorization", token), null).status()).isEqualTo(403);
        assertThat(call(HttpMethod.GET, "localhost", "/somewhere-else", Map.of(), null).body()).isEqualTo("not the gateway");
    }

    @Test
    void spoofedClaimHeadersHopByHopAndForwardedFor() throws Exception {
        Reply reply = get("/items", token);
        Map<String, String> headers = new HashMap<>(Map.of("Authorization", token,
                "X-Caller-Client", "spoofed", "x_caller_client", "spoofed2", "X-Forwarded-For", "6.6.6.6",
                "Connection", "close, X-Forwarded-For, X-Caller-Client, X-Drop-Me", "X-Drop-Me", "1",
                "Keep-Alive", "timeout=1", "Upgrade", "h2c"));
        reply = call(HttpMethod.GET, API + ".execute-api.us-east-1.localhost", "/prod/items", headers, null);
        assertThat(reply.status()).isEqualTo(200);
        JsonNode seen = reply.json().path("headers");
        assertThat(seen.path("x-caller-client").asText()).isEqualTo(CID);
        assertThat(seen.has("x_caller_client")).isFalse();
        assertThat(seen.path("x-forwarded-for").asText()).isEqualTo("127.0.0.1");
        assertThat(seen.path("x-forwarded-proto").asText()).isEqualTo("http");
        assertThat(seen.path("x-forwarded-host").asText()).startsWith(API + ".execute-api");
        assertThat(seen.path("host").asText()).isEqualTo("127.0.0.1:" + echo.actualPort());
        assertThat(seen.has("x-drop-me")).isFalse();
        assertThat(seen.has("upgrade")).isFalse();
        assertThat(seen.has("keep-alive")).isFalse();
        assertThat(reply.headers().contains("X-Backend-Hop")).as("response hop-by-hop stripped").isFalse();
    }

    @Test
    void bodyStreamsToTheBackend() throws Exception {
        String body = "x".repeat(200_000);
        Reply reply = call(HttpMethod.POST, API + ".execute-api.us-east-1.localhost", "/prod/open", Map.of(), body);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("body").asText()).isEqualTo(body);
    }

    @Test
    void timeoutAndRefused() throws Exception {
        Reply slow = get("/slow", null);
        assertThat(slow.status()).isEqualTo(504);
        assertThat(slow.body()).isEqualTo("{\"message\":\"Endpoint request timed out\"}");
        Reply refused = get("/refused", null);
        assertThat(refused.status()).isEqualTo(502);
        assertThat(refused.body()).isEqualTo("{\"message\":\"Internal server error\"}");
    }

    @Test
    void methodThrottle() throws Exception {
        assertThat(get("/limited", null).status()).isEqualTo(200);
        assertThat(get("/limited", null).status()).isEqualTo(200);
        Reply third = get("/limited", null);
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.body()).isEqualTo("{\"message\":\"Too Many Requests\"}");
    }

    @Test
    void accessLogLine() throws Exception {
        log.clear();
        // access_token beside the header would be two credentials (400, JW-30); id_token is redacted alike
        call(HttpMethod.GET, API + ".execute-api.us-east-1.localhost", "/prod/items/abc?id_token=" + token + "&q=1",
                Map.of("Authorization", token), null);
        Thread.sleep(100);
        AccessLogEntry entry = log.stream().filter(e -> "/items/{proxy+}".equals(e.resourcePath())).findFirst().orElseThrow();
        assertThat(entry.apiId()).isEqualTo(API);
        assertThat(entry.stage()).isEqualTo("prod");
        assertThat(entry.status()).isEqualTo(200);
        assertThat(entry.clientId()).isEqualTo(CID);
        assertThat(entry.sourceIp()).isEqualTo("127.0.0.1");
        assertThat(entry.integrationLatency()).isGreaterThanOrEqualTo(0);
        assertThat(entry.query()).isEqualTo("id_token=REDACTED&q=1");
        assertThat(entry.toString()).doesNotContain(token);
    }

    /** SECURITY GW-04, GW-02: the listener refuses these before the gateway sees them (the full table: GatewayHttpCatalogueTest). */
    @Test
    void framingAttacksAreRefused() throws Exception {
        for (String head : List.of(
                "POST /prod/open HTTP/1.1\r\nHost: H\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
                "POST /prod/open HTTP/1.1\r\nHost: H\r\nContent-Length: 5, 6\r\n\r\nabcde",
                // GW-02: refused by the listener's FramingGuard (Netty alone would serve it as chunked)
                "POST /prod/open HTTP/1.1\r\nHost: H\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n1\r\nx\r\n0\r\n\r\n")) {
            try (Socket socket = new Socket("127.0.0.1", gatewayPort)) {
                socket.setSoTimeout(5000);
                OutputStream out = socket.getOutputStream();
                out.write(head.replace("Host: H", "Host: " + API + ".execute-api.us-east-1.localhost")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                String answer = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
                assertThat(answer).as(head).startsWith("HTTP/1.1 400");
            }
        }
    }

    /** GW-14: an h2c upgrade is never honoured; the request is answered as HTTP/1.1 and later bytes are not a request. */
    @Test
    void h2cUpgradeIsIgnored() throws Exception {
        String host = "Host: " + API + ".execute-api.us-east-1.localhost\r\nAuthorization: " + token + "\r\n";
        for (String upgrade : List.of(
                "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\nConnection: Upgrade, HTTP2-Settings\r\n",
                "Upgrade: h2c\r\nConnection: close, X-Drop-Me\r\n",
                "Upgrade: h2c\r\n")) {
            try (Socket socket = new Socket("127.0.0.1", gatewayPort)) {
                socket.setSoTimeout(5000);
                OutputStream out = socket.getOutputStream();
                out.write(("GET /prod/items HTTP/1.1\r\n" + host + upgrade + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                RawResponse first = RawResponse.read(socket.getInputStream());
                assertThat(first.status()).as(upgrade).isEqualTo(200);
                assertThat(JSON.readTree(first.body()).path("headers").has("upgrade")).as(upgrade).isFalse();
                assertThat(JSON.readTree(first.body()).path("headers").has("http2-settings")).as(upgrade).isFalse();
            }
        }
    }
}
