package dev.gatehouse.security.catalog;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.model.KeyPurpose;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ClientSecretDescriptorType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SECURITY §2.1 leftovers and §2.8 over the real token endpoint, on H2 and PostgreSQL:
 * LG-02 — every refused request of the TE table answers without any secret, credential or
 * admin key in its body or headers; LG-03 (and LG-01, KS-07's "never logged") — while the table
 * runs, everything the server logs is captured by a Logback {@link ListAppender} on the root
 * logger and must hold no client secret, no Authorization value, no {@code client_secret=} value
 * and no private key; TE-17/TE-18 on one node (the multi-node forms are the e2e suite's).
 */
class TokenEndpointCatalogueTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CT = "Content-Type: application/x-www-form-urlencoded";
    private static final String GRANT = "grant_type=client_credentials";
    private static final CatalogueWorld.PerDatabase WORLDS = new CatalogueWorld.PerDatabase();
    /** Every value that must never reach a response or a log line, gathered as the worlds are made. */
    private static final Set<String> SENSITIVE = ConcurrentHashMap.newKeySet();
    private static final LogCapture LOGS = LogCapture.start();

    /** One refused request of the TE table: path, form body and header lines, and the answer expected. */
    record Refusal(String id, String target, Function<CatalogueWorld, String> body,
                   Function<CatalogueWorld, List<String>> headers, int status, String error) {
        @Override
        public String toString() {
            return id;
        }
    }

    static List<Refusal> refusals() {
        return List.of(
                refused("TE-01 no credentials", 401, "invalid_client", w -> GRANT),
                refused("TE-02 wrong secret", 401, "invalid_client", w -> GRANT, w -> basic(w.cidA, "wrong" + w.secA)),
                refused("TE-02 unknown client", 401, "invalid_client", w -> GRANT, w -> basic("unknownclient0000000000000", w.secA)),
                refused("TE-02 client of pool B with pool A's secret", 401, "invalid_client", w -> GRANT, w -> basic(w.cidB, w.secA)),
                refused("TE-04 no colon", 401, "invalid_client", w -> GRANT,
                        w -> "Authorization: Basic " + b64(w.cidA + w.secA)),
                refused("TE-05 not base64", 401, "invalid_client", w -> GRANT, w -> "Authorization: Basic " + w.cidA + ":" + w.secA),
                refused("TE-05 empty", 401, "invalid_client", w -> GRANT, w -> "Authorization: Basic "),
                refused("TE-06 empty secret", 401, "invalid_client", w -> GRANT, w -> basic(w.cidA, "")),
                refused("TE-08 trailing token", 401, "invalid_client", w -> GRANT,
                        w -> "Authorization: Basic " + b64(w.cidA + ":" + w.secA) + " trailing"),
                refused("TE-09 header and body secret", 400, "invalid_request",
                        w -> GRANT + "&client_id=" + w.cidA + "&client_secret=" + w.secA, w -> basic(w.cidA, w.secA)),
                refused("TE-09 header and other client_id", 400, "invalid_request",
                        w -> GRANT + "&client_id=" + w.cidB, w -> basic(w.cidA, w.secA)),
                new Refusal("TE-10 credentials in the query", null, w -> GRANT, w -> List.of(), 400, "invalid_request"),
                refused("TE-12 JSON", 400, "invalid_request", w -> "{\"grant_type\":\"client_credentials\",\"client_secret\":\""
                        + w.secA + "\"}", w -> basic(w.cidA, w.secA), w -> "Content-Type: application/json"),
                refused("TE-13 multipart", 400, "invalid_request",
                        w -> "--x\r\nContent-Disposition: form-data; name=\"client_secret\"\r\n\r\n" + w.secA + "\r\n--x--\r\n",
                        w -> basic(w.cidA, w.secA), w -> "Content-Type: multipart/form-data; boundary=x"),
                refused("TE-14 password grant", 400, "unsupported_grant_type",
                        w -> "grant_type=password&username=u&password=" + w.secA, w -> basic(w.cidA, w.secA)),
                refused("TE-14 NUL", 400, "unsupported_grant_type", w -> "grant_type=client_credentials%00", w -> basic(w.cidA, w.secA)),
                refused("TE-16 no client_credentials flow", 400, "unauthorized_client", w -> GRANT, w -> basic(w.cidA2, w.secA2)),
                refused("TE-24 openid", 400, "invalid_scope", w -> GRANT + "&scope=openid", w -> basic(w.cidA, w.secA)),
                refused("TE-25 TAB", 400, "invalid_scope", w -> GRANT + "&scope=api/read%09api/write", w -> basic(w.cidA, w.secA)),
                refused("TE-28 Cyrillic", 400, "invalid_scope", w -> GRANT + "&scope=api/re%D0%B0d", w -> basic(w.cidA, w.secA)),
                refused("TE-28 scope of pool B", 400, "invalid_scope", w -> GRANT + "&scope=apib/read", w -> basic(w.cidA, w.secA)),
                refused("TE-29 case variant", 401, "invalid_client", w -> GRANT,
                        w -> basic(w.cidA.toUpperCase(java.util.Locale.ROOT), w.secA)),
                refused("TE-29 zero-width space", 401, "invalid_client", w -> GRANT, w -> basic(w.cidA + "\u200b", w.secA)),
                refused("TE-32 repeated client_secret", 400, "invalid_request",
                        w -> GRANT + "&client_secret=" + w.secA + "&client_secret=x", w -> basic(w.cidA, w.secA)),
                refused("TE-32 repeated client_id", 400, "invalid_request",
                        w -> GRANT + "&client_id=" + w.cidA + "&client_id=" + w.cidB + "&client_secret=" + w.secA),
                refused("post: wrong secret", 401, "invalid_client",
                        w -> GRANT + "&client_id=" + w.cidA + "&client_secret=wrong" + w.secA));
    }

    @SafeVarargs
    private static Refusal refused(String id, int status, String error, Function<CatalogueWorld, String> body,
                                   Function<CatalogueWorld, String>... headers) {
        return new Refusal(id, "/oauth2/token", body, w -> {
            List<String> lines = new ArrayList<>();
            for (Function<CatalogueWorld, String> h : headers) {
                lines.add(h.apply(w));
            }
            if (lines.stream().noneMatch(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:"))) {
                lines.add(CT);
            }
            return lines;
        }, status, error);
    }

    static Stream<Arguments> table() {
        return Arrays.stream(TestDatabase.values()).flatMap(db -> refusals().stream().map(r -> Arguments.of(db, r)));
    }

    @AfterAll
    static void stop() {
        try {
            WORLDS.closeAll();
            LOGS.assertNoneContains(SENSITIVE);
        } finally {
            LOGS.stop();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("table")
    void refusedTokenRequestWhenAnsweredAndLoggedThenNoSecretAnywhere(TestDatabase database, Refusal refusal) throws Exception {
        CatalogueWorld world = world(database);
        String target = refusal.target() != null ? refusal.target()
                : "/oauth2/token?client_id=" + world.cidA + "&client_secret=" + world.secA;
        List<String> headers = refusal.headers().apply(world);
        if (refusal.target() == null) {
            headers = List.of(CT);
        }
        String body = refusal.body().apply(world);
        headers.stream().filter(h -> h.startsWith("Authorization: Basic ") && h.length() > 30)
                .forEach(h -> SENSITIVE.add(h.substring("Authorization: Basic ".length())));

        Wire.Response response = Wire.token(world.server.port(), target, body, headers);

        assertThat(response.status()).as(response.raw()).isEqualTo(refusal.status());
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.path("error").textValue()).isEqualTo(refusal.error());
        assertThat(json.has("access_token")).isFalse();
        // LG-02: nothing secret in the body or any header — the client's secrets, the admin key, the
        // Basic credentials as sent, and the wrong secret the caller tried.
        for (String secret : SENSITIVE) {
            assertThat(response.raw()).doesNotContain(secret);
        }
        assertThat(response.raw()).doesNotContain("wrong" + world.secA.substring(0, 20));
        LOGS.assertNoneContains(SENSITIVE);
        LOGS.assertNoClientSecretParameter();
    }

    /** The capture really sees the server's loggers (else LG-03 could not fail). */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void logCaptureWhenServerLogsThenSeen(TestDatabase database) {
        world(database);
        LoggerFactory.getLogger("dev.gatehouse.oauth.TokenEndpoint").debug("catalogue canary {}", database);
        assertThat(LOGS.messages()).anyMatch(m -> m.contains("catalogue canary " + database));
        assertThat(LOGS.messages()).anyMatch(m -> m.startsWith("Directory loaded"));
    }

    /**
     * TE-17 and TE-18 on one node (the two-node forms live in the e2e suite): a second secret
     * works beside the first; a deleted secret and a deleted client stop working at once.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void tokenWhenSecretRotatedOrClientDeletedThenEffectiveImmediately(TestDatabase database) throws Exception {
        CatalogueWorld world = world(database);
        UserPoolClientType client = world.client(world.poolA, "te-17-18", true, "api/read");
        String first = client.clientSecret();
        SENSITIVE.add(first);
        assertThat(token(world, client.clientId(), first)).isEqualTo(200);

        ClientSecretDescriptorType added = world.cognito.addUserPoolClientSecret(r -> r.userPoolId(world.poolA)
                .clientId(client.clientId())).clientSecretDescriptor();
        String second = added.clientSecretValue();
        SENSITIVE.add(second);
        assertThat(token(world, client.clientId(), first)).isEqualTo(200);
        assertThat(token(world, client.clientId(), second)).isEqualTo(200);

        String firstId = world.cognito.listUserPoolClientSecrets(r -> r.userPoolId(world.poolA).clientId(client.clientId()))
                .clientSecrets().stream().filter(d -> !d.clientSecretId().equals(added.clientSecretId())).findFirst()
                .orElseThrow().clientSecretId();
        world.cognito.deleteUserPoolClientSecret(r -> r.userPoolId(world.poolA).clientId(client.clientId())
                .clientSecretId(firstId));
        assertThat(token(world, client.clientId(), first)).isEqualTo(401);
        assertThat(token(world, client.clientId(), second)).isEqualTo(200);

        world.cognito.deleteUserPoolClient(r -> r.userPoolId(world.poolA).clientId(client.clientId()));
        assertThat(token(world, client.clientId(), second)).isEqualTo(401);
    }

    private static int token(CatalogueWorld world, String clientId, String secret) throws Exception {
        return Wire.token(world.server.port(), "/oauth2/token", GRANT, List.of(basic(clientId, secret), CT)).status();
    }

    private static synchronized CatalogueWorld world(TestDatabase database) {
        CatalogueWorld world = WORLDS.of(database);
        SENSITIVE.addAll(List.of(world.secA, world.secA2, world.secB, TestServer.SECRET_KEY));
        for (String pool : List.of(world.poolA, world.poolB)) {
            var entry = world.server.server().components().directory().current().pool(pool).orElseThrow();
            for (KeyPurpose purpose : KeyPurpose.values()) {
                byte[] pkcs8 = entry.activeKey(purpose, java.time.Instant.now()).orElseThrow().privateKeyPkcs8();
                // KS-07: any 48-byte run of the private key, as base64 or hex, would be a leak
                SENSITIVE.add(Base64.getEncoder().encodeToString(Arrays.copyOfRange(pkcs8, 60, 108)));
                SENSITIVE.add(java.util.HexFormat.of().formatHex(Arrays.copyOfRange(pkcs8, 60, 108)));
            }
        }
        Path audit = world.server.dataDir().resolve("audit.jsonl");
        if (Files.exists(audit)) {
            try {
                String text = Files.readString(audit);
                SENSITIVE.forEach(s -> assertThat(text).as("audit log").doesNotContain(s));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return world;
    }

    private static String basic(String id, String secret) {
        return Wire.basic(id, secret);
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Everything logged in this JVM while the class runs, with Gatehouse's loggers opened to TRACE. */
    static final class LogCapture {
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
        private final Logger root;
        private final Logger gatehouse;
        private final Level gatehouseLevel;

        private LogCapture() {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            gatehouse = context.getLogger("dev.gatehouse");
            gatehouseLevel = gatehouse.getLevel();
        }

        static LogCapture start() {
            LogCapture capture = new LogCapture();
            capture.appender.setContext(capture.root.getLoggerContext());
            capture.appender.start();
            capture.root.addAppender(capture.appender);
            capture.gatehouse.setLevel(Level.TRACE);
            return capture;
        }

        void stop() {
            root.detachAppender(appender);
            appender.stop();
            gatehouse.setLevel(gatehouseLevel);
        }

        List<String> messages() {
            synchronized (appender) { // AppenderBase.doAppend holds the appender, not its list
                return appender.list.stream().map(e -> e.getFormattedMessage()
                        + (e.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy())))
                        .toList();
            }
        }

        void assertNoneContains(Set<String> sensitive) {
            for (String line : messages()) {
                for (String secret : sensitive) {
                    assertThat(line).as("log line").doesNotContain(secret);
                }
            }
        }

        /** LG-03: a logged request line may show {@code client_secret=***}, never a value. */
        void assertNoClientSecretParameter() {
            assertThat(messages()).noneMatch(line -> line.matches("(?s).*client_secret=[^*&\\s].*"));
        }
    }
}
