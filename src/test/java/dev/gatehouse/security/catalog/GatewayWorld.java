package dev.gatehouse.security.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import dev.gatehouse.model.KeyPurpose;
import dev.gatehouse.model.SigningKey;
import dev.gatehouse.net.ListenerOptions;
import dev.gatehouse.server.Components;
import dev.gatehouse.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.gatehouse.testing.RawJws.b64;
import static dev.gatehouse.testing.RawJws.edit;
import static dev.gatehouse.testing.RawJws.json;
import static dev.gatehouse.testing.RawJws.q;
import static dev.gatehouse.testing.RawJws.sign;

/**
 * The gateway half of the SECURITY §0 fixtures, on top of a {@link CatalogueWorld}: two echo backends
 * that count what reaches them (R1's {@code orders}, R2's {@code admin}), a trap listener that counts
 * connections (the {@code jku}/{@code x5u} target of JW-04/JW-05), and one REST API imported and
 * deployed to {@code prod} through the AWS SDK, each route once per authorizer kind:
 * <ul>
 *   <li>{@code /svc/orders/{proxy+}} (R1) and {@code /svc/admin/{proxy+}} (R2): COGNITO_USER_POOLS on POOL_A,
 *       scopes {@code api/read} and {@code api/admin};</li>
 *   <li>{@code /jwt/orders/{proxy+}} and {@code /jwt/admin/{proxy+}}: a JWT authorizer with issuer ISS_A and
 *       audience CID_A, same scopes;</li>
 *   <li>{@code /b/orders/{proxy+}} and {@code /jwtb/orders/{proxy+}}: the same two kinds for POOL_B ({@code apib/read}).</li>
 * </ul>
 * Tokens are forged with the pools' real signing keys (read from the in-memory directory, as
 * SECURITY §0 allows), HMAC keys, or an attacker key K_ATT generated here.
 */
final class GatewayWorld implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The two authorizer kinds every JW/SC row runs against. */
    enum Kind {
        COGNITO("/svc"), JWT("/jwt");

        final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        /** R1 of this kind: GET {prefix}/orders/1 needs api/read. */
        String r1() {
            return prefix + "/orders/1";
        }

        /** R2 of this kind: needs api/admin. */
        String r2() {
            return prefix + "/admin/1";
        }

        /** The POOL_B route of this kind. */
        String poolB() {
            return (this == COGNITO ? "/b" : "/jwtb") + "/orders/1";
        }
    }

    final CatalogueWorld base;
    final Components components;
    final String apiId;
    final String host;
    final String issA;
    final String issB;
    final SigningKey keyA;
    final SigningKey keyB;
    final JWSSigner signerA;
    final JWSSigner signerB;
    final KeyPair attacker;
    final JWSSigner signerAtt;
    final String good;
    final String goodB;
    final AtomicInteger ordersHits = new AtomicInteger();
    final AtomicInteger adminHits = new AtomicInteger();
    final AtomicInteger trapConnections = new AtomicInteger();
    final int trapPort;
    private final Vertx vertx = Vertx.vertx();
    private final ServerSocket trap;

    private GatewayWorld(CatalogueWorld base) throws Exception {
        this.base = base;
        this.components = base.server.server().components();
        this.issA = base.server.issuer(base.poolA);
        this.issB = base.server.issuer(base.poolB);
        Instant now = Instant.now();
        this.keyA = components.directory().current().pool(base.poolA).orElseThrow().activeKey(KeyPurpose.ACCESS, now).orElseThrow();
        this.keyB = components.directory().current().pool(base.poolB).orElseThrow().activeKey(KeyPurpose.ACCESS, now).orElseThrow();
        this.signerA = components.signingKeys().signer(keyA);
        this.signerB = components.signingKeys().signer(keyB);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        this.attacker = generator.generateKeyPair();
        this.signerAtt = new RSASSASigner((RSAPrivateKey) attacker.getPrivate());

        trap = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        trapPort = trap.getLocalPort();
        Thread acceptor = new Thread(() -> {
            while (!trap.isClosed()) {
                try (Socket ignored = trap.accept()) {
                    trapConnections.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        }, "jku-trap");
        acceptor.setDaemon(true);
        acceptor.start();

        HttpServer orders = echo(ordersHits);
        HttpServer admin = echo(adminHits);
        try (ApiGatewayClient gw = base.server.apiGateway()) {
            apiId = gw.importRestApi(r -> r.failOnWarnings(false).body(SdkBytes.fromUtf8String(document(
                    "http://127.0.0.1:" + orders.actualPort(), "http://127.0.0.1:" + admin.actualPort())))).id();
            gw.createDeployment(r -> r.restApiId(apiId).stageName("prod"));
        }
        host = apiId + ".execute-api.us-east-1.localhost:" + base.server.port();
        good = accessToken(base.cidA, base.secA, "api/read");
        goodB = accessToken(base.cidB, base.secB, "apib/read");
    }

    private HttpServer echo(AtomicInteger hits) {
        return vertx.createHttpServer(ListenerOptions.http()).requestHandler(request -> {
            hits.incrementAndGet();
            request.body().onSuccess(body -> request.response().putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("method", request.method().name()).put("uri", request.uri()).encode()));
        }).listen(0, "127.0.0.1").await();
    }

    private String document(String orders, String admin) {
        String arnA = base.cognito.describeUserPool(r -> r.userPoolId(base.poolA)).userPool().arn();
        String arnB = base.cognito.describeUserPool(r -> r.userPoolId(base.poolB)).userPool().arn();
        return """
                openapi: "3.0.1"
                info: {title: security-catalogue, version: "1"}
                paths:
                %s%s%s%s%s%s
                components:
                  securitySchemes:
                    poolA: {type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: cognito_user_pools,
                            x-amazon-apigateway-authorizer: {type: cognito_user_pools, providerARNs: ["%s"]}}
                    poolB: {type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: cognito_user_pools,
                            x-amazon-apigateway-authorizer: {type: cognito_user_pools, providerARNs: ["%s"]}}
                    issuerA: {type: oauth2, flows: {}, x-amazon-apigateway-authorizer: {type: jwt,
                              identitySource: "$request.header.Authorization", jwtConfiguration: {issuer: "%s", audience: ["%s"]}}}
                    issuerB: {type: oauth2, flows: {}, x-amazon-apigateway-authorizer: {type: jwt,
                              identitySource: "$request.header.Authorization", jwtConfiguration: {issuer: "%s", audience: ["%s"]}}}
                """.formatted(
                route("/svc/orders", "poolA", "api/read", orders + "/orders"),
                route("/svc/admin", "poolA", "api/admin", admin + "/admin"),
                route("/jwt/orders", "issuerA", "api/read", orders + "/orders"),
                route("/jwt/admin", "issuerA", "api/admin", admin + "/admin"),
                route("/b/orders", "poolB", "apib/read", orders + "/orders"),
                route("/jwtb/orders", "issuerB", "apib/read", orders + "/orders"),
                arnA, arnB, issA, base.cidA, issB, base.cidB);
    }

    private static String route(String path, String scheme, String scope, String backend) {
        return """
                  %s/{proxy+}:
                    get:
                      parameters: [{name: proxy, in: path, required: true, schema: {type: string}}]
                      security: [{%s: ["%s"]}]
                      responses: {}
                      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "%s/{proxy}",
                        requestParameters: {integration.request.path.proxy: method.request.path.proxy}}
                """.formatted(path, scheme, scope, backend);
    }

    private String accessToken(String clientId, String secret, String scope) throws IOException {
        Wire.Response response = Wire.token(base.server.port(), "/oauth2/token",
                "grant_type=client_credentials&scope=" + scope,
                List.of(Wire.basic(clientId, secret), "Content-Type: application/x-www-form-urlencoded"));
        if (response.status() != 200) {
            throw new IllegalStateException("no token: " + response.raw());
        }
        return JSON.readTree(response.body()).path("access_token").textValue();
    }

    /** {@code GET {path}} on the deployed stage with the given header lines ("Name: value"), over a raw socket. */
    Wire.Response get(String pathAndQuery, List<String> headerLines) throws IOException {
        StringBuilder head = new StringBuilder("GET /prod" + pathAndQuery + " HTTP/1.1\r\nHost: " + host + "\r\n");
        headerLines.forEach(h -> head.append(h).append("\r\n"));
        head.append("Connection: close\r\n\r\n");
        byte[] bytes = head.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= ListenerOptions.MAX_HEADER_BYTES) {
            return Wire.sendRaw(base.server.port(), bytes);
        }
        // Past the listener's header limit: it answers 431 and closes while we may still be writing, and
        // the reset can then swallow the 431 — status 0 stands for "closed without a readable answer".
        try (Socket socket = new Socket("127.0.0.1", base.server.port())) {
            socket.setSoTimeout(10_000);
            try {
                socket.getOutputStream().write(bytes);
                socket.getOutputStream().flush();
            } catch (IOException closedWhileWriting) {
                // read what the listener said before it closed, if anything survived
            }
            try {
                dev.gatehouse.testing.RawResponse r = dev.gatehouse.testing.RawResponse.read(socket.getInputStream());
                return new Wire.Response(r.status(), r.headers(), r.body(), r.raw());
            } catch (IOException reset) {
                return new Wire.Response(0, Map.of(), "", "closed: " + reset);
            }
        }
    }

    Wire.Response bearer(String path, String token) throws IOException {
        return get(path, List.of("Authorization: Bearer " + token));
    }

    /**
     * The gateway's own measure of a request (the access log's {@code responseLatency}, ms), found by
     * the response's {@code x-amzn-RequestId}: the verdict's cost without the client's connect time.
     */
    long serverMillis(Wire.Response response) throws IOException, InterruptedException {
        String requestId = response.header("x-amzn-RequestId");
        if (requestId == null) {
            throw new IllegalStateException("no request id: " + response.raw());
        }
        java.nio.file.Path file = base.server.dataDir().resolve(dev.gatehouse.observe.JsonLinesAccessLog.FILE_NAME);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (java.nio.file.Files.exists(file)) {
                for (String line : java.nio.file.Files.readAllLines(file)) {
                    if (line.contains(requestId)) {
                        return JSON.readTree(line).path("responseLatency").asLong();
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no access-log line for " + requestId);
    }

    int backendHits() {
        return ordersHits.get() + adminHits.get();
    }

    // -- token forging: the harness's tok(h, p, key) of SECURITY §0

    String headerA() {
        return "{\"kid\":\"" + keyA.kid() + "\",\"alg\":\"RS256\"}";
    }

    String headerB() {
        return "{\"kid\":\"" + keyB.kid() + "\",\"alg\":\"RS256\"}";
    }

    /** Valid claims of a CID_A access token with scope api/read, each value raw JSON; {@code edits} replace (null removes). */
    Map<String, String> claims(String... edits) {
        long now = Instant.now().getEpochSecond();
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("sub", q(base.cidA));
        claims.put("token_use", q("access"));
        claims.put("scope", q("api/read"));
        claims.put("auth_time", String.valueOf(now));
        claims.put("iss", q(issA));
        claims.put("exp", String.valueOf(now + 3600));
        claims.put("iat", String.valueOf(now));
        claims.put("version", "2");
        claims.put("jti", q(java.util.UUID.randomUUID().toString()));
        claims.put("client_id", q(base.cidA));
        return edit(claims, edits);
    }

    /** K_A over {@link #headerA()} and the edited claims. */
    String signedA(String... edits) {
        return sign(headerA(), json(claims(edits)), signerA);
    }

    /** Bytes: prefix, then raw bytes, then suffix (for invalid UTF-8 in a payload). */
    static byte[] bytes(String prefix, int[] raw, String suffix) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(prefix.getBytes(StandardCharsets.UTF_8));
        for (int b : raw) {
            out.write(b);
        }
        out.writeBytes(suffix.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** One world per database for a test class, on top of that database's {@link CatalogueWorld}. */
    static final class PerDatabase {
        private final CatalogueWorld.PerDatabase bases = new CatalogueWorld.PerDatabase();
        private final Map<TestDatabase, GatewayWorld> worlds = new EnumMap<>(TestDatabase.class);

        synchronized GatewayWorld of(TestDatabase database) {
            return worlds.computeIfAbsent(database, db -> {
                try {
                    return new GatewayWorld(bases.of(db));
                } catch (RuntimeException e) {
                    throw e; // among them the skip of an unconfigured PostgreSQL, which must stay a skip
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        synchronized void closeAll() {
            List<RuntimeException> failures = new ArrayList<>();
            worlds.values().forEach(w -> {
                try {
                    w.close();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            });
            worlds.clear();
            bases.closeAll();
            if (!failures.isEmpty()) {
                throw failures.get(0);
            }
        }
    }

    @Override
    public void close() {
        try {
            trap.close();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            vertx.close().await();
        }
    }
}
