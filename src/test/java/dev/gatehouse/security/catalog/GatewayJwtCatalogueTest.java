package dev.gatehouse.security.catalog;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import dev.gatehouse.keys.SigningKeys;
import dev.gatehouse.observe.JsonLinesAccessLog;
import dev.gatehouse.security.catalog.GatewayWorld.Kind;
import dev.gatehouse.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

import static dev.gatehouse.testing.RawJws.b64;
import static dev.gatehouse.security.catalog.GatewayWorld.bytes;
import static dev.gatehouse.testing.RawJws.hmac;
import static dev.gatehouse.testing.RawJws.json;
import static dev.gatehouse.testing.RawJws.q;
import static dev.gatehouse.testing.RawJws.sign;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SECURITY §2.2 (JW-01 … JW-30; JW-32 is the JWKS work's) through the gateway: real HTTP on
 * loopback to a REST API imported and deployed with the AWS SDK, once behind a COGNITO_USER_POOLS
 * authorizer and once behind a JWT authorizer whose issuer is the same Gatehouse pool. Every hostile
 * token gets 401 with {@code WWW-Authenticate: Bearer error="invalid_token"} and API Gateway's body,
 * fast, and the echo backend behind R1 counts no request; the JW-04/JW-05 trap listener counts no
 * connection. Controls (a real token, and the harness's own signature over valid claims) pass, so
 * each refusal is the mutation's doing. On H2 and PostgreSQL.
 */
class GatewayJwtCatalogueTest {

    private static final GatewayWorld.PerDatabase WORLDS = new GatewayWorld.PerDatabase();
    /** Everything the server logs while the table runs: no token may appear in it (LG-02 for the gateway). */
    private static final TokenEndpointCatalogueTest.LogCapture LOGS = TokenEndpointCatalogueTest.LogCapture.start();
    /** The gateway's own loggers sit outside dev.gatehouse: open them too, else the log check could not fail. */
    private static final ch.qos.logback.classic.Logger GATEWAY_LOGS = (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger("gatehouse");
    private static final ch.qos.logback.classic.Level GATEWAY_LEVEL = GATEWAY_LOGS.getLevel();

    static {
        GATEWAY_LOGS.setLevel(ch.qos.logback.classic.Level.TRACE);
    }
    /**
     * Budget per refusal, best of three, as the gateway measures it (access log {@code responseLatency});
     * SECURITY asks 10 ms (JW-06, JW-28) and 50 ms (JW-26): 50 ms for all on a shared two-core machine.
     */
    private static final long BUDGET_MILLIS = 50;
    /** Refusals by the listener itself (431) have no access-log line: the whole round trip, connect included. */
    private static final long LISTENER_BUDGET_MILLIS = 500;

    /** What the gateway must answer: the status and the start of the challenge (null: none required). */
    record Expect(int status, String challenge) {
        static final Expect ALLOWED = new Expect(200, null);
        static final Expect INVALID_TOKEN = new Expect(401, "Bearer error=\"invalid_token\"");
        /** The listener's header-size limit (16 KiB) answers before the gateway parses anything. */
        static final Expect HEADER_TOO_LARGE = new Expect(431, null);
    }

    /** One row: the id, what is sent, what must come back; {@code timed} rows also meet the budget. */
    record Case(String id, String name, Function<GatewayWorld, String> token, Expect expect, boolean timed) {
        @Override
        public String toString() {
            return id + " " + name;
        }
    }

    private static Case refused(String id, String name, Function<GatewayWorld, String> token) {
        return new Case(id, name, token, Expect.INVALID_TOKEN, false);
    }

    private static Case timed(String id, String name, Function<GatewayWorld, String> token) {
        return new Case(id, name, token, Expect.INVALID_TOKEN, true);
    }

    static List<Case> cases() {
        List<Case> all = new ArrayList<>();
        all.add(new Case("control", "real token", w -> w.good, Expect.ALLOWED, false));
        all.add(new Case("control", "harness-signed valid claims", GatewayWorld::signedA, Expect.ALLOWED, false));

        for (String alg : List.of("none", "None", "NONE", "nOnE")) {
            all.add(refused("JW-01", alg + " with trailing dot",
                    w -> b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}") + "." + b64(json(w.claims())) + "."));
            all.add(refused("JW-01", alg + " without trailing dot",
                    w -> b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}") + "." + b64(json(w.claims()))));
            all.add(refused("JW-01", alg + " with KID_A and a real signature", w -> b64("{\"alg\":\"" + alg + "\",\"kid\":\""
                    + w.keyA.kid() + "\"}") + "." + b64(json(w.claims())) + "." + w.good.split("\\.")[2]));
        }

        all.add(refused("JW-02", "HS256 keyed with the PEM, newline", w -> hs256(w, pem(w) + "\n")));
        all.add(refused("JW-02", "HS256 keyed with the PEM, no newline", w -> hs256(w, pem(w))));
        all.add(refused("JW-02", "HS256 keyed with the DER SPKI", w -> hmac(hsHeader(w), json(w.claims()), publicA(w).getEncoded())));
        all.add(refused("JW-02", "HS256 keyed with the JWK JSON", w -> hs256(w,
                new RSAKey.Builder(publicA(w)).keyID(w.keyA.kid()).build().toJSONString())));
        all.add(refused("JW-02", "HS256 keyed with the raw modulus", w -> hmac(hsHeader(w), json(w.claims()),
                publicA(w).getModulus().toByteArray())));

        all.add(refused("JW-04", "jku to the trap, attacker kid", w -> sign("{\"alg\":\"RS256\",\"kid\":\"att\",\"jku\":\""
                + trap(w) + "/jwks.json\"}", json(w.claims()), w.signerAtt)));
        all.add(refused("JW-04", "jku to the trap, KID_A", w -> sign("{\"alg\":\"RS256\",\"kid\":\"" + w.keyA.kid()
                + "\",\"jku\":\"" + trap(w) + "/jwks.json\"}", json(w.claims()), w.signerAtt)));
        all.add(refused("JW-04", "jku on a K_A-signed token", w -> sign("{\"alg\":\"RS256\",\"kid\":\"" + w.keyA.kid()
                + "\",\"jku\":\"" + trap(w) + "/jwks.json\"}", json(w.claims()), w.signerA)));
        all.add(refused("JW-05", "x5c of K_ATT", w -> sign("{\"alg\":\"RS256\",\"kid\":\"" + w.keyA.kid() + "\",\"x5c\":[\""
                + Base64.getEncoder().encodeToString(w.attacker.getPublic().getEncoded()) + "\"]}", json(w.claims()), w.signerAtt)));
        all.add(refused("JW-05", "x5u to the trap", w -> sign("{\"alg\":\"RS256\",\"kid\":\"" + w.keyA.kid() + "\",\"x5u\":\""
                + trap(w) + "/c.pem\"}", json(w.claims()), w.signerAtt)));
        all.add(refused("JW-05", "embedded jwk of K_ATT", w -> sign("{\"alg\":\"RS256\",\"kid\":\"" + w.keyA.kid() + "\",\"jwk\":"
                + new RSAKey.Builder((RSAPublicKey) w.attacker.getPublic()).keyID(w.keyA.kid()).build().toJSONString() + "}",
                json(w.claims()), w.signerAtt)));

        all.add(timed("JW-06", "path traversal kid, HS256, empty key", w -> hmac("{\"alg\":\"HS256\",\"kid\":\"../../../../dev/null\"}",
                json(w.claims()), new byte[1])));
        for (String kid : List.of("\"../../../../dev/null\"", "\"' OR '1'='1\"", "\"x' UNION SELECT 'AAAA'--\"",
                q("A".repeat(10_000)), "1", "null")) {
            all.add(timed("JW-06", "kid " + (kid.length() > 30 ? "10000 x A" : kid),
                    w -> sign("{\"alg\":\"RS256\",\"kid\":" + kid + "}", json(w.claims()), w.signerA)));
        }
        all.add(timed("JW-06", "kid [KID_A]", w -> sign("{\"alg\":\"RS256\",\"kid\":[\"" + w.keyA.kid() + "\"]}",
                json(w.claims()), w.signerA)));

        all.add(refused("JW-08", "RS256, empty signature", w -> part(w, 0) + "." + part(w, 1) + "."));
        all.add(refused("JW-08", "two parts", w -> part(w, 0) + "." + part(w, 1)));
        all.add(refused("JW-08", "four parts, the last empty", w -> w.good + "."));
        all.add(refused("JW-08", "four parts", w -> w.good + ".foo"));
        all.add(refused("JW-08", "empty header", w -> "." + part(w, 1) + "." + part(w, 2)));
        all.add(refused("JW-08", "empty payload", w -> part(w, 0) + ".." + part(w, 2)));
        all.add(new Case("JW-08", "empty string (no credentials: bare challenge)", w -> "", new Expect(401, "Bearer"), false));

        all.add(refused("JW-09", "one signature bit flipped", w -> withSignature(w, signature(w, s -> {
            s[100] ^= 0x01;
            return s;
        }))));
        all.add(refused("JW-09", "signature truncated to 255 bytes", w -> withSignature(w, signature(w, s -> Arrays.copyOf(s, 255)))));
        all.add(refused("JW-09", "signature left-padded to 257 bytes", w -> withSignature(w, signature(w, s -> {
            byte[] padded = new byte[257];
            System.arraycopy(s, 0, padded, 1, 256);
            return padded;
        }))));
        all.add(refused("JW-09", "K_ATT signature over GOOD", w -> sign(new String(Base64.getUrlDecoder().decode(part(w, 0)),
                StandardCharsets.UTF_8), Base64.getUrlDecoder().decode(part(w, 1)), w.signerAtt)));

        all.add(refused("JW-10", "ES256 header with KID_A, zero r and s", w -> es256(w) + "A".repeat(86)));
        all.add(refused("JW-10", "ES256 header with KID_A, DER zero", w -> es256(w) + "MAYCAQACAQA"));
        all.add(refused("JW-10", "ES256 header with KID_A, a real P-256 signature", GatewayJwtCatalogueTest::realEs256));

        all.add(refused("JW-12", "iss with a trailing slash", w -> w.signedA("iss", q(w.issA + "/"))));
        all.add(refused("JW-12", "iss upper-cased", w -> w.signedA("iss", q(w.issA.toUpperCase(Locale.ROOT)))));
        all.add(refused("JW-12", "iss with a leading space", w -> w.signedA("iss", q(" " + w.issA))));
        all.add(refused("JW-12", "iss with %2F", w -> w.signedA("iss", q(w.issA.substring(0, w.issA.lastIndexOf('/'))
                + "%2F" + w.base.poolA))));
        all.add(refused("JW-12", "the Cognito issuer of the same pool id", w -> w.signedA("iss",
                q("https://cognito-idp.us-east-1.amazonaws.com/" + w.base.poolA))));
        all.add(refused("JW-12", "no iss", w -> w.signedA("iss", null)));

        all.add(refused("JW-13", "K_B token of ISS_B on a POOL_A route", w -> sign(w.headerB(), json(w.claims("iss", q(w.issB),
                "client_id", q(w.base.cidB), "sub", q(w.base.cidB), "scope", q("api/read"))), w.signerB)));
        all.add(refused("JW-13", "real POOL_B token on a POOL_A route", w -> w.goodB));
        all.add(refused("JW-13", "K_B signature, iss ISS_A, kid KID_B", w -> sign(w.headerB(), json(w.claims()), w.signerB)));
        all.add(refused("JW-13", "K_B signature, iss ISS_A, kid KID_A", w -> sign(w.headerA(), json(w.claims()), w.signerB)));

        all.add(refused("JW-14", "ID token: token_use id, aud CID_A", w -> w.signedA("token_use", q("id"), "aud", q(w.base.cidA))));
        all.add(refused("JW-14", "token_use missing", w -> w.signedA("token_use", null)));
        all.add(refused("JW-14", "token_use Access", w -> w.signedA("token_use", q("Access"))));
        all.add(refused("JW-14", "token_use [access]", w -> w.signedA("token_use", "[\"access\"]")));

        all.add(refused("JW-16", "nbf = now + 60 (leeway 0)", w -> w.signedA("nbf", String.valueOf(now() + 60))));
        all.add(refused("JW-17", "iat = now + 60 (leeway 0)", w -> w.signedA("iat", String.valueOf(now() + 60))));
        all.add(refused("JW-18", "no exp", w -> w.signedA("exp", null)));

        all.add(refused("JW-20", "exp as a string", w -> w.signedA("exp", "\"9999999999\"")));
        all.add(refused("JW-20", "exp true", w -> w.signedA("exp", "true")));
        all.add(refused("JW-20", "exp 1e309", w -> w.signedA("exp", "1e309")));
        all.add(refused("JW-20", "exp -1", w -> w.signedA("exp", "-1")));
        all.add(refused("JW-20", "exp with a fraction", w -> w.signedA("exp", (now() + 3600) + ".5")));
        all.add(refused("JW-20", "iss as an array", w -> w.signedA("iss", "[" + q(w.issA) + "]")));
        all.add(refused("JW-20", "client_id as a number", w -> w.signedA("client_id", "123")));
        all.add(refused("JW-20", "scope as an array", w -> w.signedA("scope", "[\"api/read\"]")));

        all.add(refused("JW-21", "iss twice, ISS_B then ISS_A", w -> duplicate(w, "\"iss\":" + q(w.issB))));
        all.add(refused("JW-21", "scope twice, api/admin then api/read", w -> duplicate(w, "\"scope\":\"api/admin\"")));
        all.add(refused("JW-21", "token_use twice, id then access", w -> duplicate(w, "\"token_use\":\"id\"")));
        all.add(refused("JW-21", "kid twice in the header", w -> sign("{\"kid\":\"x\",\"kid\":\"" + w.keyA.kid()
                + "\",\"alg\":\"RS256\"}", json(w.claims()), w.signerA)));
        all.add(refused("JW-22", "alg none then RS256, RS256-signed", w -> sign("{\"alg\":\"none\",\"alg\":\"RS256\",\"kid\":\""
                + w.keyA.kid() + "\"}", json(w.claims()), w.signerA)));

        all.add(refused("JW-24", "= padding on each segment", w -> part(w, 0) + "==." + part(w, 1) + "==." + part(w, 2) + "=="));
        all.add(refused("JW-24", "+ and / instead of - and _", w -> standardAlphabet(w)));
        all.add(refused("JW-24", "a space inside", w -> part(w, 0) + "." + part(w, 1).substring(0, 10) + " "
                + part(w, 1).substring(10) + "." + part(w, 2)));
        all.add(refused("JW-24", "%0A inside", w -> part(w, 0) + "." + part(w, 1).substring(0, 10) + "%0A"
                + part(w, 1).substring(10) + "." + part(w, 2)));
        all.add(refused("JW-24", "signature with non-zero trailing bits", w -> part(w, 0) + "." + part(w, 1) + "."
                + nonCanonical(part(w, 2))));

        for (String payload : List.of("[]", "null", "\"str\"", "123")) {
            all.add(refused("JW-25", "payload " + payload, w -> sign(w.headerA(), payload, w.signerA)));
        }
        all.add(refused("JW-25", "payload with invalid UTF-8", w -> sign(w.headerA(), bytes("{\"sub\":\"", new int[]{0xFF},
                "\"," + inner(w) + "}"), w.signerA)));
        all.add(refused("JW-25", "payload with a BOM", w -> sign(w.headerA(), "\uFEFF" + json(w.claims()), w.signerA)));

        String deepClaims = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        all.add(new Case("JW-26", "claims 100000 deep, junk signature (past the header limit)",
                w -> b64(w.headerA()) + "." + b64(deepClaims) + ".AAAA", Expect.HEADER_TOO_LARGE, true));
        all.add(new Case("JW-26", "claims 100000 deep, K_A-signed (past the header limit)",
                w -> sign(w.headerA(), deepClaims, w.signerA), Expect.HEADER_TOO_LARGE, true));
        all.add(new Case("JW-26", "header 100000 deep (past the header limit)", w -> b64("{\"alg\":\"RS256\",\"x\":"
                + "[".repeat(100_000) + "]".repeat(100_000) + "}") + "." + b64(json(w.claims())) + ".AAAA",
                Expect.HEADER_TOO_LARGE, true));
        all.add(timed("JW-26", "claims 4000 deep, junk signature", w -> b64(w.headerA()) + "." + b64(deep(w, 4000)) + ".AAAA"));
        all.add(timed("JW-26", "claims 4000 deep, K_A-signed", w -> sign(w.headerA(), deep(w, 4000), w.signerA)));
        all.add(timed("JW-26", "header 4000 deep", w -> b64("{\"alg\":\"RS256\",\"kid\":\"" + w.keyA.kid() + "\",\"x\":"
                + "[".repeat(4000) + "]".repeat(4000) + "}") + "." + b64(json(w.claims())) + ".AAAA"));
        all.add(refused("JW-26", "claims 9 deep, K_A-signed (past the depth cap of 8)", w -> sign(w.headerA(), deep(w, 9), w.signerA)));

        all.add(timed("JW-28", "5-part PBES2 JWE, p2c 2^31-1", w -> "eyJhbGciOiJQQkVTMi1IUzI1NitBMTI4S1ciLCJlbmMiOiJBMTI4R0NNIiwicDJj"
                + "IjoyMTQ3NDgzNjQ3LCJwMnMiOiJBQUFBQUFBQUFBQUFBQUFBQUFBQUFBIn0.AA.AA.AA.AA"));
        all.add(timed("JW-28", "zip DEF, K_A-signed", w -> sign("{\"alg\":\"RS256\",\"kid\":\"" + w.keyA.kid() + "\",\"zip\":\"DEF\"}",
                json(w.claims()), w.signerA)));
        all.add(timed("JW-28", "crit, K_A-signed", w -> sign("{\"alg\":\"RS256\",\"kid\":\"" + w.keyA.kid()
                + "\",\"crit\":[\"exp\"],\"exp\":1}", json(w.claims()), w.signerA)));

        all.add(refused("JW-29", "iss NFD-decomposed", w -> w.signedA("iss", q(w.issA.substring(0, w.issA.lastIndexOf('/') + 1)
                + "u\u0301" + w.base.poolA.substring(1)))));
        all.add(refused("JW-29", "iss with a U+FEFF prefix", w -> w.signedA("iss", q("\uFEFF" + w.issA))));
        all.add(refused("JW-29", "iss with U+FEFF before the pool id", w -> w.signedA("iss", q(w.issA.substring(0,
                w.issA.lastIndexOf('/') + 1) + "\uFEFF" + w.base.poolA))));
        all.add(refused("JW-29", "iss with an overlong C0 AF for its last slash", w -> overlongSlash(w)));
        return all;
    }

    static Stream<Arguments> table() {
        return Arrays.stream(TestDatabase.values()).flatMap(db -> Arrays.stream(Kind.values())
                .flatMap(kind -> cases().stream().map(c -> Arguments.of(db, kind, c))));
    }

    @AfterAll
    static void stop() {
        try {
            assertThat(LOGS.messages()).as("the gateway logged its denials").anyMatch(m -> m.startsWith("denied api="));
            WORLDS.closeAll();
        } finally {
            LOGS.stop();
            GATEWAY_LOGS.setLevel(GATEWAY_LEVEL);
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("table")
    void gatewayWhenHostileTokenThenRefusedFastAndBackendUntouched(TestDatabase database, Kind kind, Case c) throws Exception {
        GatewayWorld w = WORLDS.of(database);
        String token = c.token().apply(w);
        int hitsBefore = w.backendHits();

        long best = Long.MAX_VALUE;
        Wire.Response response = null;
        for (int attempt = 0; attempt < (c.timed() ? 3 : 1); attempt++) {
            long start = System.nanoTime();
            response = token.isEmpty() ? w.get(kind.r1(), List.of("Authorization: ")) : w.bearer(kind.r1(), token);
            long roundTrip = (System.nanoTime() - start) / 1_000_000;
            best = Math.min(best, c.timed() && c.expect() != Expect.HEADER_TOO_LARGE ? w.serverMillis(response) : roundTrip);
        }

        if (c.expect() == Expect.HEADER_TOO_LARGE) {
            assertThat(response.status()).as(response.raw()).isIn(431, 0); // 0: closed, the 431 lost to the reset
        } else {
            assertThat(response.status()).as(response.raw()).isEqualTo(c.expect().status());
        }
        if (c.expect() == Expect.ALLOWED) {
            assertThat(w.backendHits()).as("the control reached the backend").isEqualTo(hitsBefore + 1);
            return;
        }
        assertThat(w.backendHits()).as("requests reaching the backend").isEqualTo(hitsBefore);
        if (token.length() > 40) {
            LOGS.assertNoneContains(java.util.Set.of(token.substring(token.length() - 40), w.good));
        }
        if (c.expect().status() == 401) {
            // API Gateway's bodies; an expired token (exp -1) has its own message on COGNITO_USER_POOLS
            assertThat(response.body()).isIn("{\"message\":\"Unauthorized\"}",
                    "{\"message\":\"The incoming token has expired\"}");
            assertThat(response.header("x-amzn-ErrorType")).isEqualTo("UnauthorizedException");
            if (c.expect().challenge().equals("Bearer")) {
                assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
            } else {
                assertThat(response.header("WWW-Authenticate")).startsWith(c.expect().challenge());
            }
        }
        if (c.timed()) {
            System.out.printf("%s %s %s: best of three %d ms%n", database, kind, c, best);
            assertThat(best).as("best of three, ms")
                    .isLessThan(c.expect() == Expect.HEADER_TOO_LARGE ? LISTENER_BUDGET_MILLIS : BUDGET_MILLIS);
        }
        if (c.id().equals("JW-04") || c.id().equals("JW-05")) {
            Thread.sleep(200);
            assertThat(w.trapConnections.get()).as("connections to the jku/x5u listener").isZero();
        }
    }

    /**
     * JW-13 (c): a POOL_B token verified (and cached, TTL 300 s) on a POOL_B route of the same kind
     * stays refused on R1 — the cache is keyed by the authorizer as well as the token.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void gatewayWhenTokenCachedOnAPoolBRouteThenStillRefusedOnR1(TestDatabase database) throws Exception {
        GatewayWorld w = WORLDS.of(database);
        for (Kind kind : Kind.values()) {
            assertThat(w.bearer(kind.poolB(), w.goodB).status()).as(kind + " primed on POOL_B").isEqualTo(200);
            int hits = w.backendHits();
            Wire.Response r1 = w.bearer(kind.r1(), w.goodB);
            assertThat(r1.status()).as(kind + " JW-13 (c)").isEqualTo(401);
            assertThat(r1.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
            assertThat(w.backendHits()).isEqualTo(hits);
            // and the other way round: GOOD verified on R1, then sent to the POOL_B route
            assertThat(w.bearer(kind.r1(), w.good).status()).isEqualTo(200);
            assertThat(w.bearer(kind.poolB(), w.good).status()).as(kind + " GOOD on POOL_B").isEqualTo(401);
        }
    }

    /** One JW-30 row: header lines, query, and the answer expected. */
    record Transport(String name, Function<GatewayWorld, List<String>> headers, Function<GatewayWorld, String> query,
                     int status, String challenge) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> transports() {
        List<Transport> rows = List.of(
                new Transport("query only", w -> List.of(), w -> "access_token=" + w.good, 401, "Bearer"),
                new Transport("header and query", w -> List.of("Authorization: Bearer " + w.good),
                        w -> "access_token=" + w.good, 400, "Bearer error=\"invalid_request\""),
                new Transport("header and a percent-encoded query name", w -> List.of("Authorization: Bearer " + w.good),
                        w -> "access%5Ftoken=" + w.good, 400, "Bearer error=\"invalid_request\""),
                new Transport("two Authorization headers", w -> List.of("Authorization: Bearer " + w.good,
                        "Authorization: Bearer " + w.good), w -> null, 400, "Bearer error=\"invalid_request\""),
                new Transport("two Authorization headers, other case", w -> List.of("Authorization: Bearer " + w.good,
                        "authorization: Bearer " + w.good), w -> null, 400, "Bearer error=\"invalid_request\""),
                new Transport("lower-case scheme", w -> List.of("Authorization: bearer " + w.good), w -> null, 200, null),
                new Transport("upper-case scheme", w -> List.of("Authorization: BEARER " + w.good), w -> null, 200, null),
                new Transport("raw token, no scheme (API Gateway)", w -> List.of("Authorization: " + w.good), w -> null, 200, null),
                new Transport("TAB after the scheme (decided: not a bearer token)", w -> List.of("Authorization: Bearer\t" + w.good),
                        w -> null, 401, "Bearer error=\"invalid_token\""),
                new Transport("Basic credentials", w -> List.of("Authorization: Basic " + Base64.getEncoder().encodeToString(
                        (w.base.cidA + ":" + w.base.secA).getBytes(StandardCharsets.UTF_8))), w -> null, 401, "Bearer"),
                new Transport("other query parameters are no token", w -> List.of("Authorization: Bearer " + w.good),
                        w -> "access_token_hint=1&q=access_token", 200, null));
        return Arrays.stream(TestDatabase.values()).flatMap(db -> Arrays.stream(Kind.values())
                .flatMap(kind -> rows.stream().map(t -> Arguments.of(db, kind, t))));
    }

    /**
     * JW-30: the token travels in the Authorization header only (RFC 6750 §2); a query token is never
     * read (bare challenge) and never written to the access log; two methods or two headers are 400;
     * the scheme is case-insensitive; another scheme is no bearer credential at all (bare challenge).
     */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("transports")
    void gatewayWhenTokenTransportedOddlyThenOnlyOneHeaderCounts(TestDatabase database, Kind kind, Transport t) throws Exception {
        GatewayWorld w = WORLDS.of(database);
        String query = t.query().apply(w);
        int hits = w.backendHits();
        Path accessLog = w.base.server.dataDir().resolve(JsonLinesAccessLog.FILE_NAME);
        long linesBefore = lines(accessLog);
        Wire.Response response = w.get(kind.r1() + (query == null ? "" : "?" + query), t.headers().apply(w));
        assertThat(response.status()).as(response.raw()).isEqualTo(t.status());
        assertThat(w.backendHits()).isEqualTo(hits + (t.status() == 200 ? 1 : 0));
        if (t.challenge() != null) {
            assertThat(response.header("WWW-Authenticate")).isEqualTo(t.challenge());
        }
        // The access log is written in batches: wait for this request's own line, not for any new line.
        String requestId = response.header("x-amzn-RequestId");
        assertThat(requestId).as("request id").isNotBlank();
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < deadline && !Files.readString(accessLog).contains(requestId)) {
            Thread.sleep(20);
        }
        String log = Files.readString(accessLog);
        assertThat(log).as("this request's access-log line").contains(requestId);
        assertThat(lines(accessLog)).isGreaterThan(linesBefore);
        assertThat(log).as("access log").contains(kind.r1()).doesNotContain(w.good);
        if (query != null && query.contains("_token=")) {
            assertThat(log).contains("_token=REDACTED");
        }
    }

    /** JW-10: the psychic-signature JDK bug (CVE-2022-21449) is fixed in the runtime the gateway runs on. */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void runtimeWhenCheckedThenNotAPsychicSignatureJdk(TestDatabase database) {
        Runtime.Version version = Runtime.version();
        boolean fixed = version.feature() >= 19
                || (version.feature() == 18 && version.compareToIgnoreOptional(Runtime.Version.parse("18.0.1")) >= 0)
                || (version.feature() == 17 && version.compareToIgnoreOptional(Runtime.Version.parse("17.0.3")) >= 0);
        assertThat(fixed).as("JDK " + version + " has the CVE-2022-21449 fix").isTrue();
    }

    private static long lines(Path file) throws java.io.IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        }
    }

    // -- token shapes

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static String part(GatewayWorld w, int index) {
        return w.good.split("\\.")[index];
    }

    private static byte[] signature(GatewayWorld w, java.util.function.UnaryOperator<byte[]> edit) {
        return edit.apply(Base64.getUrlDecoder().decode(part(w, 2)));
    }

    private static String withSignature(GatewayWorld w, byte[] signature) {
        return part(w, 0) + "." + part(w, 1) + "." + b64(signature);
    }

    private static String trap(GatewayWorld w) {
        return "http://127.0.0.1:" + w.trapPort;
    }

    private static RSAPublicKey publicA(GatewayWorld w) {
        return (RSAPublicKey) SigningKeys.publicKey(w.keyA);
    }

    private static String pem(GatewayWorld w) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(publicA(w).getEncoded()) + "\n-----END PUBLIC KEY-----";
    }

    private static String hsHeader(GatewayWorld w) {
        return "{\"alg\":\"HS256\",\"kid\":\"" + w.keyA.kid() + "\"}";
    }

    private static String hs256(GatewayWorld w, String key) {
        return hmac(hsHeader(w), json(w.claims()), key.getBytes(StandardCharsets.UTF_8));
    }

    private static String es256(GatewayWorld w) {
        return b64("{\"alg\":\"ES256\",\"kid\":\"" + w.keyA.kid() + "\"}") + "." + b64(json(w.claims())) + ".";
    }

    /** A genuine ES256 signature by a fresh P-256 key, under POOL_A's RSA kid: there is no EC key to check it with. */
    private static String realEs256(GatewayWorld w) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            ECPrivateKey key = (ECPrivateKey) generator.generateKeyPair().getPrivate();
            String input = b64("{\"alg\":\"ES256\",\"kid\":\"" + w.keyA.kid() + "\"}") + "." + b64(json(w.claims()));
            return input + "." + new ECDSASigner(key).sign(new JWSHeader(JWSAlgorithm.ES256),
                    input.getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String inner(GatewayWorld w) {
        String body = json(w.claims());
        return body.substring(1, body.length() - 1);
    }

    /** K_A over claims where {@code first} precedes every valid claim, so the name appears twice. */
    private static String duplicate(GatewayWorld w, String first) {
        return sign(w.headerA(), "{" + first + "," + inner(w) + "}", w.signerA);
    }

    private static String deep(GatewayWorld w, int depth) {
        return "{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "," + inner(w) + "}";
    }

    private static String standardAlphabet(GatewayWorld w) {
        String token = w.good;
        String swapped = token.replace('-', '+').replace('_', '/');
        if (swapped.equals(token)) {
            // no - or _ in this token: re-sign until one appears, so the row really tests the alphabet
            for (int i = 0; i < 50 && swapped.equals(token); i++) {
                token = w.signedA();
                swapped = token.replace('-', '+').replace('_', '/');
            }
        }
        assertThat(swapped).as("the token contains - or _").isNotEqualTo(token);
        return swapped;
    }

    private static String nonCanonical(String signature) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = signature.charAt(signature.length() - 1);
        String edited = signature.substring(0, signature.length() - 1) + alphabet.charAt(alphabet.indexOf(last) | 1);
        assertThat(edited).isNotEqualTo(signature);
        return edited;
    }

    /**
     * K_A over claims whose iss spells its last {@code /} as the overlong UTF-8 C0 AF (the test issuer,
     * {@code http://localhost:port/pool}, has no dot for SECURITY's C0 AE; the class is the same).
     */
    private static String overlongSlash(GatewayWorld w) {
        String claims = json(w.claims());
        int slash = claims.indexOf(w.issA) + w.issA.lastIndexOf('/');
        return sign(w.headerA(), bytes(claims.substring(0, slash), new int[]{0xC0, 0xAF}, claims.substring(slash + 1)), w.signerA);
    }
}
