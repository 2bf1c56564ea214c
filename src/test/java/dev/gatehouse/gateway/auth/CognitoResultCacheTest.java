package dev.gatehouse.gateway.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.model.api.ApiMethod;
import dev.gatehouse.model.api.Authorizer;
import dev.gatehouse.server.Components;
import dev.gatehouse.testing.SignedHttp;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import dev.gatehouse.token.AccessTokenVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceServerScopeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TimeUnitsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The COGNITO_USER_POOLS result cache ({@code authorizerResultTtlInSeconds}, docs/gateway-runtime.md) with the real
 * verifier over a real server's directory, real tokens from its token endpoint, and changes made through its real
 * APIs (SDK, revocation endpoint, GatehouseService). {@link CognitoUserPoolsAuthorizer#verifications()} tells a
 * hit from a miss; the {@link MovableClock} moves the TTL and {@code exp}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CognitoResultCacheTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    TestServer server;
    CognitoIdentityProviderClient cognito;
    String pool;
    String poolArn;
    MovableClock clock;
    CognitoUserPoolsAuthorizer authorizer;

    @BeforeAll
    void start() {
        server = TestServer.start(TestDatabase.H2);
        cognito = server.cognito();
        pool = cognito.createUserPool(r -> r.poolName("cache")).userPool().id();
        poolArn = cognito.describeUserPool(r -> r.userPoolId(pool)).userPool().arn();
        cognito.createResourceServer(r -> r.userPoolId(pool).identifier("shop").name("Shop").scopes(
                scope("read"), scope("write")));
    }

    @AfterAll
    void stop() {
        cognito.close();
        server.close();
    }

    @BeforeEach
    void freshAuthorizer() {
        Components c = server.server().components();
        clock = new MovableClock();
        authorizer = new CognitoUserPoolsAuthorizer(new AccessTokenVerifier(c.directory(), c::issuerBaseUrl, clock),
                c.directory(), clock);
    }

    @Test
    void hitWhenWithinTtlThenNoVerificationAndAfterTtlVerifiedAgain() throws Exception {
        String token = token(client(60), "shop/read");
        Authorizer ttl300 = authorizer(300);
        for (int i = 0; i < 10; i++) {
            assertThat(decide(ttl300, "shop/read", token).allowed()).isTrue();
        }
        assertThat(authorizer.verifications()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(299));
        assertThat(decide(ttl300, "shop/read", token).allowed()).isTrue();
        assertThat(authorizer.verifications()).as("299 s: still cached").isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(decide(ttl300, "shop/read", token).allowed()).isTrue();
        assertThat(authorizer.verifications()).as("300 s: the verdict expired").isEqualTo(2);

        Authorizer ttl60 = authorizer(60);
        assertThat(decide(ttl60, "shop/read", token).allowed()).isTrue();
        assertThat(authorizer.verifications()).as("another authorizer definition is another cache key").isEqualTo(3);
    }

    @Test
    void ttlZeroWhenCalledThenEveryCallVerifies() throws Exception {
        String token = token(client(60), "shop/read");
        for (int i = 0; i < 5; i++) {
            assertThat(decide(authorizer(0), "shop/read", token).allowed()).isTrue();
        }
        assertThat(authorizer.verifications()).isEqualTo(5);
    }

    @Test
    void hitWhenTokenExpiresBeforeTtlThenExpiredNeverServedFromCache() throws Exception {
        String token = token(client(5), "shop/read"); // the shortest access-token validity: 5 minutes
        long exp = claim(token, "exp");
        Authorizer ttl3600 = authorizer(3600);
        assertThat(decide(ttl3600, "shop/read", token).allowed()).isTrue();
        clock.atLeast(Instant.ofEpochSecond(exp - 1));
        assertThat(decide(ttl3600, "shop/read", token).allowed()).isTrue();
        assertThat(authorizer.verifications()).isEqualTo(1);
        clock.atLeast(Instant.ofEpochSecond(exp));
        AuthDecision expired = decide(ttl3600, "shop/read", token);
        assertThat(expired.allowed()).isFalse();
        assertThat(expired.error().status()).isEqualTo(401);
        assertThat(expired.error().message()).isEqualTo("The incoming token has expired");
    }

    @Test
    void hitWhenAnotherMethodThenItsOwnScopesAreEvaluated() throws Exception {
        String token = token(client(60), "shop/read");
        Authorizer cached = authorizer(300);
        assertThat(decide(cached, "shop/read", token).allowed()).isTrue();
        AuthDecision write = decide(cached, "shop/write", token);
        assertThat(write.allowed()).isFalse();
        assertThat(write.error().reason()).isEqualTo("scope_mismatch");
        AuthDecision unscoped = authorizer.decide(cached, method(List.of()), token);
        assertThat(unscoped.error().reason()).isEqualTo("access_token_on_unscoped_method");
        assertThat(decide(cached, "shop/read", token).allowed()).isTrue();
        assertThat(authorizer.verifications()).as("all of them cache hits").isEqualTo(1);
    }

    @Test
    void hitWhenTokenRevokedThenRefused() throws Exception {
        UserPoolClientType client = client(60);
        String token = token(client, "shop/read");
        String other = token(client, "shop/read");
        Authorizer cached = authorizer(300);
        assertThat(decide(cached, "shop/read", token).allowed()).isTrue();
        assertThat(decide(cached, "shop/read", other).allowed()).isTrue();
        HttpResponse<String> revoked = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/oauth2/revoke"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", basic(client))
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(decide(cached, "shop/read", token).error().reason()).isEqualTo("revoked");
        assertThat(decide(cached, "shop/read", other).allowed()).as("only that token").isTrue();
        assertThat(authorizer.verifications()).as("refused on the hit itself").isEqualTo(2);
    }

    @Test
    void hitWhenClientDisabledThenRefused() throws Exception {
        UserPoolClientType client = client(60);
        String token = token(client, "shop/read");
        Authorizer cached = authorizer(300);
        assertThat(decide(cached, "shop/read", token).allowed()).isTrue();
        HttpResponse<String> disabled = SignedHttp.cognito(server, "GatehouseService.DisableUserPoolClient",
                "application/x-amz-json-1.1", "{\"UserPoolId\":\"" + pool + "\",\"ClientId\":\"" + client.clientId() + "\"}");
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        assertThat(decide(cached, "shop/read", token).error().reason()).isEqualTo("disabled_client");
        assertThat(authorizer.verifications()).isEqualTo(1);
    }

    @Test
    void hitWhenClientDeletedThenRefused() throws Exception {
        UserPoolClientType client = client(60);
        String token = token(client, "shop/read");
        Authorizer cached = authorizer(300);
        assertThat(decide(cached, "shop/read", token).allowed()).isTrue();
        cognito.deleteUserPoolClient(r -> r.userPoolId(pool).clientId(client.clientId()));
        assertThat(decide(cached, "shop/read", token).error().reason()).isEqualTo("unknown_client");
        assertThat(authorizer.verifications()).isEqualTo(1);
    }

    @Test
    void hitWhenSigningKeyRevokedByEmergencyRotationThenRefused() throws Exception {
        String token = token(client(60), "shop/read");
        Authorizer cached = authorizer(300);
        assertThat(decide(cached, "shop/read", token).allowed()).isTrue();
        Components c = server.server().components();
        c.keyRotation().rotate(c.config().region(), pool, true, "test");
        clock.atLeast(Instant.now()); // the revocation is dated by the server's clock
        assertThat(decide(cached, "shop/read", token).error().reason()).isEqualTo("unknown_kid");
        assertThat(authorizer.verifications()).isEqualTo(1);
    }

    @Test
    void hitWhenAuthorizerNamesAnotherPoolThenVerifiedForThatAuthorizer() throws Exception {
        String token = token(client(60), "shop/read");
        assertThat(decide(authorizer(300), "shop/read", token).allowed()).isTrue();
        Authorizer otherPool = new Authorizer("a1", "pool", "COGNITO_USER_POOLS",
                List.of("arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_Other0000"),
                "method.request.header.Authorization", null, 300, null, List.of());
        assertThat(authorizer.decide(otherPool, method(List.of("shop/read")), token).error().reason())
                .isEqualTo("wrong_pool");
    }

    // ---------------------------------------------------------------- fixture

    private Authorizer authorizer(int ttlSeconds) {
        return new Authorizer("a1", "pool", "COGNITO_USER_POOLS", List.of(poolArn),
                "method.request.header.Authorization", null, ttlSeconds, null, List.of());
    }

    private static ApiMethod method(List<String> scopes) {
        return new ApiMethod("GET", "COGNITO_USER_POOLS", "a1", scopes, false, null, Map.of(), Map.of(), null);
    }

    private AuthDecision decide(Authorizer definition, String scope, String token) {
        return authorizer.decide(definition, method(List.of(scope)), token);
    }

    private UserPoolClientType client(int accessTokenMinutes) {
        return cognito.createUserPoolClient(r -> r.userPoolId(pool).clientName("svc").generateSecret(true)
                .allowedOAuthFlows(OAuthFlowType.CLIENT_CREDENTIALS).allowedOAuthScopes("shop/read", "shop/write")
                .allowedOAuthFlowsUserPoolClient(true).accessTokenValidity(accessTokenMinutes)
                .tokenValidityUnits(u -> u.accessToken(TimeUnitsType.MINUTES))).userPoolClient();
    }

    /** A token from the real token endpoint; the test clock is moved up to its iat, as the server's clock is. */
    private String token(UserPoolClientType client, String scope) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", basic(client))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + scope)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String token = JSON.readTree(response.body()).get("access_token").asText();
        clock.atLeast(Instant.ofEpochSecond(claim(token, "iat")));
        return token;
    }

    private static long claim(String token, String name) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).get(name).asLong();
    }

    private static String basic(UserPoolClientType client) {
        return "Basic " + Base64.getEncoder().encodeToString((client.clientId() + ":" + client.clientSecret()).getBytes());
    }

    private static ResourceServerScopeType scope(String name) {
        return ResourceServerScopeType.builder().scopeName(name).scopeDescription(name).build();
    }
}
