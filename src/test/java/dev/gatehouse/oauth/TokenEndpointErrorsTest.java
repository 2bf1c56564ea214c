package dev.gatehouse.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.gatehouse.oauth.OAuthFixtures.CID_A;
import static dev.gatehouse.oauth.OAuthFixtures.CID_A2;
import static dev.gatehouse.oauth.OAuthFixtures.CID_A3;
import static dev.gatehouse.oauth.OAuthFixtures.CID_B;
import static dev.gatehouse.oauth.OAuthFixtures.CID_PLUS;
import static dev.gatehouse.oauth.OAuthFixtures.CID_TOKEN;
import static dev.gatehouse.oauth.OAuthFixtures.POOL_A;
import static dev.gatehouse.oauth.OAuthFixtures.SEC_A;
import static dev.gatehouse.oauth.OAuthFixtures.SEC_A2;
import static dev.gatehouse.oauth.OAuthFixtures.SEC_A3;
import static dev.gatehouse.oauth.OAuthFixtures.SEC_A_SECOND;
import static dev.gatehouse.oauth.OAuthFixtures.SEC_B;
import static dev.gatehouse.oauth.OAuthFixtures.SEC_PLUS;
import static dev.gatehouse.oauth.OAuthFixtures.SEC_TOKEN;
import static dev.gatehouse.oauth.RawHttp.basic;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SECURITY §2.1 (token endpoint) as a table, on a shared server per database: status, {@code error},
 * and the full header family on every answer (DESIGN §8: invalid_client is 401 with
 * {@code WWW-Authenticate}, everything else 400).
 */
class TokenEndpointErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CT = "Content-Type: application/x-www-form-urlencoded";
    private static final String NO_CT = "<no content type>";
    private static final String GRANT = "grant_type=client_credentials";
    private static final String LOCAL = "localhost:{port}";
    private static final String DOMAIN_A = "pool-a.auth.us-east-1.localhost:{port}";
    private static final Map<TestDatabase, TestServer> SERVERS = new EnumMap<>(TestDatabase.class);

    /** One row: a request and the answer it must get ({@code error} null = 200 with {@code scope}). */
    record Case(String id, String method, String target, String host, String body, List<String> headers,
                int status, String error, String scope) {

        @Override
        public String toString() {
            return id;
        }
    }

    static Case ok(String id, String host, String body, String scope, String... headers) {
        return new Case(id, "POST", "/oauth2/token", host, body, List.of(headers), 200, null, scope);
    }

    static Case refused(String id, int status, String error, String body, String... headers) {
        return new Case(id, "POST", "/oauth2/token", LOCAL, body, List.of(headers), status, error, null);
    }

    static Case refusedOn(String id, String target, String host, int status, String error, String body,
                          String... headers) {
        return new Case(id, "POST", target, host, body, List.of(headers), status, error, null);
    }

    static List<Case> cases() {
        String b64a = java.util.Base64.getEncoder().encodeToString((CID_A + ":" + SEC_A).getBytes(StandardCharsets.UTF_8));
        List<Case> cases = new ArrayList<>(List.of(
                refused("TE-01 no credentials", 401, "invalid_client", GRANT),
                refused("TE-02 wrong secret", 401, "invalid_client", GRANT, basic(CID_A, "wrong")),
                refused("TE-02 unknown client", 401, "invalid_client", GRANT, basic("unknownclient0000000000000", SEC_A)),
                refused("TE-04 no colon", 401, "invalid_client", GRANT, "Authorization: Basic "
                        + java.util.Base64.getEncoder().encodeToString(CID_A.getBytes(StandardCharsets.UTF_8))),
                refused("TE-05 not base64", 401, "invalid_client", GRANT, "Authorization: Basic " + CID_A + ":" + SEC_A),
                refused("TE-05 empty", 401, "invalid_client", GRANT, "Authorization: Basic "),
                refused("TE-05 unpadded base64", 401, "invalid_client", GRANT, "Authorization: Basic "
                        + java.util.Base64.getEncoder().withoutPadding().encodeToString((CID_A + ":" + SEC_A + "x")
                        .getBytes(StandardCharsets.UTF_8))),
                refused("TE-05 bearer scheme", 401, "invalid_client", GRANT, "Authorization: Bearer " + b64a),
                refused("TE-06 empty secret", 401, "invalid_client", GRANT, basic(CID_A, "")),
                ok("TE-08 scheme case and two spaces", LOCAL, GRANT, "api/read api/write", "authorization: bAsIc  " + b64a),
                refused("TE-08 trailing token", 401, "invalid_client", GRANT, "Authorization: Basic " + b64a + " trailing"),
                refused("TE-09 header and body secret", 400, "invalid_request",
                        GRANT + "&client_id=" + CID_A + "&client_secret=" + SEC_A, basic(CID_A, SEC_A)),
                refused("TE-09 header and other client_id", 400, "invalid_request",
                        GRANT + "&client_id=" + CID_B, basic(CID_A, SEC_A)),
                ok("header and the same client_id", LOCAL, GRANT + "&client_id=" + CID_A, "api/read api/write",
                        basic(CID_A, SEC_A)),
                refusedOn("TE-10 credentials in query", "/oauth2/token?client_id=" + CID_A + "&client_secret=" + SEC_A,
                        LOCAL, 400, "invalid_request", GRANT),
                refused("TE-12 JSON", 400, "invalid_request", "{\"grant_type\":\"client_credentials\"}",
                        basic(CID_A, SEC_A), "Content-Type: application/json"),
                refused("TE-13 multipart", 400, "invalid_request",
                        "--x\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\nclient_credentials\r\n--x--\r\n",
                        basic(CID_A, SEC_A), "Content-Type: multipart/form-data; boundary=x"),
                refused("TE-13 no content type", 400, "invalid_request", GRANT, basic(CID_A, SEC_A), NO_CT),
                ok("content type with charset", LOCAL, GRANT, "api/read api/write", basic(CID_A, SEC_A),
                        "Content-Type: Application/X-WWW-Form-Urlencoded; charset=UTF-8"),
                refused("grant_type missing", 400, "invalid_request", "scope=api%2Fread", basic(CID_A, SEC_A)),
                refused("TE-14 password", 400, "unsupported_grant_type", "grant_type=password&username=u&password=p",
                        basic(CID_A, SEC_A)),
                refused("TE-14 upper case", 400, "unsupported_grant_type", "grant_type=CLIENT_CREDENTIALS", basic(CID_A, SEC_A)),
                refused("TE-14 NUL", 400, "unsupported_grant_type", "grant_type=client_credentials%00", basic(CID_A, SEC_A)),
                refused("TE-14 refresh_token", 400, "unsupported_grant_type", "grant_type=refresh_token&refresh_token=x",
                        basic(CID_A, SEC_A)),
                refused("TE-14 authorization_code", 400, "unsupported_grant_type", "grant_type=authorization_code&code=x",
                        basic(CID_A, SEC_A)),
                refused("TE-14 jwt-bearer", 400, "unsupported_grant_type",
                        "grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer", basic(CID_A, SEC_A)),
                refused("TE-16 no client_credentials flow", 400, "unauthorized_client", GRANT, basic(CID_A2, SEC_A2)),
                refused("OAuth flag false", 400, "invalid_grant", GRANT, basic(CID_A3, SEC_A3)),
                refused("GetClientToken-only client", 400, "invalid_grant", GRANT, basic(CID_TOKEN, SEC_TOKEN)),
                refused("TE-24 openid", 400, "invalid_scope", GRANT + "&scope=openid", basic(CID_A, SEC_A)),
                refused("TE-24 admin", 400, "invalid_scope", GRANT + "&scope=aws.cognito.signin.user.admin", basic(CID_A, SEC_A)),
                refused("TE-24 email", 400, "invalid_scope", GRANT + "&scope=email", basic(CID_A, SEC_A)),
                refused("TE-25 TAB", 400, "invalid_scope", GRANT + "&scope=api/read%09api/write", basic(CID_A, SEC_A)),
                refused("TE-25 LF", 400, "invalid_scope", GRANT + "&scope=api/read%0Aapi/write", basic(CID_A, SEC_A)),
                refused("TE-25 two spaces", 400, "invalid_scope", GRANT + "&scope=api/read%20%20api/write", basic(CID_A, SEC_A)),
                refused("TE-25 leading space", 400, "invalid_scope", GRANT + "&scope=%20api/read", basic(CID_A, SEC_A)),
                refused("TE-25 NUL", 400, "invalid_scope", GRANT + "&scope=api/read%00", basic(CID_A, SEC_A)),
                refused("TE-25 quote", 400, "invalid_scope", GRANT + "&scope=api/read%22", basic(CID_A, SEC_A)),
                ok("TE-26 duplicates collapse", LOCAL, GRANT + "&scope=api/read%20api/read", "api/read", basic(CID_A, SEC_A)),
                ok("plus is a space", LOCAL, GRANT + "&scope=api/write+api/read", "api/write api/read", basic(CID_A, SEC_A)),
                ok("empty scope means all", LOCAL, GRANT + "&scope=", "api/read api/write", basic(CID_A, SEC_A)),
                refused("TE-28 Cyrillic", 400, "invalid_scope", GRANT + "&scope=api/re%D0%B0d", basic(CID_A, SEC_A)),
                refused("TE-28 fullwidth", 400, "invalid_scope", GRANT + "&scope=api/%EF%BD%92ead", basic(CID_A, SEC_A)),
                refused("scope not allowed for the client", 400, "invalid_scope", GRANT + "&scope=api/write",
                        basic(CID_PLUS, SEC_PLUS)),
                refused("scope case variant", 400, "invalid_scope", GRANT + "&scope=API/read", basic(CID_A, SEC_A)),
                ok("inactive scope dropped", LOCAL, GRANT + "&scope=api/gone%20api/read", "api/read", basic(CID_A, SEC_A)),
                refused("only inactive scopes", 400, "invalid_scope", GRANT + "&scope=api/gone", basic(CID_A, SEC_A)),
                refused("TE-29 case variant", 401, "invalid_client", GRANT, basic(CID_A.toUpperCase(java.util.Locale.ROOT), SEC_A)),
                refused("TE-29 fullwidth", 401, "invalid_client", GRANT, basic("ａ" + CID_A.substring(1), SEC_A)),
                refused("TE-29 zero-width space", 401, "invalid_client", GRANT, basic(CID_A + "\u200b", SEC_A)),
                refused("TE-29 trailing space", 401, "invalid_client", GRANT, basic(CID_A + " ", SEC_A)),
                ok("TE-30 foreign Host and X-Forwarded-*", "evil.example", GRANT, "api/read api/write", basic(CID_A, SEC_A),
                        "X-Forwarded-Host: evil.example", "X-Forwarded-Proto: http"),
                refused("TE-32 repeated client_secret", 400, "invalid_request",
                        GRANT + "&client_secret=" + SEC_A + "&client_secret=x", basic(CID_A, SEC_A)),
                refused("TE-32 repeated client_id", 400, "invalid_request",
                        GRANT + "&client_id=" + CID_A + "&client_id=" + CID_B + "&client_secret=" + SEC_A),
                refused("repeated grant_type", 400, "invalid_request", GRANT + "&" + GRANT, basic(CID_A, SEC_A)),
                refused("malformed percent-encoding", 400, "invalid_request", GRANT + "&scope=api%2", basic(CID_A, SEC_A)),
                refused("invalid UTF-8", 400, "invalid_request", GRANT + "&scope=%FF", basic(CID_A, SEC_A)),
                refused("resource parameter", 400, "invalid_request", GRANT + "&resource=https%3A%2F%2Fapi.example",
                        basic(CID_A, SEC_A)),
                refused("33 parameters", 400, "invalid_request", GRANT + "&p=1".repeat(1) + repeatedNames(32),
                        basic(CID_A, SEC_A)),
                ok("client_secret_post", LOCAL, GRANT + "&client_id=" + CID_A + "&client_secret=" + SEC_A, "api/read api/write"),
                refused("client_id without secret", 401, "invalid_client", GRANT + "&client_id=" + CID_A),
                refused("client_secret without client_id", 400, "invalid_request", GRANT + "&client_secret=" + SEC_A),
                ok("second active secret (Basic)", LOCAL, GRANT, "api/read api/write", basic(CID_A, SEC_A_SECOND)),
                ok("second active secret (post)", LOCAL, GRANT + "&client_id=" + CID_A + "&client_secret=" + SEC_A_SECOND,
                        "api/read api/write"),
                ok("TE-07 raw Basic with + and %", LOCAL, GRANT, "api/read", basic(CID_PLUS, SEC_PLUS)),
                ok("TE-07 form-encoded Basic", LOCAL, GRANT, "api/read", basic(CID_PLUS, form(SEC_PLUS))),
                refused("TE-07 doubly form-encoded Basic", 401, "invalid_client", GRANT, basic(CID_PLUS, form(form(SEC_PLUS)))),
                ok("own pool's domain", DOMAIN_A, GRANT, "api/read api/write", basic(CID_A, SEC_A)),
                ok("own pool's domain, upper case, no port", "POOL-A.AUTH.US-EAST-1.LOCALHOST", GRANT, "api/read api/write",
                        basic(CID_A, SEC_A)),
                refusedOn("client of pool B on pool A's domain", "/oauth2/token", DOMAIN_A, 401, "invalid_client", GRANT,
                        basic(CID_B, SEC_B)),
                refusedOn("unknown auth domain", "/oauth2/token", "nope.auth.us-east-1.localhost:{port}", 401,
                        "invalid_client", GRANT, basic(CID_A, SEC_A)),
                refusedOn("pool A domain in another region", "/oauth2/token", "pool-a.auth.eu-west-1.localhost:{port}", 401,
                        "invalid_client", GRANT, basic(CID_A, SEC_A)),
                new Case("GET is 405", "GET", "/oauth2/token", LOCAL, "", List.of(basic(CID_A, SEC_A)), 405,
                        "invalid_request", null)));
        return cases;
    }

    static Stream<Arguments> table() {
        return Arrays.stream(TestDatabase.values()).flatMap(db -> cases().stream().map(c -> Arguments.of(db, c)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("table")
    void tokenRequestWhenCaseThenExpectedAnswer(TestDatabase database, Case c) throws Exception {
        TestServer server = server(database);
        RawHttp.Response response = send(server, c);

        assertThat(response.status()).as(c.id() + ": " + response.body()).isEqualTo(c.status());
        assertCommonHeaders(response);
        JsonNode body = JSON.readTree(response.body());
        if (c.error() == null) {
            assertThat(body.get("token_type").textValue()).isEqualTo("Bearer");
            var claims = SignedJWT.parse(body.get("access_token").textValue()).getJWTClaimsSet();
            assertThat(claims.getStringClaim("scope")).isEqualTo(c.scope());
            assertThat(claims.getIssuer()).isEqualTo(server.issuer(POOL_A)); // TE-30: never from Host
            assertThat(response.header("WWW-Authenticate")).isNull();
        } else {
            assertThat(body.get("error").textValue()).isEqualTo(c.error());
            assertThat(body.has("access_token")).isFalse();
            if (c.status() == 401) {
                assertThat(response.header("WWW-Authenticate")).isEqualTo("Basic realm=\"gatehouse\"");
            } else {
                assertThat(response.header("WWW-Authenticate")).isNull();
            }
            if (c.status() == 405) {
                assertThat(response.header("Allow")).isEqualTo("POST");
            }
        }
    }

    /** SECURITY "same as TE-02": unknown client and wrong secret are byte-identical but for Date and the id. */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void tokenRequestWhenUnknownClientOrWrongSecretThenSameBytes(TestDatabase database) throws Exception {
        TestServer server = server(database);
        String unknown = normalise(send(server, refused("unknown", 401, "invalid_client", GRANT,
                basic("unknownclient0000000000000", SEC_A))).raw());
        String wrong = normalise(send(server, refused("wrong", 401, "invalid_client", GRANT, basic(CID_A, "x" + SEC_A))).raw());
        String pool = normalise(send(server, refusedOn("other pool", "/oauth2/token", DOMAIN_A, 401, "invalid_client",
                GRANT, basic(CID_B, SEC_B))).raw());
        String postUnknown = normalise(send(server, refused("post unknown", 401, "invalid_client",
                GRANT + "&client_id=unknownclient0000000000000&client_secret=x")).raw());
        String postWrong = normalise(send(server, refused("post wrong", 401, "invalid_client",
                GRANT + "&client_id=" + CID_A + "&client_secret=x")).raw());
        assertThat(wrong).isEqualTo(unknown).isEqualTo(pool).isEqualTo(postUnknown).isEqualTo(postWrong);
        assertThat(unknown).contains("{\"error\":\"invalid_client\"}").doesNotContain(CID_A).doesNotContain(SEC_A);
    }

    /** TE-22: oversized bodies, parameter floods and huge scopes are refused fast, never 500. */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void tokenRequestWhenOversizedThenRefusedFast(TestDatabase database) throws Exception {
        TestServer server = server(database);
        String tenMiB = GRANT + "&x=" + "A".repeat(10 * 1024 * 1024);
        StringBuilder params = new StringBuilder(GRANT);
        for (int i = 0; i < 100_000; i++) {
            params.append("&p").append(i).append("=1");
        }
        String hugeScope = GRANT + "&scope=" + "api/read%20".repeat(1024 * 1024 / 11);
        for (String body : List.of(tenMiB, params.toString(), hugeScope)) {
            long start = System.nanoTime();
            RawHttp.Response response = sendStreaming(server.port(), body, true);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(response.status()).isIn(400, 413);
            assertThat(JSON.readTree(response.body()).get("error").textValue()).isEqualTo("invalid_request");
            assertCommonHeaders(response);
            assertThat(millis).as("answered in %d ms", millis).isLessThan(2000);
        }
        // Chunked, no Content-Length: the limit applies while reading.
        RawHttp.Response chunked = sendStreaming(server.port(), tenMiB, false);
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.body()).isEqualTo("{\"error\":\"invalid_request\"}");
        // The server is still healthy afterwards.
        assertThat(send(server, ok("after", LOCAL, GRANT, "api/read api/write", basic(CID_A, SEC_A))).status()).isEqualTo(200);
    }

    @AfterAll
    static void stopServers() {
        SERVERS.values().forEach(TestServer::close);
        SERVERS.clear();
    }

    private static synchronized TestServer server(TestDatabase database) {
        return SERVERS.computeIfAbsent(database, db -> {
            TestServer server = TestServer.start(db);
            OAuthFixtures.create(server);
            return server;
        });
    }

    private static RawHttp.Response send(TestServer server, Case c) throws IOException {
        String host = c.host().replace("{port}", String.valueOf(server.port()));
        List<String> headers = new ArrayList<>(c.headers());
        boolean hasType = headers.stream().anyMatch(h -> h.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:"));
        if (!headers.remove(NO_CT) && !hasType) {
            headers.add(CT);
        }
        StringBuilder request = new StringBuilder(c.method() + " " + c.target() + " HTTP/1.1\r\nHost: " + host + "\r\n");
        headers.forEach(h -> request.append(h).append("\r\n"));
        byte[] body = c.body().getBytes(StandardCharsets.UTF_8);
        request.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] head = request.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return RawHttp.send(server.port(), all);
    }

    /** Sends a large body from another thread while reading the answer, as a real client would. */
    private static RawHttp.Response sendStreaming(int port, String body, boolean contentLength) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
            String head = "POST /oauth2/token HTTP/1.1\r\nHost: localhost\r\n" + basic(CID_A, SEC_A) + "\r\n" + CT + "\r\n"
                    + (contentLength ? "Content-Length: " + bytes.length : "Transfer-Encoding: chunked") + "\r\n\r\n";
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(head.getBytes(StandardCharsets.US_ASCII));
                    if (contentLength) {
                        out.write(bytes);
                    } else {
                        for (int i = 0; i < bytes.length; i += 8192) {
                            int n = Math.min(8192, bytes.length - i);
                            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                            out.write(bytes, i, n);
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                } catch (IOException ignored) {
                    // the server may close once it has answered
                }
            });
            writer.start();
            RawHttp.Response response = RawHttp.read(socket.getInputStream());
            writer.join(10_000);
            return response;
        }
    }

    private static void assertCommonHeaders(RawHttp.Response response) {
        assertThat(response.header("Content-Type")).isEqualTo("application/json;charset=UTF-8");
        assertThat(response.header("Cache-Control")).isEqualTo("no-cache, no-store, max-age=0, must-revalidate");
        assertThat(response.header("Pragma")).isEqualTo("no-cache");
        assertThat(response.header("Expires")).isEqualTo("0");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.header("Strict-Transport-Security")).isEqualTo("max-age=31536000 ; includeSubDomains");
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(response.header("x-amz-cognito-request-id")).hasSize(36);
    }

    private static String normalise(String raw) {
        return raw.replaceAll("(?m)^date: .*$", "date: *").replaceAll("(?im)^date: .*$", "date: *")
                .replaceAll("(?im)^x-amz-cognito-request-id: .*$", "x-amz-cognito-request-id: *");
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String repeatedNames(int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append("&q").append(i).append("=1");
        }
        return out.toString();
    }
}
