package dev.gatehouse.security.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.testing.RawResponse;
import dev.gatehouse.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.CreateRestApiResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SECURITY §2.4 (GW-02 … GW-19) over raw TCP, through the production listener of a real Gatehouse
 * on H2 and PostgreSQL: a REST API made through the AWS SDK's API Gateway client, deployed to stage
 * {@code svc}, so {@code /svc/orders/1} is route R1 ({@code /orders/{id}}, GET and POST, scope
 * {@code api/read}) and {@code /svc/admin/x} is route R2 ({@code /admin/{proxy+}}, ANY, scope
 * {@code api/write}, which GOOD lacks). Each route forwards to its own {@link RecordingBackend}, a
 * plain socket that records every connection and byte, so "backend receives nothing" is asserted on
 * the socket. Every refused request's table row names its status and whether the connection must
 * close.
 */
class GatewayHttpCatalogueTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CatalogueWorld.PerDatabase WORLDS = new CatalogueWorld.PerDatabase();
    private static final Map<TestDatabase, Fixture> FIXTURES = new EnumMap<>(TestDatabase.class);
    private static RecordingBackend orders;
    private static RecordingBackend admin;
    private static RecordingBackend raw;

    /** What a case can refer to: the gateway's Host, GOOD (api/read), a token with api/write, backend ports. */
    record Fixture(CatalogueWorld world, String host, String good, String write) {
        int port() {
            return world.server.port();
        }

        /** The request line and Host, then the given header lines, a GOOD Authorization and the blank line. */
        String get(String target, String... headers) {
            return "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + good + "\r\n"
                    + lines(headers) + "\r\n";
        }

        String post(String version, String headers, String body) {
            return "POST /svc/orders/1 " + version + "\r\nHost: " + host + "\r\nAuthorization: Bearer " + good + "\r\n"
                    + headers + "\r\n" + body;
        }
    }

    /** A request the gateway must refuse: the raw bytes, the status, and whether it must close the connection. */
    record Refusal(String id, Function<Fixture, String> request, int status, boolean closes) {
        @Override
        public String toString() {
            return id;
        }
    }

    /** The smuggled request of GW-02/03: it would reach R2's backend if any parser took it for a request. */
    private static String smuggled(Fixture f) {
        return "GET /svc/admin/x HTTP/1.1\r\nHost: " + f.host() + "\r\nAuthorization: Bearer " + f.write()
                + "\r\nContent-Length: 15\r\n\r\nx=1";
    }

    /** A chunked body whose single chunk is the smuggled request (the TE.CL shape of GW-02). */
    private static String chunkedSmuggling(Fixture f) {
        String inner = smuggled(f);
        return Integer.toHexString(inner.length()) + "\r\n" + inner + "\r\n0\r\n\r\n";
    }

    private static Refusal te(String id, String transferEncoding, boolean withLength) {
        return new Refusal(id, f -> f.post("HTTP/1.1", transferEncoding + (withLength ? "Content-Length: 4\r\n" : ""),
                chunkedSmuggling(f)), 400, true);
    }

    private static Refusal length(String id, String contentLength) {
        return new Refusal(id, f -> f.post("HTTP/1.1", contentLength, "abcdefghijklmnopqrstuvwxyz"), 400, true);
    }

    private static Refusal path(String id, String target, int status) {
        return new Refusal(id, f -> f.get(target), status, false);
    }

    static List<Refusal> refusals() {
        return List.of(
                // GW-02: TE.CL and CL.TE — both headers: refused before the body is read, whichever wins elsewhere
                te("GW-02 TE.CL chunked + Content-Length 4", "Transfer-Encoding: chunked\r\n", true),
                new Refusal("GW-02 CL.TE Content-Length covering a chunked terminator and a request", f -> {
                    String body = "0\r\n\r\n" + smuggled(f);
                    return f.post("HTTP/1.1", "Content-Length: " + body.length() + "\r\nTransfer-Encoding: chunked\r\n", body);
                }, 400, true),
                // GW-03: every obfuscated Transfer-Encoding, with and without a Content-Length beside it
                te("GW-03 space before colon", "Transfer-Encoding : chunked\r\n", false),
                te("GW-03 space before colon + Content-Length", "Transfer-Encoding : chunked\r\n", true),
                te("GW-03 TAB before value + Content-Length", "Transfer-Encoding:\tchunked\r\n", true),
                te("GW-03 xchunked", "Transfer-Encoding: xchunked\r\n", false),
                te("GW-03 xchunked + Content-Length", "Transfer-Encoding: xchunked\r\n", true),
                te("GW-03 chunked, identity", "Transfer-Encoding: chunked, identity\r\n", false),
                te("GW-03 gzip, chunked", "Transfer-Encoding: gzip, chunked\r\n", false),
                te("GW-03 identity + Content-Length", "Transfer-Encoding: identity\r\n", true),
                te("GW-03 two Transfer-Encoding lines", "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", false),
                te("GW-03 chunked then identity lines", "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n", false),
                te("GW-03 obs-fold", "Transfer-Encoding:\r\n chunked\r\n", false),
                te("GW-03 obs-fold + Content-Length", "Transfer-Encoding:\r\n chunked\r\n", true),
                // GW-04: every Content-Length that is not one plain decimal
                length("GW-04 5, 6", "Content-Length: 5, 6\r\n"),
                length("GW-04 5, 5", "Content-Length: 5, 5\r\n"),
                length("GW-04 two differing lines", "Content-Length: 5\r\nContent-Length: 6\r\n"),
                length("GW-04 two equal lines", "Content-Length: 5\r\nContent-Length: 5\r\n"),
                length("GW-04 +5", "Content-Length: +5\r\n"),
                length("GW-04 0x10", "Content-Length: 0x10\r\n"),
                length("GW-04 -1", "Content-Length: -1\r\n"),
                length("GW-04 5 x", "Content-Length: 5 x\r\n"),
                length("GW-04 99999999999999999999", "Content-Length: 99999999999999999999\r\n"),
                length("GW-04 space before colon", "Content-Length : 5\r\n"),
                // GW-06: Transfer-Encoding in HTTP/1.0 is faulty framing, with or without a length
                new Refusal("GW-06 HTTP/1.0 chunked + Content-Length 3",
                        f -> f.post("HTTP/1.0", "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n", chunkedSmuggling(f)), 400, true),
                new Refusal("GW-06 HTTP/1.0 chunked",
                        f -> f.post("HTTP/1.0", "Transfer-Encoding: chunked\r\n", chunkedSmuggling(f)), 400, true),
                // GW-07: malformed lines
                new Refusal("GW-07 header line without colon", f -> f.get("/svc/orders/1", "X-No-Colon"), 400, true),
                new Refusal("GW-07 header name with \\x01", f -> f.get("/svc/orders/1", "X-A\u0001b: 1"), 400, true),
                new Refusal("GW-07 header name with \\x7f", f -> f.get("/svc/orders/1", "X-A\u007fb: 1"), 400, true),
                new Refusal("GW-07 first header line starts with TAB", f -> "POST /svc/orders/1 HTTP/1.1\r\n\tContent-Length: 1\r\nHost: "
                        + f.host() + "\r\nAuthorization: Bearer " + f.good() + "\r\nContent-Length: 1\r\n\r\nx", 400, true),
                new Refusal("GW-07 request line with bare LF", f -> "GET /svc/orders/1\nHTTP/1.1\r\nHost: " + f.host()
                        + "\r\nAuthorization: Bearer " + f.good() + "\r\n\r\n", 400, true),
                new Refusal("GW-07 bare CR in a header value", f -> f.get("/svc/orders/1", "X-A: a\rb"), 400, true),
                new Refusal("GW-07 bare LF ending a header line", f -> f.get("/svc/orders/1", "X-A: a\nX-B: b"), 400, true),
                // GW-10: every path another reader could normalise differently is 400; case differs → unknown stage
                path("GW-10 ../", "/svc/orders/../admin/x", 400),
                path("GW-10 %2e%2e", "/svc/orders/%2e%2e/admin/x", 400),
                path("GW-10 .%2e", "/svc/orders/.%2e/admin/x", 400),
                path("GW-10 ..%2f", "/svc/orders/..%2fadmin/x", 400),
                path("GW-10 %252e%252e", "/svc/orders/%252e%252e/admin/x", 400),
                path("GW-10 ..;/", "/svc/orders/..;/admin/x", 400),
                path("GW-10 ;a=b/../", "/svc/orders;a=b/../admin/x", 400),
                path("GW-10 backslashes", "/svc/orders\\..\\admin\\x", 400),
                path("GW-10 %5c..%5c", "/svc/orders/%5c..%5cadmin", 400),
                path("GW-10 overlong %c0%ae", "/svc/orders/%c0%ae%c0%ae/admin", 400),
                path("GW-10 leading //", "//svc/admin/x", 400),
                path("GW-10 inner //", "/svc//admin/x", 400),
                path("GW-10 upper case", "/SVC/ADMIN/x", 403),
                path("GW-10 %00", "/svc/admin/x%00", 400),
                path("GW-10 %0a", "/svc/admin/x%0a", 400),
                path("GW-10 %2f", "/svc/orders/%2fadmin", 400),
                // GW-11: a raw fragment never reaches the wire
                path("GW-11 raw fragment", "/svc/admin/x#frag", 400),
                path("GW-11 raw fragment on R1", "/svc/orders/1#frag", 400),
                // GW-12: an absolute-form target is refused when the Host is the gateway's, and never
                // routed by its authority elsewhere (no virtual host but the gateway's own: 404, no connection)
                new Refusal("GW-12 absolute-form naming R2's backend", f -> "GET " + admin.origin() + "/x HTTP/1.1\r\nHost: "
                        + f.host() + "\r\nAuthorization: Bearer " + f.write() + "\r\n\r\n", 400, false),
                new Refusal("GW-12 absolute-form naming another host", f -> "GET http://evil.example/ HTTP/1.1\r\nHost: "
                        + f.host() + "\r\n\r\n", 400, false),
                new Refusal("GW-12 absolute-form with the gateway's authority, other Host", f -> "GET http://" + f.host()
                        + "/svc/orders/1 HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer " + f.good() + "\r\n\r\n", 400, false),
                new Refusal("GW-12 absolute-form naming R2's backend, Host gw", f -> "GET " + admin.origin() + "/x HTTP/1.1\r\nHost: gw\r\n\r\n",
                        404, false),
                // GW-18: TRACE and CONNECT are refused by the listener (Gatehouse is neither an echo nor a tunnel);
                // a method API Gateway does not define never reaches an ANY method's backend; a NUL in the method
                new Refusal("GW-18 TRACE on R1", f -> "TRACE /svc/orders/1 HTTP/1.1\r\nHost: " + f.host()
                        + "\r\nAuthorization: Bearer " + f.good() + "\r\n\r\n", 400, true),
                new Refusal("GW-18 TRACE on R2's ANY method", f -> "TRACE /svc/admin/x HTTP/1.1\r\nHost: " + f.host()
                        + "\r\nAuthorization: Bearer " + f.write() + "\r\n\r\n", 400, true),
                new Refusal("GW-18 CONNECT", f -> "CONNECT " + admin.origin().substring(7) + " HTTP/1.1\r\nHost: " + f.host()
                        + "\r\nAuthorization: Bearer " + f.write() + "\r\n\r\n", 400, true),
                new Refusal("GW-18 PROPFIND on R2's ANY method", f -> "PROPFIND /svc/admin/x HTTP/1.1\r\nHost: " + f.host()
                        + "\r\nAuthorization: Bearer " + f.write() + "\r\n\r\n", 400, false),
                new Refusal("GW-18 NUL in the method", f -> "G\u0000ET /svc/orders/1 HTTP/1.1\r\nHost: " + f.host()
                        + "\r\nAuthorization: Bearer " + f.good() + "\r\n\r\n", 400, true));
    }

    static Stream<Arguments> refusalTable() {
        return Arrays.stream(TestDatabase.values()).flatMap(db -> refusals().stream().map(r -> Arguments.of(db, r)));
    }

    @BeforeAll
    static void backends() throws IOException {
        orders = new RecordingBackend();
        admin = new RecordingBackend();
        raw = new RecordingBackend();
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            WORLDS.closeAll();
        } finally {
            orders.close();
            admin.close();
            raw.close();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("refusalTable")
    void malformedOrAmbiguousRequestWhenSentThenRefusedAndBackendsReceiveNothing(TestDatabase database, Refusal refusal)
            throws Exception {
        Fixture f = fixture(database);
        Quiet quiet = Quiet.now();

        try (Conversation c = new Conversation(f.port())) {
            c.send(refusal.request().apply(f));
            RawResponse response = c.response();

            assertThat(response.status()).as(response.raw()).isEqualTo(refusal.status());
            assertThat(response.raw()).doesNotContain(f.good()).doesNotContain(f.write());
            if (refusal.closes()) {
                assertThat(c.closedByServer()).as("the connection is closed after a framing error").isTrue();
            }
        }
        quiet.assertNothingForwarded();
    }

    /** GW-02, positive control: the same smuggling body, framed by chunked alone, is one request to R1 with that body. */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void chunkedWhenAloneThenOneRequestWithTheWholeBodyAndNothingSmuggled(TestDatabase database) throws Exception {
        Fixture f = fixture(database);
        for (String te : List.of("Transfer-Encoding: chunked\r\n", "Transfer-Encoding:\tchunked\r\n", "Transfer-Encoding: CHUNKED\r\n")) {
            int before = orders.received().size();
            int adminBefore = admin.bytesRead();
            try (Conversation c = new Conversation(f.port())) {
                c.send(f.post("HTTP/1.1", te, chunkedSmuggling(f)));
                RawResponse response = c.response();
                assertThat(response.status()).as(te + response.raw()).isEqualTo(200);
            }
            List<RecordingBackend.Received> got = orders.received();
            assertThat(got).hasSize(before + 1);
            assertThat(got.get(before).body()).as("the smuggled request is the body, no more").isEqualTo(smuggled(f));
            assertThat(admin.bytesRead()).isEqualTo(adminBefore);
        }
    }

    /**
     * GW-02: a field that only looks like a framing field frames nothing. Vert.x 5.0.7 took any
     * {@code Content-?ength} for {@code Content-Length} (it skipped the ninth byte), so a body was cut out
     * of the next request where a proxy in front would see two requests. Sent whole (the fast head
     * parser reads it) and with the head split across two reads (the general decoder does).
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void misspeltLengthFieldWhenSentThenNoBodyAndTheNextRequestIsItsOwn(TestDatabase database) throws Exception {
        Fixture f = fixture(database);
        String first = f.post("HTTP/1.1", "Content-Jength: 6\r\n", "");
        for (int split : new int[]{first.length(), 20}) {
            int before = orders.received().size();
            try (Conversation c = new Conversation(f.port())) {
                c.send(first.substring(0, split));
                if (split < first.length()) {
                    Thread.sleep(50); // the first piece is read alone
                    c.send(first.substring(split));
                }
                c.send(f.get("/svc/orders/2"));
                assertThat(c.response().status()).as("split at %d", split).isEqualTo(200);
                assertThat(c.response().status()).as("split at %d", split).isEqualTo(200);
            }
            List<RecordingBackend.Received> got = orders.received();
            assertThat(got).hasSize(before + 2);
            assertThat(got.get(before).body()).isEmpty();
            assertThat(got.get(before).has("Content-Jength")).isTrue();
            assertThat(got.get(before + 1).requestLine()).startsWith("GET ").contains("/2 ");
        }
    }

    /**
     * GW-08 (SECURITY §5 #5): hop-by-hop nominations never remove what the gateway itself sets; and
     * GW-09: client-supplied identity and forwarding headers (spoofed, underscore form) never reach the backend.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void connectionNominatingGatewayHeadersWhenForwardedThenGatewayValuesIntactAndHopByHopGone(TestDatabase database)
            throws Exception {
        Fixture f = fixture(database);
        int before = orders.received().size();
        try (Conversation c = new Conversation(f.port())) {
            c.send(f.get("/svc/orders/1",
                    "Connection: keep-alive, X-Forwarded-For, X-Gatehouse-Client-Id, X-Gatehouse-Scopes, X-Forwarded-Host, X-Hop",
                    "Connection: X-Forwarded-Proto",
                    "X-Forwarded-For: 6.6.6.6", "X-Gatehouse-Client-Id: spoofed", "X-Gatehouse-Scopes: api/admin",
                    "X_Gatehouse_Client_Id: spoofed2", "X-Hop: 1", "Keep-Alive: timeout=100", "TE: trailers",
                    "Upgrade: websocket", "Proxy-Connection: keep-alive", "Proxy-Authorization: Basic eDp5"));
            RawResponse response = c.response();
            assertThat(response.status()).as(response.raw()).isEqualTo(200);
        }
        List<RecordingBackend.Received> got = orders.received();
        assertThat(got).hasSize(before + 1);
        RecordingBackend.Received seen = got.get(before);
        assertThat(seen.target()).isEqualTo("/orders/1");
        assertThat(seen.all("X-Forwarded-For")).containsExactly("127.0.0.1");
        assertThat(seen.all("X-Forwarded-Proto")).containsExactly("http");
        assertThat(seen.all("X-Forwarded-Host")).containsExactly(f.host());
        assertThat(seen.all("X-Gatehouse-Client-Id")).containsExactly(f.world().cidA);
        assertThat(seen.all("X-Gatehouse-Scopes")).containsExactly("api/read");
        for (String hop : List.of("X_Gatehouse_Client_Id", "X-Hop", "Keep-Alive", "TE", "Upgrade", "Proxy-Connection",
                "Proxy-Authorization")) {
            assertThat(seen.has(hop)).as(hop).isFalse();
        }
        assertThat(String.join(",", seen.all("Connection")).toLowerCase(Locale.ROOT))
                .doesNotContain("x-forwarded").doesNotContain("x-gatehouse").doesNotContain("x-hop");
    }

    /** RFC 9112 §9.6: {@code close} among other Connection tokens closes the connection after the response. */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void connectionCloseAmongOtherTokensWhenAnsweredThenConnectionClosed(TestDatabase database) throws Exception {
        Fixture f = fixture(database);
        for (String connection : List.of("Connection: close, X-Foo, X-Bar", "Connection: X-Foo, CLOSE, X-Bar",
                "Connection: X-Foo\r\nConnection: close, X-Bar")) {
            int before = orders.received().size();
            try (Conversation c = new Conversation(f.port())) {
                c.send(f.get("/svc/orders/1", connection, "X-Foo: 1", "X-Bar: 2"));
                RawResponse response = c.response();
                assertThat(response.status()).as(response.raw()).isEqualTo(200);
                assertThat(response.headers().get("connection")).as(connection).containsExactly("close");
                assertThat(c.closedByServer()).as(connection).isTrue();
            }
            RecordingBackend.Received seen = orders.received().get(before);
            assertThat(seen.has("X-Foo")).isFalse();
            assertThat(seen.has("X-Bar")).isFalse();
        }
        // the control: a keep-alive request leaves the connection open for the next one
        try (Conversation c = new Conversation(f.port())) {
            c.send(f.get("/svc/orders/1", "Connection: X-Foo", "X-Foo: 1"));
            assertThat(c.response().status()).isEqualTo(200);
            c.send(f.get("/svc/orders/2"));
            assertThat(c.response().status()).isEqualTo(200);
        }
    }

    /** GW-10, the other half: what was authorised is byte for byte what R1's backend receives; GW-11: the query never routes. */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void acceptedPathWhenForwardedThenByteEqualAndQueryNeverRoutes(TestDatabase database) throws Exception {
        Fixture f = fixture(database);
        Quiet quiet = Quiet.now();
        for (String[] pair : new String[][]{
                {"/svc/orders/a%20b", "/orders/a%20b"},
                {"/svc/orders/%C3%A9", "/orders/%C3%A9"},
                {"/svc/orders/1?x=/../admin", "/orders/1?x=/../admin"},
                {"/svc/orders/1?/svc/admin/x", "/orders/1?/svc/admin/x"}}) {
            int before = orders.received().size();
            try (Conversation c = new Conversation(f.port())) {
                c.send(f.get(pair[0]));
                RawResponse response = c.response();
                assertThat(response.status()).as(pair[0] + " " + response.raw()).isEqualTo(200);
            }
            assertThat(orders.received()).hasSize(before + 1);
            assertThat(orders.received().get(before).target()).isEqualTo(pair[1]);
        }
        assertThat(admin.bytesRead()).isEqualTo(quiet.admin());
        // the control: R2's backend does record what reaches it
        try (Conversation c = new Conversation(f.port())) {
            c.send("GET /svc/admin/x HTTP/1.1\r\nHost: " + f.host() + "\r\nAuthorization: Bearer " + f.write() + "\r\n\r\n");
            assertThat(c.response().status()).isEqualTo(200);
        }
        assertThat(admin.received().get(admin.received().size() - 1).target()).isEqualTo("/admin/x");
    }

    /** GW-14: an h2c upgrade is never honoured; the HTTP/2 preface and frames after it are not a request for R2. */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void h2cUpgradeWhenSentThenNo101AndLaterFramesNeverReachR2(TestDatabase database) throws Exception {
        Fixture f = fixture(database);
        Quiet quiet = Quiet.now();
        int before = orders.received().size();
        try (Conversation c = new Conversation(f.port())) {
            c.send(f.get("/svc/orders/1", "Upgrade: h2c", "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA",
                    "Connection: Upgrade, HTTP2-Settings"));
            c.send(h2PrefaceAndHeaders(f));
            RawResponse first = c.response();
            assertThat(first.status()).as(first.raw()).isEqualTo(200);
            assertThat(first.statusLine()).doesNotContain("101");
            RawResponse second = c.response();
            assertThat(second.status()).as("the preface is refused as HTTP/1.1 (Vert.x: 501)").isGreaterThanOrEqualTo(400);
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(orders.received()).hasSize(before + 1);
        RecordingBackend.Received seen = orders.received().get(before);
        assertThat(seen.has("Upgrade")).isFalse();
        assertThat(seen.has("HTTP2-Settings")).isFalse();
        assertThat(admin.bytesRead()).isEqualTo(quiet.admin());
        assertThat(admin.connections()).isEqualTo(quiet.adminConnections());
    }

    /**
     * GW-15: Gatehouse has no websocket routes, so an Upgrade is stripped, the backend answers
     * plain HTTP (it would answer 426 to an Upgrade it saw), the connection never becomes a tunnel,
     * and the request pipelined behind it is parsed and routed as a request of its own.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void websocketUpgradeWhenRefusedByBackendThenNoTunnelAndNextPipelinedRequestParsed(TestDatabase database)
            throws Exception {
        Fixture f = fixture(database);
        Quiet quiet = Quiet.now();
        int before = orders.received().size();
        orders.respond.set(r -> r.has("Upgrade")
                ? "HTTP/1.1 426 Upgrade Required\r\nSec-WebSocket-Version: 13\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)
                : RecordingBackend.ECHO.apply(r));
        try (Conversation c = new Conversation(f.port())) {
            c.send(f.get("/svc/orders/1", "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Version: 12",
                    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==") + f.get("/svc/orders/2"));
            RawResponse first = c.response();
            assertThat(first.status()).as(first.raw()).isEqualTo(200);
            assertThat(first.headers()).doesNotContainKey("upgrade");
            RawResponse second = c.response();
            assertThat(second.status()).as(second.raw()).isEqualTo(200);
            assertThat(second.body()).startsWith("/orders/2\n");
        } finally {
            orders.respond.set(RecordingBackend.ECHO);
        }
        List<RecordingBackend.Received> got = orders.received().subList(before, orders.received().size());
        assertThat(got).extracting(RecordingBackend.Received::target).containsExactly("/orders/1", "/orders/2");
        // Sec-WebSocket-* fields may pass: without Upgrade and Connection: Upgrade no backend can switch protocols
        assertThat(got).noneMatch(r -> r.has("Upgrade") || r.all("Connection").toString().toLowerCase(Locale.ROOT).contains("upgrade"));
        assertThat(admin.bytesRead()).isEqualTo(quiet.admin());
    }

    /** GW-16: Expect: 100-continue with a bad token: 401 with no 100 Continue, the 1 GiB body never read, the connection closed. */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void expectContinueWhenTokenInvalidThen401Without100AndConnectionClosed(TestDatabase database) throws Exception {
        Fixture f = fixture(database);
        Quiet quiet = Quiet.now();
        for (String authorization : List.of("Authorization: Bearer " + f.good() + "x", "X-No-Authorization: 1")) {
            try (Conversation c = new Conversation(f.port())) {
                long started = System.nanoTime();
                c.send("POST /svc/orders/1 HTTP/1.1\r\nHost: " + f.host() + "\r\n" + authorization
                        + "\r\nExpect: 100-continue\r\nContent-Length: 1073741824\r\n\r\n");
                RawResponse response = c.response();
                assertThat(response.statusLine()).as(response.raw()).startsWith("HTTP/1.1 401");
                assertThat(response.raw()).doesNotContain("100 Continue");
                assertThat(c.closedByServer()).isTrue();
                assertThat((System.nanoTime() - started) / 1_000_000).as("answered and closed within a bound").isLessThan(5000);
            }
        }
        quiet.assertNothingForwarded();
    }

    /**
     * GW-19: a backend answer with ambiguous framing is a 502, and that backend connection is
     * closed, never reused: the next request to the same backend arrives on a new connection.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void backendResponseWhenFramingAmbiguousThen502AndUpstreamConnectionClosed(TestDatabase database) throws Exception {
        Fixture f = fixture(database);
        List<String> answers = List.of(
                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 40\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello",
                "HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\nhello!",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
                "HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
        for (String answer : answers) {
            raw.respond.set(r -> answer.getBytes(StandardCharsets.US_ASCII));
            int connection;
            try {
                RawResponse response = exchange(f, "GET /svc/bad HTTP/1.1\r\nHost: " + f.host() + "\r\n\r\n");
                assertThat(response.status()).as(answer + " → " + response.raw()).isEqualTo(502);
                assertThat(response.body()).isEqualTo("{\"message\":\"Internal server error\"}");
                connection = raw.received().get(raw.received().size() - 1).connection();
            } finally {
                raw.respond.set(RecordingBackend.ECHO);
            }
            awaitClosed(connection);
            RawResponse next = exchange(f, "GET /svc/bad HTTP/1.1\r\nHost: " + f.host() + "\r\n\r\n");
            assertThat(next.status()).isEqualTo(200);
            assertThat(raw.received().get(raw.received().size() - 1).connection()).as("a new connection").isNotEqualTo(connection);
        }
        // the control: a well-framed answer keeps its connection for the next request (one caller connection:
        // backend connections are pooled per event loop, and each listener instance has its own)
        RawResponse one;
        RawResponse two;
        int kept;
        try (Conversation c = new Conversation(f.port())) {
            c.send("GET /svc/bad HTTP/1.1\r\nHost: " + f.host() + "\r\n\r\n");
            one = c.response();
            kept = raw.received().get(raw.received().size() - 1).connection();
            c.send("GET /svc/bad HTTP/1.1\r\nHost: " + f.host() + "\r\n\r\n");
            two = c.response();
        }
        assertThat(one.status()).isEqualTo(200);
        assertThat(two.status()).isEqualTo(200);
        assertThat(raw.received().get(raw.received().size() - 1).connection()).isEqualTo(kept);
        assertThat(raw.closedByPeer()).doesNotContain(kept);
    }

    private static void awaitClosed(int connection) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!raw.closedByPeer().contains(connection) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(raw.closedByPeer()).as("the gateway closed the backend connection").contains(connection);
    }

    private static RawResponse exchange(Fixture f, String request) throws IOException {
        try (Conversation c = new Conversation(f.port())) {
            c.send(request);
            return c.response();
        }
    }

    /** The client connection preface, SETTINGS and a HEADERS frame for GET /svc/admin/x (HPACK literals, no Huffman). */
    private static String h2PrefaceAndHeaders(Fixture f) {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.write(0x82); // :method GET
        block.write(0x86); // :scheme http
        literal(block, 4, "/svc/admin/x"); // :path
        literal(block, 1, f.host()); // :authority
        byte[] headers = block.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(new byte[]{0, 0, 0, 4, 0, 0, 0, 0, 0}); // empty SETTINGS
        out.writeBytes(new byte[]{0, 0, (byte) headers.length, 1, 5, 0, 0, 0, 1}); // HEADERS, END_STREAM|END_HEADERS, stream 1
        out.writeBytes(headers);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static void literal(ByteArrayOutputStream block, int index, String value) {
        block.write(index); // literal without indexing, indexed name
        block.write(value.length());
        block.writeBytes(value.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Backend counters before a case, to assert that neither R1's nor R2's backend saw anything since. */
    record Quiet(int orders, int ordersConnections, int admin, int adminConnections) {
        static Quiet now() {
            return new Quiet(GatewayHttpCatalogueTest.orders.bytesRead(), GatewayHttpCatalogueTest.orders.connections(),
                    GatewayHttpCatalogueTest.admin.bytesRead(), GatewayHttpCatalogueTest.admin.connections());
        }

        void assertNothingForwarded() throws InterruptedException {
            Thread.sleep(50); // anything forwarded was sent before the answer; this only lets its bytes land
            assertThat(GatewayHttpCatalogueTest.orders.bytesRead()).as("bytes R1's backend read").isEqualTo(orders);
            assertThat(GatewayHttpCatalogueTest.orders.connections()).as("connections to R1's backend").isEqualTo(ordersConnections);
            assertThat(GatewayHttpCatalogueTest.admin.bytesRead()).as("bytes R2's backend read").isEqualTo(admin);
            assertThat(GatewayHttpCatalogueTest.admin.connections()).as("connections to R2's backend").isEqualTo(adminConnections);
        }
    }

    /** One client connection: raw bytes out, responses read one by one, and whether the server closed it. */
    static final class Conversation implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;

        Conversation(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
        }

        void send(String text) throws IOException {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
        }

        RawResponse response() throws IOException {
            return RawResponse.read(in);
        }

        /** True when the server closes (or resets) the connection within 5 s of the last response. */
        boolean closedByServer() throws IOException {
            socket.setSoTimeout(5000);
            try {
                return in.read() < 0;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true; // reset
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static synchronized Fixture fixture(TestDatabase database) {
        return FIXTURES.computeIfAbsent(database, db -> create(WORLDS.of(db)));
    }

    /** The API of the class comment, made and deployed through the real management API. */
    private static Fixture create(CatalogueWorld world) {
        try (ApiGatewayClient gw = world.server.apiGateway()) {
            String poolArn = world.cognito.describeUserPool(r -> r.userPoolId(world.poolA)).userPool().arn();
            CreateRestApiResponse api = gw.createRestApi(r -> r.name("catalogue-gw"));
            String apiId = api.id();
            String authorizer = gw.createAuthorizer(r -> r.restApiId(apiId).name("pool-a").type("COGNITO_USER_POOLS")
                    .providerARNs(poolArn).identitySource("method.request.header.Authorization")).id();
            String ordersResource = gw.createResource(r -> r.restApiId(apiId).parentId(api.rootResourceId()).pathPart("orders")).id();
            String order = gw.createResource(r -> r.restApiId(apiId).parentId(ordersResource).pathPart("{id}")).id();
            for (String method : List.of("GET", "POST")) {
                gw.putMethod(r -> r.restApiId(apiId).resourceId(order).httpMethod(method)
                        .authorizationType("COGNITO_USER_POOLS").authorizerId(authorizer).authorizationScopes("api/read")
                        .requestParameters(Map.of("method.request.path.id", true)));
                gw.putIntegration(r -> r.restApiId(apiId).resourceId(order).httpMethod(method).type("HTTP_PROXY")
                        .integrationHttpMethod(method).uri(orders.origin() + "/orders/{id}")
                        .requestParameters(Map.of("integration.request.path.id", "method.request.path.id",
                                "integration.request.header.X-Gatehouse-Client-Id", "context.authorizer.claims.client_id",
                                "integration.request.header.X-Gatehouse-Scopes", "context.authorizer.claims.scope")));
            }
            String adminResource = gw.createResource(r -> r.restApiId(apiId).parentId(api.rootResourceId()).pathPart("admin")).id();
            String proxy = gw.createResource(r -> r.restApiId(apiId).parentId(adminResource).pathPart("{proxy+}")).id();
            gw.putMethod(r -> r.restApiId(apiId).resourceId(proxy).httpMethod("ANY")
                    .authorizationType("COGNITO_USER_POOLS").authorizerId(authorizer).authorizationScopes("api/write")
                    .requestParameters(Map.of("method.request.path.proxy", true)));
            gw.putIntegration(r -> r.restApiId(apiId).resourceId(proxy).httpMethod("ANY").type("HTTP_PROXY")
                    .integrationHttpMethod("ANY").uri(admin.origin() + "/admin/{proxy}")
                    .requestParameters(Map.of("integration.request.path.proxy", "method.request.path.proxy")));
            String bad = gw.createResource(r -> r.restApiId(apiId).parentId(api.rootResourceId()).pathPart("bad")).id();
            gw.putMethod(r -> r.restApiId(apiId).resourceId(bad).httpMethod("GET").authorizationType("NONE"));
            gw.putIntegration(r -> r.restApiId(apiId).resourceId(bad).httpMethod("GET").type("HTTP_PROXY")
                    .integrationHttpMethod("GET").uri(raw.origin() + "/bad"));
            gw.createDeployment(r -> r.restApiId(apiId).stageName("svc"));

            String host = apiId + ".execute-api.us-east-1.localhost:" + world.server.port();
            return new Fixture(world, host, token(world, "api/read"), token(world, "api/write"));
        }
    }

    private static String token(CatalogueWorld world, String scope) {
        try {
            Wire.Response response = Wire.token(world.server.port(), "/oauth2/token",
                    "grant_type=client_credentials&scope=" + scope,
                    List.of(Wire.basic(world.cidA, world.secA), "Content-Type: application/x-www-form-urlencoded"));
            assertThat(response.status()).as(response.raw()).isEqualTo(200);
            return JSON.readTree(response.body()).get("access_token").textValue();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String lines(String... headers) {
        StringBuilder out = new StringBuilder();
        for (String header : headers) {
            out.append(header).append("\r\n");
        }
        return out.toString();
    }
}
