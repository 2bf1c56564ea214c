package dev.gatehouse.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.observe.JsonLinesAuditLog;
import dev.gatehouse.server.Components;
import dev.gatehouse.store.RevocationState;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import dev.gatehouse.token.AccessTokenVerifier;
import dev.gatehouse.token.Revocations;
import dev.gatehouse.token.TokenRefusal;
import dev.gatehouse.token.VerifiedAccessToken;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static dev.gatehouse.oauth.OAuthFixtures.CID_A;
import static dev.gatehouse.oauth.OAuthFixtures.CID_B;
import static dev.gatehouse.oauth.OAuthFixtures.CID_PLUS;
import static dev.gatehouse.oauth.OAuthFixtures.CID_SHORT;
import static dev.gatehouse.oauth.OAuthFixtures.CID_TOKEN;
import static dev.gatehouse.oauth.OAuthFixtures.POOL_A;
import static dev.gatehouse.oauth.OAuthFixtures.POOL_B;
import static dev.gatehouse.oauth.OAuthFixtures.SEC_A;
import static dev.gatehouse.oauth.OAuthFixtures.SEC_B;
import static dev.gatehouse.oauth.OAuthFixtures.SEC_PLUS;
import static dev.gatehouse.oauth.OAuthFixtures.SEC_SHORT;
import static dev.gatehouse.oauth.OAuthFixtures.SEC_TOKEN;
import static dev.gatehouse.oauth.RevocationHttp.JSON;
import static dev.gatehouse.oauth.RevocationHttp.active;
import static dev.gatehouse.oauth.RevocationHttp.gatehouse;
import static dev.gatehouse.oauth.RevocationHttp.introspect;
import static dev.gatehouse.oauth.RevocationHttp.introspection;
import static dev.gatehouse.oauth.RevocationHttp.nextSecond;
import static dev.gatehouse.oauth.RevocationHttp.revoke;
import static dev.gatehouse.oauth.RevocationHttp.token;
import static dev.gatehouse.oauth.RevocationHttp.tokenResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code /oauth2/revoke} (RFC 7009), {@code /oauth2/introspect} (RFC 7662) and the Gatehouse
 * operations RevokeClientTokens, Disable/EnableUserPoolClient, against a real server with real
 * tokens from {@code /oauth2/token}, on H2 and PostgreSQL.
 */
class RevocationEndpointTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void revokeWhenOwnTokenThenInactiveEverywhereAndAudited(TestDatabase database) throws Exception {
        try (TestServer server = TestServer.start(database)) {
            OAuthFixtures.create(server);
            String first = token(server, CID_A, SEC_A);
            String second = token(server, CID_A, SEC_A);

            JsonNode before = introspection(server, CID_A, SEC_A, first);
            assertThat(before.get("active").booleanValue()).isTrue();
            assertThat(before.get("client_id").textValue()).isEqualTo(CID_A);
            assertThat(before.get("sub").textValue()).isEqualTo(CID_A);
            assertThat(before.get("scope").textValue()).isEqualTo("api/read api/write");
            assertThat(before.get("token_type").textValue()).isEqualTo("Bearer");
            assertThat(before.get("token_use").textValue()).isEqualTo("access");
            assertThat(before.get("iss").textValue()).isEqualTo(server.issuer(POOL_A));
            assertThat(before.get("exp").longValue() - before.get("iat").longValue()).isEqualTo(3600);
            String jti = before.get("jti").textValue();

            RawHttp.Response revoked = revoke(server, CID_A, SEC_A, first);
            assertThat(revoked.status()).isEqualTo(200);
            assertThat(revoked.body()).isEmpty();
            assertThat(revoked.header("Cache-Control")).contains("no-store");
            assertThat(revoked.header("Pragma")).isEqualTo("no-cache");

            RawHttp.Response after = introspect(server, CID_A, SEC_A, first);
            assertThat(after.body()).isEqualTo("{\"active\":false}");
            assertThat(after.header("Cache-Control")).contains("no-store");
            assertThat(verifier(server).verify(first)).isEqualTo(TokenRefusal.REVOKED);
            assertThat(verifier(server).verify(second)).isInstanceOf(VerifiedAccessToken.class);
            assertThat(active(server, CID_A, SEC_A, second)).isTrue();
            // Revoking again, or revoking garbage: 200 (RFC 7009 §2.2)
            assertThat(revoke(server, CID_A, SEC_A, first).status()).isEqualTo(200);
            assertThat(revoke(server, CID_A, SEC_A, "not-a-token").status()).isEqualTo(200);
            // Refresh-token hint: only a hint, the access token is found and revoked anyway
            RawHttp.Response hinted = RawHttp.post(server.port(), "/oauth2/revoke", "localhost:" + server.port(),
                    "token=" + second + "&token_type_hint=refresh_token", RawHttp.basic(CID_A, SEC_A), RevocationHttp.FORM);
            assertThat(hinted.status()).isEqualTo(200);
            assertThat(active(server, CID_A, SEC_A, second)).isFalse();

            Path auditFile = server.dataDir().resolve(JsonLinesAuditLog.FILE_NAME);
            JsonNode event = awaitEvent(auditFile, jti);
            assertThat(event.get("action").textValue()).isEqualTo("TokenRevoked");
            assertThat(event.get("outcome").textValue()).isEqualTo("success");
            assertThat(event.get("actor").textValue()).isEqualTo(CID_A);
            assertThat(Files.readString(auditFile)).doesNotContain(first).doesNotContain(SEC_A);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void revokeWhenAnotherClientsTokenThenAnswered200AndNothingRevoked(TestDatabase database) throws Exception {
        try (TestServer server = TestServer.start(database)) {
            OAuthFixtures.create(server);
            String other = token(server, CID_PLUS, SEC_PLUS);
            RawHttp.Response response = revoke(server, CID_A, SEC_A, other);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEmpty();
            assertThat(active(server, CID_PLUS, SEC_PLUS, other)).isTrue();
            assertThat(verifier(server).verify(other)).isInstanceOf(VerifiedAccessToken.class);

            // Any client of the pool may introspect the pool's tokens; another pool's client learns nothing.
            assertThat(active(server, CID_A, SEC_A, other)).isTrue();
            assertThat(introspect(server, CID_B, SEC_B, other).body()).isEqualTo("{\"active\":false}");
            String poolB = token(server, CID_B, SEC_B);
            assertThat(introspect(server, CID_A, SEC_A, poolB).body()).isEqualTo("{\"active\":false}");
            assertThat(active(server, CID_B, SEC_B, poolB)).isTrue();
            assertThat(revoke(server, CID_A, SEC_A, poolB).status()).isEqualTo(200);
            assertThat(active(server, CID_B, SEC_B, poolB)).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void requestsWhenClientNotAuthenticatedOrRequestBadThenRefusedAsAtTheTokenEndpoint(TestDatabase database)
            throws Exception {
        try (TestServer server = TestServer.start(database)) {
            OAuthFixtures.create(server);
            String good = token(server, CID_A, SEC_A);
            String host = "localhost:" + server.port();
            for (String path : List.of("/oauth2/revoke", "/oauth2/introspect")) {
                RawHttp.Response wrongSecret = RawHttp.post(server.port(), path, host, "token=" + good,
                        RawHttp.basic(CID_A, SEC_A + "x"), RevocationHttp.FORM);
                assertInvalidClient(wrongSecret, path);
                RawHttp.Response unknown = RawHttp.post(server.port(), path, host, "token=" + good,
                        RawHttp.basic("unknownclient", SEC_A), RevocationHttp.FORM);
                assertInvalidClient(unknown, path);
                RawHttp.Response none = RawHttp.post(server.port(), path, host, "token=" + good, RevocationHttp.FORM);
                assertInvalidClient(none, path);
                RawHttp.Response bodySecret = RawHttp.post(server.port(), path, host,
                        "token=" + good + "&client_id=" + CID_A + "&client_secret=wrong", RevocationHttp.FORM);
                assertInvalidClient(bodySecret, path);
                // pool B's prefix domain does not know pool A's client
                RawHttp.Response otherDomain = RawHttp.post(server.port(), path,
                        "pool-b.auth.us-east-1.localhost:" + server.port(), "token=" + good,
                        RawHttp.basic(CID_A, SEC_A), RevocationHttp.FORM);
                assertInvalidClient(otherDomain, path);

                RawHttp.Response missing = RawHttp.post(server.port(), path, host, "", RawHttp.basic(CID_A, SEC_A),
                        RevocationHttp.FORM);
                assertThat(missing.status()).as(path).isEqualTo(400);
                assertThat(JSON.readTree(missing.body()).get("error").textValue()).isEqualTo("invalid_request");
                RawHttp.Response both = RawHttp.post(server.port(), path, host,
                        "token=" + good + "&client_secret=" + SEC_A, RawHttp.basic(CID_A, SEC_A), RevocationHttp.FORM);
                assertThat(both.status()).as(path).isEqualTo(400);
                RawHttp.Response inUrl = RawHttp.post(server.port(), path + "?token=" + good, host, "token=" + good,
                        RawHttp.basic(CID_A, SEC_A), RevocationHttp.FORM);
                assertThat(inUrl.status()).as(path).isEqualTo(400);
                RawHttp.Response get = RawHttp.send(server.port(), "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
                assertThat(get.status()).as(path).isEqualTo(405);
                assertThat(get.header("Allow")).isEqualTo("POST");
            }
            // Body credentials work like at the token endpoint.
            RawHttp.Response bodyAuth = RawHttp.post(server.port(), "/oauth2/introspect", host,
                    "token=" + good + "&client_id=" + CID_A + "&client_secret=" + SEC_A, RevocationHttp.FORM);
            assertThat(JSON.readTree(bodyAuth.body()).get("active").booleanValue()).isTrue();
            assertThat(active(server, CID_A, SEC_A, good)).isTrue();

            // EnableTokenRevocation=false: revocation refused with invalid_request (Cognito's answer)
            CognitoIdentityProviderClient cognito = server.cognito();
            UserPoolClientType noRevoke = cognito.createUserPoolClient(r -> r.userPoolId(POOL_A).clientName("no-revoke")
                    .generateSecret(true).allowedOAuthFlows(OAuthFlowType.CLIENT_CREDENTIALS)
                    .allowedOAuthScopes("api/read").allowedOAuthFlowsUserPoolClient(true)
                    .enableTokenRevocation(false)).userPoolClient();
            String own = token(server, noRevoke.clientId(), noRevoke.clientSecret());
            RawHttp.Response disabled = revoke(server, noRevoke.clientId(), noRevoke.clientSecret(), own);
            assertThat(disabled.status()).isEqualTo(400);
            assertThat(JSON.readTree(disabled.body()).get("error").textValue()).isEqualTo("invalid_request");
            assertThat(active(server, noRevoke.clientId(), noRevoke.clientSecret(), own)).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void revokeClientTokensWhenCalledThenEarlierTokensRevokedLaterOnesNot(TestDatabase database) throws Exception {
        try (TestServer server = TestServer.start(database)) {
            OAuthFixtures.create(server);
            String earlier = token(server, CID_A, SEC_A);
            String otherClient = token(server, CID_PLUS, SEC_PLUS);
            nextSecond();
            String justBefore = token(server, CID_A, SEC_A);

            HttpResponse<String> response = gatehouse(server, "RevokeClientTokens", POOL_A, CID_A);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{}");
            assertThat(verifier(server).verify(earlier)).isEqualTo(TokenRefusal.REVOKED);
            assertThat(verifier(server).verify(justBefore)).isEqualTo(TokenRefusal.REVOKED);
            assertThat(active(server, CID_A, SEC_A, earlier)).isFalse();
            assertThat(active(server, CID_PLUS, SEC_PLUS, otherClient)).isTrue();

            nextSecond();
            String later = token(server, CID_A, SEC_A);
            assertThat(verifier(server).verify(later)).isInstanceOf(VerifiedAccessToken.class);
            assertThat(active(server, CID_A, SEC_A, later)).isTrue();

            HttpResponse<String> unknownClient = gatehouse(server, "RevokeClientTokens", POOL_A, "nosuchclient");
            assertThat(unknownClient.statusCode()).isEqualTo(400);
            assertThat(unknownClient.body()).contains("ResourceNotFoundException")
                    .contains("User pool client nosuchclient does not exist.");
            HttpResponse<String> otherPool = gatehouse(server, "RevokeClientTokens", POOL_B, CID_A);
            assertThat(otherPool.body()).contains("ResourceNotFoundException");
            HttpResponse<String> badId = gatehouse(server, "RevokeClientTokens", POOL_A, "bad id");
            assertThat(badId.body()).contains("InvalidParameterException")
                    .contains("Value at 'clientId' failed to satisfy constraint");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void deleteClientWhenTokensOutstandingThenTheyStopVerifying(TestDatabase database) throws Exception {
        try (TestServer server = TestServer.start(database)) {
            OAuthFixtures.create(server);
            CognitoIdentityProviderClient cognito = server.cognito();
            UserPoolClientType client = cognito.createUserPoolClient(r -> r.userPoolId(POOL_A).clientName("doomed")
                    .generateSecret(true).allowedOAuthFlows(OAuthFlowType.CLIENT_CREDENTIALS)
                    .allowedOAuthScopes("api/read").allowedOAuthFlowsUserPoolClient(true)).userPoolClient();
            String token = token(server, client.clientId(), client.clientSecret());
            assertThat(active(server, CID_A, SEC_A, token)).isTrue();

            cognito.deleteUserPoolClient(r -> r.userPoolId(POOL_A).clientId(client.clientId()));

            assertThat(active(server, CID_A, SEC_A, token)).isFalse();
            assertThat(verifier(server).verify(token)).isEqualTo(TokenRefusal.UNKNOWN_CLIENT);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void disableWhenCalledThenNoTokensAndOldOnesStayRevokedAfterEnable(TestDatabase database) throws Exception {
        try (TestServer server = TestServer.start(database)) {
            OAuthFixtures.create(server);
            CognitoIdentityProviderClient cognito = server.cognito();
            String old = token(server, CID_SHORT, SEC_SHORT);

            assertThat(gatehouse(server, "DisableUserPoolClient", POOL_A, CID_SHORT).statusCode()).isEqualTo(200);
            assertThat(gatehouse(server, "DisableUserPoolClient", POOL_A, CID_TOKEN).statusCode()).isEqualTo(200);

            RawHttp.Response refused = tokenResponse(server, CID_SHORT, SEC_SHORT);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.body()).isEqualTo("{\"error\":\"invalid_client\"}");
            assertThatThrownBy(() -> cognito.getClientToken(r -> r.clientId(CID_TOKEN).secret(SEC_TOKEN)))
                    .isInstanceOf(NotAuthorizedException.class);
            assertThat(verifier(server).verify(old)).isEqualTo(TokenRefusal.DISABLED_CLIENT);
            assertThat(active(server, CID_A, SEC_A, old)).isFalse();
            // A disabled client cannot use the revoke or introspect endpoints either.
            assertInvalidClient(revoke(server, CID_SHORT, SEC_SHORT, old), "/oauth2/revoke");

            nextSecond();
            assertThat(gatehouse(server, "EnableUserPoolClient", POOL_A, CID_SHORT).statusCode()).isEqualTo(200);
            assertThat(gatehouse(server, "EnableUserPoolClient", POOL_A, CID_TOKEN).statusCode()).isEqualTo(200);
            String fresh = token(server, CID_SHORT, SEC_SHORT);
            assertThat(verifier(server).verify(fresh)).isInstanceOf(VerifiedAccessToken.class);
            assertThat(active(server, CID_A, SEC_A, fresh)).isTrue();
            assertThat(verifier(server).verify(old)).isEqualTo(TokenRefusal.REVOKED);
            assertThat(active(server, CID_A, SEC_A, old)).isFalse();
            assertThat(cognito.getClientToken(r -> r.clientId(CID_TOKEN).secret(SEC_TOKEN))
                    .clientAuthenticationResult().accessToken()).isNotEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void purgeWhenRevokedTokensExpiredThenForgottenInStoreAndDirectory(TestDatabase database) throws Exception {
        try (TestServer server = TestServer.start(database)) {
            OAuthFixtures.create(server);
            Components components = server.server().components();
            String shortLived = token(server, CID_SHORT, SEC_SHORT); // 15 minutes
            String longLived = token(server, CID_A, SEC_A); // 1 hour
            assertThat(revoke(server, CID_SHORT, SEC_SHORT, shortLived).status()).isEqualTo(200);
            assertThat(revoke(server, CID_A, SEC_A, longLived).status()).isEqualTo(200);
            String shortJti = ((VerifiedAccessToken) verifierAt(server, Clock.systemUTC())
                    .verify(token(server, CID_SHORT, SEC_SHORT))).jti(); // a live one, for contrast
            assertThat(revocations(components).revokedJtis()).hasSize(2).doesNotContainKey(shortJti);

            // Nothing has expired yet: nothing goes.
            assertThat(new Revocations(components.store(), components.directory(), Clock.systemUTC()).purgeExpired())
                    .isZero();
            assertThat(revocations(components).revokedJtis()).hasSize(2);

            // Twenty minutes on, the short token has expired: only its revocation is forgotten.
            Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(20));
            assertThat(new Revocations(components.store(), components.directory(), later).purgeExpired()).isEqualTo(1);
            assertThat(revocations(components).revokedJtis()).hasSize(1);
            assertThat(components.store().loadPoolState(POOL_A).orElseThrow().revocations().revokedJtis()).hasSize(1);
            assertThat(verifier(server).verify(longLived)).isEqualTo(TokenRefusal.REVOKED);
            assertThat(verifierAt(server, later).verify(shortLived)).isEqualTo(TokenRefusal.EXPIRED);

            Clock muchLater = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));
            new Revocations(components.store(), components.directory(), muchLater).purgeExpired();
            assertThat(revocations(components).revokedJtis()).isEmpty();
            assertThat(components.store().loadPoolState(POOL_A).orElseThrow().revocations().revokedJtis()).isEmpty();
        }
    }

    private static RevocationState revocations(Components components) {
        return components.directory().current().revocations(POOL_A);
    }

    private static AccessTokenVerifier verifier(TestServer server) {
        return verifierAt(server, Clock.systemUTC());
    }

    private static AccessTokenVerifier verifierAt(TestServer server, Clock clock) {
        Components components = server.server().components();
        return new AccessTokenVerifier(components.directory(), components::issuerBaseUrl, clock);
    }

    private static void assertInvalidClient(RawHttp.Response response, String path) throws Exception {
        assertThat(response.status()).as(path + " " + response.body()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Basic realm=\"gatehouse\"");
        assertThat(JSON.readTree(response.body()).get("error").textValue()).isEqualTo("invalid_client");
        assertThat(response.header("Cache-Control")).contains("no-store");
    }

    private static JsonNode awaitEvent(Path file, String target) throws Exception {
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    JsonNode event = JSON.readTree(line);
                    if (target.equals(event.path("target").asText(null))) {
                        return event;
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no audit event for " + target);
    }
}
