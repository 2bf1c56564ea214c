package dev.gatehouse.security.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.testing.SignedHttp;
import dev.gatehouse.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceServerScopeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TimeUnitsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TokenValidityUnitsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SECURITY §2.7 (admin input, pagination, races) through the real management API on H2 and
 * PostgreSQL. Gatehouse has one admin principal and no per-pool principals, so the rows about
 * principals scoped to a pool (AD-01…AD-03) do not apply (see the catalogue table); what a
 * single principal can still get wrong is tested here.
 */
class AdminInputCatalogueTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_11 = "application/x-amz-json-1.1";
    private static final String TARGET = "AWSCognitoIdentityProviderService.";
    private static final CatalogueWorld.PerDatabase WORLDS = new CatalogueWorld.PerDatabase();
    private static final String INVALID_TOKEN = "Invalid pagination token.";

    @AfterAll
    static void stop() {
        WORLDS.closeAll();
    }

    /** One AD-08 row: an operation and its input, built from a genuine pool-A ListUserPoolClients token. */
    record TokenAttack(String id, String operation, Function<Tokens, String> input) {
        @Override
        public String toString() {
            return id;
        }
    }

    /** A genuine first-page token of pool A's clients, and the world it came from. */
    record Tokens(CatalogueWorld world, String token) {
        String position() {
            return token.substring(0, token.indexOf('.'));
        }

        String mac() {
            return token.substring(token.indexOf('.') + 1);
        }
    }

    static List<TokenAttack> tokenAttacks() {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        byte[] random40 = new byte[40];
        new SecureRandom().nextBytes(random40);
        return List.of(
                new TokenAttack("AD-08 pool A token replayed against pool B", "ListUserPoolClients",
                        t -> clients(t.world().poolB, t.token())),
                new TokenAttack("AD-08 position edited to -1", "ListUserPoolClients",
                        t -> clients(t.world().poolA, enc(url, "-1") + "." + t.mac())),
                new TokenAttack("AD-08 position edited to 1e12", "ListUserPoolClients",
                        t -> clients(t.world().poolA, enc(url, "1e12") + "." + t.mac())),
                new TokenAttack("AD-08 position edited to SQL text", "ListUserPoolClients",
                        t -> clients(t.world().poolA, enc(url, "' OR 1=1 --") + "." + t.mac())),
                new TokenAttack("AD-08 position of pool B's client under pool A's MAC", "ListUserPoolClients",
                        t -> clients(t.world().poolA, enc(url, t.world().cidB) + "." + t.mac())),
                new TokenAttack("AD-08 MAC truncated", "ListUserPoolClients",
                        t -> clients(t.world().poolA, t.position() + "." + t.mac().substring(0, 20))),
                new TokenAttack("AD-08 random 40 bytes", "ListUserPoolClients",
                        t -> clients(t.world().poolA, Base64.getEncoder().encodeToString(random40))),
                new TokenAttack("AD-08 random 40 bytes in the token's shape", "ListUserPoolClients",
                        t -> clients(t.world().poolA, url.encodeToString(Arrays.copyOf(random40, 8)) + "."
                                + url.encodeToString(Arrays.copyOfRange(random40, 8, 40)))),
                new TokenAttack("AD-08 10 KiB token", "ListUserPoolClients",
                        t -> clients(t.world().poolA, t.position() + "A".repeat(10 * 1024) + "." + t.mac())),
                new TokenAttack("AD-08 ListUserPoolClients token on ListResourceServers", "ListResourceServers",
                        t -> clients(t.world().poolA, t.token())),
                new TokenAttack("AD-08 ListUserPoolClients token on ListUserPools", "ListUserPools",
                        t -> "{\"MaxResults\":10,\"NextToken\":\"" + t.token() + "\"}"));
    }

    static Stream<Arguments> tokenTable() {
        return Arrays.stream(TestDatabase.values()).flatMap(db -> tokenAttacks().stream().map(a -> Arguments.of(db, a)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("tokenTable")
    void listWhenNextTokenForeignEditedOrForgedThenInvalidParameter(TestDatabase database, TokenAttack attack) throws Exception {
        CatalogueWorld world = WORLDS.of(database);
        var first = world.cognito.listUserPoolClients(r -> r.userPoolId(world.poolA).maxResults(1));
        assertThat(first.nextToken()).as("pool A has two clients: page 1 of 1 has a token").isNotNull();
        // The positive control: the genuine token continues the same listing.
        var second = world.cognito.listUserPoolClients(r -> r.userPoolId(world.poolA).maxResults(1).nextToken(first.nextToken()));
        assertThat(second.userPoolClients()).hasSize(1);
        assertThat(second.userPoolClients().get(0).clientId()).isNotEqualTo(first.userPoolClients().get(0).clientId());

        HttpResponse<String> response = call(world, attack.operation(), attack.input().apply(new Tokens(world, first.nextToken())));

        assertError(response, 400, "InvalidParameterException");
        assertThat(message(response)).isEqualTo(INVALID_TOKEN);
        assertThat(response.body()).doesNotContain(world.cidB).doesNotContain("SQL").doesNotContain("\tat ");
    }

    /** AD-09: ListUserPoolClients MaxResults outside 1–60, beyond int, or not a number. */
    static Stream<Arguments> maxResults() {
        return Arrays.stream(TestDatabase.values()).flatMap(db -> Stream.of(
                Arguments.of(db, "0", "InvalidParameterException",
                        "Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"),
                Arguments.of(db, "-1", "InvalidParameterException",
                        "Value '-1' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"),
                Arguments.of(db, "61", "InvalidParameterException",
                        "Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60"),
                // beyond int: still a range refusal with the value as sent (SECURITY AD-09), never an overflow
                Arguments.of(db, "2147483648", "InvalidParameterException",
                        "Value '2147483648' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60"),
                Arguments.of(db, "\"10\"", "SerializationException", null),
                Arguments.of(db, "1.5", "SerializationException", null)));
    }

    @ParameterizedTest(name = "{0} AD-09 MaxResults {1}")
    @MethodSource("maxResults")
    void listWhenMaxResultsOutOfRangeOrWrongTypeThenRefused(TestDatabase database, String value, String type,
                                                          String message) throws Exception {
        CatalogueWorld world = WORLDS.of(database);

        HttpResponse<String> response = call(world, "ListUserPoolClients",
                "{\"UserPoolId\":\"" + world.poolA + "\",\"MaxResults\":" + value + "}");

        assertError(response, 400, type);
        if (message != null) {
            assertThat(message(response)).contains(message);
        }
    }

    /**
     * AD-10 (SECURITY §5 #8): a duplicate JSON key is a SerializationException, never first- or
     * last-wins — at the top level and nested — and nothing is written.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void writeWhenDuplicateJsonKeysThenSerializationExceptionAndNothingWritten(TestDatabase database) throws Exception {
        CatalogueWorld world = WORLDS.of(database);
        UserPoolClientType before = describe(world, world.cidA);
        List<String> serversBefore = resourceServers(world);

        String update = "{\"UserPoolId\":\"" + world.poolA + "\",\"ClientId\":\"" + world.cidA + "\",\"ClientName\":\"x\","
                + "\"AllowedOAuthFlows\":[\"client_credentials\"],\"AllowedOAuthFlowsUserPoolClient\":true,"
                + "\"AllowedOAuthScopes\":[\"api/read\"],\"AllowedOAuthScopes\":[\"api/write\"]}";
        String nested = "{\"UserPoolId\":\"" + world.poolA + "\",\"Identifier\":\"dup\",\"Name\":\"dup\","
                + "\"Scopes\":[{\"ScopeName\":\"a\",\"ScopeName\":\"b\",\"ScopeDescription\":\"d\"}]}";
        String delete = "{\"UserPoolId\":\"" + world.poolB + "\",\"UserPoolId\":\"" + world.poolA + "\",\"ClientId\":\""
                + world.cidA + "\"}";

        assertError(call(world, "UpdateUserPoolClient", update), 400, "SerializationException");
        assertError(call(world, "CreateResourceServer", nested), 400, "SerializationException");
        assertError(call(world, "DeleteUserPoolClient", delete), 400, "SerializationException");

        assertThat(describe(world, world.cidA)).isEqualTo(before);
        assertThat(resourceServers(world)).isEqualTo(serversBefore);
    }

    /**
     * AD-04, the part a single principal can still get wrong: a pool-A client may not be given a
     * scope of pool B's resource server; nothing is written.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void updateClientWhenScopeOfAnotherPoolThenRefusedAndNothingWritten(TestDatabase database) {
        CatalogueWorld world = WORLDS.of(database);
        UserPoolClientType before = describe(world, world.cidA);

        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> world.cognito.updateUserPoolClient(r -> r
                .userPoolId(world.poolA).clientId(world.cidA).clientName("cid-a")
                .allowedOAuthFlows(OAuthFlowType.CLIENT_CREDENTIALS).allowedOAuthFlowsUserPoolClient(true)
                .allowedOAuthScopes("api/read", "apib/read")));

        assertThat(refused).isInstanceOf(AwsServiceException.class);
        AwsServiceException aws = (AwsServiceException) refused;
        assertThat(aws.statusCode()).isEqualTo(400);
        assertThat(aws.awsErrorDetails().errorCode()).isIn("InvalidParameterException", "ScopeDoesNotExistException");
        assertThat(describe(world, world.cidA)).isEqualTo(before);
    }

    /**
     * AD-05: listings never carry a secret value, and a secret the caller chose is never echoed.
     * (The limited-principal half does not apply: there is one admin principal, and
     * DescribeUserPoolClient returns ClientSecret as Cognito does.)
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void listAndAddSecretWhenCalledThenNoSecretValueInAnyAnswer(TestDatabase database) throws Exception {
        CatalogueWorld world = WORLDS.of(database);
        UserPoolClientType client = world.client(world.poolA, "ad-05-" + database, true, "api/read");
        String custom = "ad05custom+secret+" + database.name().toLowerCase(java.util.Locale.ROOT) + "0123456789";

        HttpResponse<String> added = call(world, "AddUserPoolClientSecret", "{\"UserPoolId\":\"" + world.poolA
                + "\",\"ClientId\":\"" + client.clientId() + "\",\"ClientSecret\":\"" + custom + "\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        JsonNode descriptor = JSON.readTree(added.body()).get("ClientSecretDescriptor");
        assertThat(descriptor.has("ClientSecretId")).isTrue();
        assertThat(descriptor.has("ClientSecretValue")).isFalse();
        assertThat(added.body()).doesNotContain(custom).doesNotContain(client.clientSecret());

        HttpResponse<String> secrets = call(world, "ListUserPoolClientSecrets",
                "{\"UserPoolId\":\"" + world.poolA + "\",\"ClientId\":\"" + client.clientId() + "\"}");
        assertThat(secrets.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(secrets.body()).get("ClientSecrets")).hasSize(2)
                .allSatisfy(d -> assertThat(d.has("ClientSecretValue")).isFalse());
        assertThat(secrets.body()).doesNotContain(custom).doesNotContain(client.clientSecret());

        HttpResponse<String> clients = call(world, "ListUserPoolClients", "{\"UserPoolId\":\"" + world.poolA + "\",\"MaxResults\":60}");
        assertThat(clients.statusCode()).isEqualTo(200);
        assertThat(clients.body()).doesNotContain("ClientSecret").doesNotContain(custom)
                .doesNotContain(client.clientSecret()).doesNotContain(world.secA).doesNotContain(world.secA2);
    }

    /** AD-07: Gatehouse has no users, so ListUsers is refused whatever the filter — no filter is ever parsed. */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void listUsersWhenFilterInjectionThenUnsupportedOperation(TestDatabase database) throws Exception {
        CatalogueWorld world = WORLDS.of(database);
        for (String filter : List.of("username = \\\"a\\\\\\\" OR 1=1 --\\\"", "email ^= \\\"%\\\"", "email ^= \\\"_\\\"",
                "password = \\\"x\\\"", "custom:role = \\\"admin\\\"", "email = \\\"a" + " ".repeat(10_000) + "\\\"")) {
            HttpResponse<String> response = call(world, "ListUsers",
                    "{\"UserPoolId\":\"" + world.poolA + "\",\"Filter\":\"" + filter + "\"}");
            assertError(response, 400, "UnsupportedOperationException");
        }
    }

    /**
     * AD-13: two UpdateUserPoolClient calls at the same instant with different scopes; the final
     * state equals one request exactly (no merged or lost members), and the token endpoint agrees
     * with the stored state.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void updateClientWhenTwoAtOnceThenFinalStateIsExactlyOneRequest(TestDatabase database) throws Exception {
        CatalogueWorld world = WORLDS.of(database);
        UserPoolClientType client = world.client(world.poolA, "ad-13", true, "api/read");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 8; round++) {
                CountDownLatch start = new CountDownLatch(1);
                Future<?> a = pool.submit(update(world, client.clientId(), start, "ad-13-a", "api/read", 10));
                Future<?> b = pool.submit(update(world, client.clientId(), start, "ad-13-b", "api/write", 20));
                start.countDown();
                a.get();
                b.get();

                UserPoolClientType state = describe(world, client.clientId());
                List<Object> observed = List.of(state.clientName(), state.allowedOAuthScopes(), state.accessTokenValidity());
                assertThat(observed).as("round %d", round).isIn(
                        List.of("ad-13-a", List.of("api/read"), 10), List.of("ad-13-b", List.of("api/write"), 20));
                String token = token(world, client.clientId(), client.clientSecret());
                var claims = SignedJWT.parse(token).getJWTClaimsSet();
                assertThat(claims.getStringClaim("scope")).isEqualTo(state.allowedOAuthScopes().get(0));
                assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime())
                        .isEqualTo(state.accessTokenValidity() * 60_000L);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * MN-03 on one node: the same resource-server identifier created by eight callers at once —
     * exactly one succeeds (a unique index, not check-then-insert), the others get
     * InvalidParameterException.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void createResourceServerWhenSameIdentifierAtOnceThenExactlyOneSucceeds(TestDatabase database) throws Exception {
        CatalogueWorld world = WORLDS.of(database);
        String identifier = "race-" + database.name().toLowerCase(java.util.Locale.ROOT);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        world.cognito.createResourceServer(r -> r.userPoolId(world.poolA).identifier(identifier).name("race")
                                .scopes(ResourceServerScopeType.builder().scopeName("x").scopeDescription("x").build()));
                        return "ok";
                    } catch (InvalidParameterException e) {
                        return "InvalidParameterException";
                    }
                }));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : results) {
                outcomes.add(f.get());
            }
            assertThat(outcomes).containsOnlyOnce("ok");
            assertThat(outcomes.stream().filter("InvalidParameterException"::equals)).hasSize(7);
            assertThat(resourceServers(world).stream().filter(identifier::equals)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Callable<Void> update(CatalogueWorld world, String clientId, CountDownLatch start, String name,
                                         String scope, int minutes) {
        return () -> {
            start.await();
            world.cognito.updateUserPoolClient(r -> r.userPoolId(world.poolA).clientId(clientId).clientName(name)
                    .allowedOAuthFlows(OAuthFlowType.CLIENT_CREDENTIALS).allowedOAuthFlowsUserPoolClient(true)
                    .allowedOAuthScopes(scope).accessTokenValidity(minutes)
                    .tokenValidityUnits(TokenValidityUnitsType.builder().accessToken(TimeUnitsType.MINUTES).build()));
            return null;
        };
    }

    private static String token(CatalogueWorld world, String clientId, String secret) throws Exception {
        Wire.Response response = Wire.token(world.server.port(), "/oauth2/token", "grant_type=client_credentials",
                List.of(Wire.basic(clientId, secret), "Content-Type: application/x-www-form-urlencoded"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("access_token").textValue();
    }

    private static UserPoolClientType describe(CatalogueWorld world, String clientId) {
        return world.cognito.describeUserPoolClient(r -> r.userPoolId(world.poolA).clientId(clientId)).userPoolClient();
    }

    private static List<String> resourceServers(CatalogueWorld world) {
        return world.cognito.listResourceServers(r -> r.userPoolId(world.poolA).maxResults(50)).resourceServers().stream()
                .map(s -> s.identifier()).toList();
    }

    private static HttpResponse<String> call(CatalogueWorld world, String operation, String body) throws Exception {
        return SignedHttp.cognito(world.server, TARGET + operation, JSON_11, body);
    }

    private static void assertError(HttpResponse<String> response, int status, String type) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).path("__type").textValue()).as(response.body()).isEqualTo(type);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue(type);
    }

    private static String message(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("message").textValue();
    }

    private static String clients(String poolId, String token) {
        return "{\"UserPoolId\":\"" + poolId + "\",\"MaxResults\":10,\"NextToken\":\"" + token + "\"}";
    }

    private static String enc(Base64.Encoder encoder, String text) {
        return encoder.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
