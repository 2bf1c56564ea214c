package dev.gatehouse.security.catalog;

import dev.gatehouse.security.catalog.GatewayWorld.Kind;
import dev.gatehouse.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SECURITY §2.3 (SC-01 … SC-09) through the gateway, behind both authorizer kinds: a token signed
 * with POOL_A's real key whose only defect is its {@code scope} claim. The scope is a set of exact
 * strings split on single U+0020 (empty items ignored): no substring, prefix, wildcard, confusable or
 * stringified-array match, and a refused request never reaches the backend.
 *
 * <p>How a scope refusal is answered differs by kind, as on AWS: COGNITO_USER_POOLS (REST API
 * semantics, SPEC §6.1) answers 401 {@code Unauthorized}; the JWT authorizer (HTTP API semantics,
 * SPEC §6.4) 403 {@code Forbidden}. Both carry {@code WWW-Authenticate: Bearer error="insufficient_scope"}
 * (RFC 6750 §3.1), so a client can tell a missing scope from a bad token. A scope claim that is not a
 * string (array, null, number) makes the token itself invalid: 401 {@code invalid_token} on both.
 * Decided (SC-05): {@code scp} is read, as a string, only by the JWT authorizer and only when
 * {@code scope} is absent (API Gateway's HTTP API does the same); COGNITO_USER_POOLS reads {@code scope} only.
 */
class GatewayScopeCatalogueTest {

    private static final GatewayWorld.PerDatabase WORLDS = new GatewayWorld.PerDatabase();

    /** The answer a row expects. */
    enum Outcome {
        ALLOWED, INSUFFICIENT_SCOPE, INVALID_TOKEN
    }

    /**
     * One row: the claims edits (raw JSON values), the route, and the outcome per kind.
     *
     * @param r2 true for R2 (needs api/admin), else R1 (needs api/read)
     */
    record Case(String id, String name, Function<GatewayWorld, String> token, boolean r2, Outcome cognito, Outcome jwt) {
        @Override
        public String toString() {
            return id + " " + name;
        }
    }

    private static Case scope(String id, String name, String scopeJson, Outcome outcome) {
        return new Case(id, name, w -> w.signedA("scope", scopeJson), false, outcome, outcome);
    }

    static List<Case> cases() {
        Outcome allowed = Outcome.ALLOWED;
        Outcome refused = Outcome.INSUFFICIENT_SCOPE;
        Outcome invalid = Outcome.INVALID_TOKEN;
        return List.of(
                new Case("control", "real token, api/read on R1", w -> w.good, false, allowed, allowed),
                scope("control", "signed api/read", "\"api/read\"", allowed),
                scope("control", "signed api/write api/read (any of)", "\"api/write api/read\"", allowed),
                scope("SC-01", "api/read.all", "\"api/read.all\"", refused),
                scope("SC-01", "api/readwrite", "\"api/readwrite\"", refused),
                scope("SC-01", "xapi/read", "\"xapi/read\"", refused),
                scope("SC-01", "api/rea", "\"api/rea\"", refused),
                scope("SC-01", "api/read/extra", "\"api/read/extra\"", refused),
                scope("SC-01", "API/READ", "\"API/READ\"", refused),
                scope("SC-03", "TAB separator", "\"api/write\\tapi/read\"", refused),
                scope("SC-03", "LF separator", "\"api/write\\napi/read\"", refused),
                scope("SC-03", "two spaces (empty item ignored)", "\"api/write  api/read\"", allowed),
                scope("SC-03", "leading and trailing space", "\" api/read \"", allowed),
                scope("SC-03", "NBSP separator", "\"api/write\\u00a0api/read\"", refused),
                scope("SC-04", "api/read twice", "\"api/read api/read\"", allowed),
                scope("SC-05", "scope as an array", "[\"api/read\"]", invalid),
                scope("SC-05", "scope null", "null", invalid),
                scope("SC-05", "scope 1", "1", invalid),
                scope("SC-05", "scope \"[api/read]\" (a stringified array)", "\"[api/read]\"", refused),
                new Case("SC-05", "scp only (decided: JWT reads scp when scope is absent)",
                        w -> w.signedA("scope", null, "scp", "\"api/read\""), false, refused, allowed),
                new Case("SC-05", "scp as an array, no scope", w -> w.signedA("scope", null, "scp", "[\"api/read\"]"),
                        false, refused, refused),
                new Case("SC-05", "scope api/write beside scp api/read (scope wins)",
                        w -> w.signedA("scope", "\"api/write\"", "scp", "\"api/read\""), false, refused, refused),
                scope("SC-07", "*", "\"*\"", refused),
                scope("SC-07", "api/*", "\"api/*\"", refused),
                scope("SC-07", "api/read*", "\"api/read*\"", refused),
                scope("SC-07", "regex api/rea.", "\"api/rea.\"", refused),
                scope("SC-08", "Cyrillic a in api/read", "\"api/re\u0430d\"", refused),
                scope("SC-08", "fullwidth r in api/read", "\"api/\uff52ead\"", refused),
                new Case("SC-09", "GOOD (api/read) on R2 (needs api/admin)", w -> w.good, true, refused, refused),
                new Case("SC-09", "api/read api/write on R2", w -> w.signedA("scope", "\"api/read api/write\""), true,
                        refused, refused));
    }

    static Stream<Arguments> table() {
        return Arrays.stream(TestDatabase.values()).flatMap(db -> Arrays.stream(Kind.values())
                .flatMap(kind -> cases().stream().map(c -> Arguments.of(db, kind, c))));
    }

    @AfterAll
    static void stop() {
        WORLDS.closeAll();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("table")
    void gatewayWhenScopeClaimVariesThenExactSetMembershipOnly(TestDatabase database, Kind kind, Case c) throws Exception {
        GatewayWorld w = WORLDS.of(database);
        int orders = w.ordersHits.get();
        int admin = w.adminHits.get();
        Wire.Response response = w.bearer(c.r2() ? kind.r2() : kind.r1(), c.token().apply(w));
        Outcome outcome = kind == Kind.COGNITO ? c.cognito() : c.jwt();

        int expectedStatus = switch (outcome) {
            case ALLOWED -> 200;
            case INVALID_TOKEN -> 401;
            case INSUFFICIENT_SCOPE -> kind == Kind.COGNITO ? 401 : 403;
        };
        assertThat(response.status()).as(response.raw()).isEqualTo(expectedStatus);
        if (outcome == Outcome.ALLOWED) {
            assertThat(w.ordersHits.get()).as("the allowed request reached R1's backend").isEqualTo(orders + 1);
            assertThat(w.adminHits.get()).isEqualTo(admin);
            return;
        }
        assertThat(w.ordersHits.get()).as("R1's backend").isEqualTo(orders);
        assertThat(w.adminHits.get()).as("R2's backend").isEqualTo(admin);
        if (outcome == Outcome.INVALID_TOKEN) {
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
            assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
        } else {
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer error=\"insufficient_scope\"");
            assertThat(response.body()).isEqualTo(kind == Kind.COGNITO ? "{\"message\":\"Unauthorized\"}"
                    : "{\"message\":\"Forbidden\"}");
        }
    }
}
