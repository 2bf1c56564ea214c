package dev.gatehouse.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.config.AbuseProtection;
import dev.gatehouse.model.ClientRateLimit;
import dev.gatehouse.net.Cidr;
import dev.gatehouse.observe.JsonLinesAuditLog;
import dev.gatehouse.testing.SignedHttp;
import dev.gatehouse.testing.SlowHead;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GetClientTokenRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static dev.gatehouse.oauth.OAuthFixtures.CID_A;
import static dev.gatehouse.oauth.OAuthFixtures.CID_TOKEN;
import static dev.gatehouse.oauth.OAuthFixtures.POOL_A;
import static dev.gatehouse.oauth.OAuthFixtures.SEC_A;
import static dev.gatehouse.oauth.OAuthFixtures.SEC_TOKEN;
import static dev.gatehouse.oauth.RawHttp.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * SECURITY TE-20 / TE-22 / F9 against a real server: failed-authentication throttling keyed by the
 * real client address (trusted proxies or not), per-client issuance limits set through
 * {@code GatehouseService.SetClientRateLimit}, GetClientToken's TooManyRequestsException, and the
 * header limits. Loopback only: the server listens on 127.0.0.1, the "other source" connects from
 * 127.0.0.2 (Linux routes all of 127/8 to lo).
 */
class AbuseProtectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GRANT = "grant_type=client_credentials";
    private static final String CT = "Content-Type: application/x-www-form-urlencoded";
    private static final String LOOPBACK_1 = "127.0.0.1";
    private static final String LOOPBACK_2 = "127.0.0.2";
    /** The defaults' limits in a 10-second window, so one failure decays per second and the test stays short. */
    private static final AbuseProtection FAST = new AbuseProtection(List.of(), ClientRateLimit.DEFAULT, 60, 10, 100,
            Duration.ofSeconds(10), Duration.ofSeconds(10));
    /**
     * For the brute-force test: one failure decays every 3 s, so the 300 attempts and the checks after
     * them stay inside one decay step even on a loaded 2-core machine (with 1 s steps the test was flaky).
     */
    private static final AbuseProtection BRUTE_FORCE = new AbuseProtection(List.of(), ClientRateLimit.DEFAULT, 60, 10, 100,
            Duration.ofSeconds(30), Duration.ofSeconds(10));

    /** TE-20 as written: 300 wrong secrets from 127.0.0.1, then the right one from 127.0.0.2 with a spoofed XFF, then from 127.0.0.1. */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void tokenWhenBruteForcedThenThrottledNotLockedOutAndUntrustedXffIgnored(TestDatabase database) throws Exception {
        try (TestServer server = start(database, c -> c.withAbuseProtection(BRUTE_FORCE))) {
            List<RawHttp.Response> answers = new ArrayList<>();
            for (int n = 0; n < 300; n++) {
                answers.add(token(server, LOOPBACK_1, basic(CID_A, "wrong-" + n)));
            }
            assertThat(answers.subList(0, 10)).allSatisfy(r -> assertThat(r.status()).isEqualTo(401));
            assertThat(answers.get(10).status()).isEqualTo(429);
            long throttled = answers.stream().filter(r -> r.status() == 429).count();
            assertThat(throttled).as("most of the 300 are throttled").isGreaterThan(250);
            assertThat(answers).allSatisfy(r -> assertThat(r.status()).isIn(401, 429));
            for (RawHttp.Response r : answers) {
                assertTokenHeaders(r);
                if (r.status() == 429) {
                    assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 10L);
                    assertThat(r.body()).isEqualTo("{\"error\":\"temporarily_unavailable\"}");
                    assertThat(r.header("WWW-Authenticate")).isNull();
                }
            }
            // The right secret from another source, claiming to be the attacker via an untrusted XFF: the
            // header is ignored, the request is keyed by its real peer and served.
            assertThat(token(server, LOOPBACK_2, basic(CID_A, SEC_A), "X-Forwarded-For: 127.0.0.1").status()).isEqualTo(200);
            // The attacking source is throttled even with the right secret — while the window lasts ...
            RawHttp.Response blocked = token(server, LOOPBACK_1, basic(CID_A, SEC_A));
            assertThat(blocked.status()).isEqualTo(429);
            // ... and never longer: after Retry-After, the right secret works again.
            Thread.sleep(Long.parseLong(blocked.header("Retry-After")) * 1000 + 100);
            assertThat(token(server, LOOPBACK_1, basic(CID_A, SEC_A)).status()).isEqualTo(200);

            List<JsonNode> failures = auditFailures(server, (int) (answers.size() - throttled) + 1);
            long failed = answers.stream().filter(r -> r.status() == 401).count();
            assertThat(failures.stream().filter(e -> e.get("details").get("reason").asText().equals("unknown_client_or_bad_secret")))
                    .hasSize((int) failed)
                    .allSatisfy(e -> {
                        assertThat(e.get("actor").asText()).isEqualTo(CID_A);
                        assertThat(e.get("source").asText()).isEqualTo(LOOPBACK_1);
                    });
            // Throttled refusals are aggregated: one event per key per window, not 290.
            assertThat(failures.stream().filter(e -> e.get("details").get("reason").asText().equals("throttled")).count())
                    .isBetween(1L, 3L);
            assertThat(Files.readString(auditFile(server))).doesNotContain("wrong-").doesNotContain(SEC_A);
        }
    }

    /** TE-20 behind a trusted proxy (127.0.0.1): its XFF names the client; an untrusted peer's XFF does not. */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void tokenWhenBehindTrustedProxyThenXffKeysTheThrottle(TestDatabase database) throws Exception {
        AbuseProtection proxied = FAST.withTrustedProxies(List.of(Cidr.parse("127.0.0.1/32")));
        try (TestServer server = start(database, c -> c.withAbuseProtection(proxied))) {
            for (int n = 0; n < 10; n++) {
                assertThat(token(server, LOOPBACK_1, basic(CID_A, "wrong-" + n),
                        "X-Forwarded-For: 6.6.6.6, 198.51.100.1").status()).isEqualTo(401);
            }
            // The attacker behind the proxy is throttled, whatever it writes left of the proxy's entry.
            assertThat(token(server, LOOPBACK_1, basic(CID_A, SEC_A), "X-Forwarded-For: 1.2.3.4, 198.51.100.1").status())
                    .isEqualTo(429);
            // Another client behind the same proxy is not.
            assertThat(token(server, LOOPBACK_1, basic(CID_A, SEC_A), "X-Forwarded-For: 198.51.100.2").status())
                    .isEqualTo(200);
            // An untrusted peer cannot borrow the attacker's key, nor escape its own, through XFF.
            assertThat(token(server, LOOPBACK_2, basic(CID_A, SEC_A), "X-Forwarded-For: 198.51.100.1").status())
                    .isEqualTo(200);
            List<JsonNode> failures = auditFailures(server, 10);
            assertThat(failures).isNotEmpty().allSatisfy(e -> assertThat(e.get("source").asText()).isEqualTo("198.51.100.1"));
        }
    }

    /** Unknown clients are throttled exactly like real ones: no existence oracle (TE-21). */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void tokenWhenUnknownOrRealClientThrottledThenSameBytes(TestDatabase database) throws Exception {
        try (TestServer server = start(database, c -> c.withAbuseProtection(FAST))) {
            String unknown = "unknownclient0000000000000";
            for (int n = 0; n < 10; n++) {
                token(server, LOOPBACK_1, basic(unknown, "wrong"));
                token(server, LOOPBACK_1, basic(CID_A, "wrong"));
            }
            String a = normalise(token(server, LOOPBACK_1, basic(unknown, "wrong")).raw());
            String b = normalise(token(server, LOOPBACK_1, basic(CID_A, "wrong")).raw());
            assertThat(a).isEqualTo(b).contains("HTTP/1.1 429");
        }
    }

    /** A burst, then 429 with Retry-After, then recovery after the refill; the limit set per client through the Gatehouse operation. */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void tokenWhenClientRateLimitSpentThen429UntilRefilled(TestDatabase database) throws Exception {
        try (TestServer server = start(database, c -> c)) {
            HttpResponse<String> set = setRateLimit(server, CID_A, "\"RatePerSecond\": 2, \"Burst\": 3");
            assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
            assertThat(JSON.readTree(set.body())).isEqualTo(JSON.readTree("{\"RatePerSecond\":2,\"Burst\":3}"));
            for (int i = 0; i < 3; i++) {
                assertThat(token(server, LOOPBACK_1, basic(CID_A, SEC_A)).status()).isEqualTo(200);
            }
            RawHttp.Response limited = token(server, LOOPBACK_1, basic(CID_A, SEC_A));
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.header("Retry-After")).isEqualTo("1");
            assertThat(limited.body()).isEqualTo("{\"error\":\"temporarily_unavailable\"}");
            assertTokenHeaders(limited);
            // Not a failed authentication: a rate-limited client is never counted towards a lock.
            Thread.sleep(1100);
            assertThat(token(server, LOOPBACK_1, basic(CID_A, SEC_A)).status()).isEqualTo(200);

            // Back to the default (100 burst): the next requests pass again.
            assertThat(JSON.readTree(setRateLimit(server, CID_A, "\"RatePerSecond\": 0").body()))
                    .isEqualTo(JSON.readTree("{\"RatePerSecond\":50,\"Burst\":100}"));
            for (int i = 0; i < 5; i++) {
                assertThat(token(server, LOOPBACK_1, basic(CID_A, SEC_A)).status()).isEqualTo(200);
            }
            // The limit survives a reload from the database (it lives in the store, not only in memory).
            setRateLimit(server, CID_A, "\"RatePerSecond\": 1, \"Burst\": 1");
            server.server().components().directory().loadAll();
            assertThat(server.server().components().directory().current().client(CID_A).orElseThrow().rateLimit())
                    .isEqualTo(new ClientRateLimit(1, 1));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void setClientRateLimitWhenBadInputThenCognitoErrors(TestDatabase database) throws Exception {
        try (TestServer server = start(database, c -> c)) {
            record Bad(String members, String type, String message) {
            }
            for (Bad bad : List.of(
                    new Bad("\"ClientId\": \"" + CID_A + "\", \"RatePerSecond\": -1", "InvalidParameterException",
                            "RatePerSecond and Burst must not be negative."),
                    new Bad("\"ClientId\": \"" + CID_A + "\", \"RatePerSecond\": 1.5", "InvalidParameterException",
                            "RatePerSecond must be an integer."),
                    new Bad("\"ClientId\": \"" + CID_A + "\"", "InvalidParameterException",
                            "RatePerSecond is required (0 for the default)."),
                    new Bad("\"ClientId\": \"" + CID_A + "\", \"RatePerSecond\": 100001", "InvalidParameterException",
                            "RatePerSecond must be between 1 and 100000, or 0 for the default."),
                    new Bad("\"ClientId\": \"" + CID_A + "\", \"RatePerSecond\": 0, \"Burst\": 5", "InvalidParameterException",
                            "Burst must be 0 or omitted when RatePerSecond is 0 (the default)."),
                    new Bad("\"ClientId\": \"nope\", \"RatePerSecond\": 5", "ResourceNotFoundException",
                            "User pool client nope does not exist."))) {
                HttpResponse<String> response = SignedHttp.cognito(server, "GatehouseService.SetClientRateLimit",
                        "application/x-amz-json-1.1", "{\"UserPoolId\": \"" + POOL_A + "\", " + bad.members() + "}");
                assertThat(response.statusCode()).isEqualTo(400);
                JsonNode body = JSON.readTree(response.body());
                assertThat(body.get("__type").asText()).isEqualTo(bad.type());
                assertThat(body.get("message").asText()).isEqualTo(bad.message());
            }
        }
    }

    /** GetClientToken: the same guards, in Cognito's shape (TooManyRequestsException). */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void getClientTokenWhenThrottledThenTooManyRequestsException(TestDatabase database) throws Exception {
        try (TestServer server = start(database, c -> c.withAbuseProtection(FAST));
             CognitoIdentityProviderClient cognito = CognitoIdentityProviderClient.builder()
                     .endpointOverride(URI.create(server.baseUrl()))
                     .region(Region.US_EAST_1)
                     .credentialsProvider(AnonymousCredentialsProvider.create())
                     .httpClient(UrlConnectionHttpClient.create())
                     .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                     .build()) {
            setRateLimit(server, CID_TOKEN, "\"RatePerSecond\": 1, \"Burst\": 2");
            GetClientTokenRequest good = GetClientTokenRequest.builder().clientId(CID_TOKEN).secret(SEC_TOKEN).build();
            cognito.getClientToken(good);
            cognito.getClientToken(good);
            TooManyRequestsException limited = catchThrowableOfType(() -> cognito.getClientToken(good),
                    TooManyRequestsException.class);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.awsErrorDetails().errorMessage()).isEqualTo("Too many requests; retry after 1 seconds.");

            GetClientTokenRequest ghost = GetClientTokenRequest.builder().clientId("ghostclient000000000000000")
                    .secret("wrongwrongwrongwrongwrong1").build();
            for (int n = 0; n < 10; n++) {
                assertThatThrownBy(() -> cognito.getClientToken(ghost)).isInstanceOf(NotAuthorizedException.class);
            }
            assertThatThrownBy(() -> cognito.getClientToken(ghost)).isInstanceOf(TooManyRequestsException.class)
                    .hasMessageStartingWith("Too many requests; retry after ");
        }
    }

    /** TE-22 / F8: a 64 KiB header block gets 431 and the connection is closed. */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void requestWhenHeadersTooLargeThen431AndClosed(TestDatabase database) throws Exception {
        try (TestServer server = start(database, c -> c);
             Socket socket = new Socket(LOOPBACK_1, server.port())) {
            socket.setSoTimeout(5_000);
            StringBuilder head = new StringBuilder("POST /oauth2/token HTTP/1.1\r\nHost: localhost\r\n");
            for (int i = 0; head.length() < 64 * 1024; i++) {
                head.append("X-Pad-").append(i).append(": ").append("a".repeat(100)).append("\r\n");
            }
            head.append("Content-Length: 0\r\n\r\n");
            Thread writer = new Thread(() -> {
                try {
                    socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                    // the server may close before reading all of it
                }
            });
            writer.start();
            String answer = readUntilClosed(socket.getInputStream());
            writer.join(5_000);
            assertThat(answer).startsWith("HTTP/1.1 431");
        }
    }

    /** F9: a request head trickled one line at a time is cut at the head deadline (total, not per byte). */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void requestWhenHeadTrickledThenConnectionClosedAtDeadline(TestDatabase database) throws Exception {
        try (TestServer server = start(database, c -> c.withAbuseProtection(FAST.withHeaderTimeout(Duration.ofSeconds(2))));
             Socket socket = new Socket(LOOPBACK_1, server.port())) {
            long millis = SlowHead.trickleUntilClosed(socket, "POST /oauth2/token HTTP/1.1\r\nHost: localhost", 40);
            assertThat(millis).as("closed after %d ms", millis).isBetween(1_500L, 5_000L);
            // A normal request on a new connection is served.
            assertThat(token(server, LOOPBACK_1, basic(CID_A, SEC_A)).status()).isEqualTo(200);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static TestServer start(TestDatabase database, UnaryOperator<dev.gatehouse.config.GatehouseConfig> customize) {
        TestServer server = TestServer.start(database, customize);
        OAuthFixtures.create(server);
        return server;
    }

    /** A token request from {@code localAddress} (a loopback address) to the server on 127.0.0.1. */
    private static RawHttp.Response token(TestServer server, String localAddress, String... headers) throws IOException {
        StringBuilder request = new StringBuilder("POST /oauth2/token HTTP/1.1\r\nHost: localhost\r\n" + CT + "\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        request.append("Content-Length: ").append(GRANT.length()).append("\r\n\r\n").append(GRANT);
        try (Socket socket = new Socket(InetAddress.getByName(LOOPBACK_1), server.port(),
                InetAddress.getByName(localAddress), 0)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
            return RawHttp.read(socket.getInputStream());
        }
    }

    private static HttpResponse<String> setRateLimit(TestServer server, String clientId, String members) throws Exception {
        return SignedHttp.cognito(server, "GatehouseService.SetClientRateLimit", "application/x-amz-json-1.1",
                "{\"UserPoolId\": \"" + POOL_A + "\", \"ClientId\": \"" + clientId + "\", " + members + "}");
    }

    private static void assertTokenHeaders(RawHttp.Response response) {
        assertThat(response.header("Content-Type")).isEqualTo("application/json;charset=UTF-8");
        assertThat(response.header("Cache-Control")).isEqualTo("no-cache, no-store, max-age=0, must-revalidate");
        assertThat(response.header("Pragma")).isEqualTo("no-cache");
        assertThat(response.header("x-amz-cognito-request-id")).hasSize(36);
    }

    private static Path auditFile(TestServer server) {
        return server.dataDir().resolve(JsonLinesAuditLog.FILE_NAME);
    }

    /** The ClientAuthenticationFailed events, once at least {@code atLeast} were written (the log writes in the background). */
    private static List<JsonNode> auditFailures(TestServer server, int atLeast) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<JsonNode> events = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            events.clear();
            if (Files.exists(auditFile(server))) {
                for (String line : Files.readAllLines(auditFile(server))) {
                    JsonNode event = JSON.readTree(line);
                    if (event.get("action").asText().equals("ClientAuthenticationFailed")) {
                        events.add(event);
                    }
                }
            }
            if (events.size() >= atLeast) {
                break;
            }
            Thread.sleep(20);
        }
        return events;
    }

    private static String normalise(String raw) {
        return raw.replaceAll("(?im)^date: .*$", "date: X").replaceAll("(?im)^x-amz-cognito-request-id: .*$", "id: X");
    }

    private static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (SocketException reset) {
            // a reset after the answer still counts as closed
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }
}
