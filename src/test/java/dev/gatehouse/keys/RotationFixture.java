package dev.gatehouse.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.gatehouse.testing.SignedHttp;
import dev.gatehouse.testing.TestServer;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceServerScopeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A pool made through the real AWS SDK (resource server {@code api} with scope {@code read}, a
 * confidential client-credentials client), with helpers for tokens, JWKS and the GatehouseService
 * key operations.
 */
final class RotationFixture {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final TestServer server;
    final String poolId;
    final String clientId;
    final String clientSecret;

    private RotationFixture(TestServer server, String poolId, String clientId, String clientSecret) {
        this.server = server;
        this.poolId = poolId;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    static RotationFixture create(TestServer server) {
        CognitoIdentityProviderClient cognito = server.cognito();
        String poolId = cognito.createUserPool(r -> r.poolName("rotation")).userPool().id();
        cognito.createResourceServer(r -> r.userPoolId(poolId).identifier("api").name("API")
                .scopes(ResourceServerScopeType.builder().scopeName("read").scopeDescription("read").build()));
        UserPoolClientType client = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("m2m")
                .generateSecret(true).allowedOAuthFlowsUserPoolClient(true)
                .allowedOAuthFlows(OAuthFlowType.CLIENT_CREDENTIALS).allowedOAuthScopes("api/read")).userPoolClient();
        return new RotationFixture(server, poolId, client.clientId(), client.clientSecret());
    }

    /** A GatehouseService operation, SigV4-signed by the AWS SDK signer. */
    HttpResponse<String> gatehouse(String operation, String body) throws Exception {
        return SignedHttp.cognito(server, "GatehouseService." + operation, "application/x-amz-json-1.1", body);
    }

    JsonNode gatehouseOk(String operation, String body) throws Exception {
        HttpResponse<String> response = gatehouse(operation, body);
        if (response.statusCode() != 200) {
            throw new AssertionError(operation + " answered " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    JsonNode rotate(boolean emergency) throws Exception {
        return gatehouseOk("RotateSigningKeys", "{\"UserPoolId\":\"" + poolId + "\"" + (emergency ? ",\"Emergency\":true" : "") + "}");
    }

    void prePublication(int seconds) throws Exception {
        gatehouseOk("SetSigningKeyPolicy", "{\"UserPoolId\":\"" + poolId + "\",\"PrePublicationSeconds\":" + seconds + "}");
    }

    static String kid(JsonNode rotation, String use) {
        for (JsonNode key : rotation.path("SigningKeys")) {
            if (key.path("Use").asText().equals(use)) {
                return key.path("Kid").asText();
            }
        }
        throw new AssertionError("no " + use + " key in " + rotation);
    }

    /** A token from POST /oauth2/token (client_secret_basic). */
    String token() throws Exception {
        HttpResponse<String> response = tokenResponse();
        if (response.statusCode() != 200) {
            throw new AssertionError("token endpoint answered " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    HttpResponse<String> tokenResponse() throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String kidOf(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    HttpResponse<String> jwksResponse() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.issuer(poolId) + "/.well-known/jwks.json")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JWKSet jwks() throws Exception {
        return JWKSet.parse(jwksResponse().body());
    }

    List<String> jwksKids() throws Exception {
        List<String> kids = new ArrayList<>();
        jwks().getKeys().forEach(key -> kids.add(key.getKeyID()));
        return kids;
    }

    /** Verifies with exactly the given key set (a verifier that has just fetched the JWKS). */
    static JWTClaimsSet verify(String token, JWKSet keys) throws Exception {
        return processor(new ImmutableJWKSet<>(keys)).process(token, null);
    }

    static DefaultJWTProcessor<SecurityContext> processor(JWKSource<SecurityContext> keys) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        return processor;
    }

    static List<String> texts(Iterable<JsonNode> values) {
        List<String> out = new ArrayList<>();
        values.forEach(value -> out.add(value.asText()));
        return out;
    }

    static void await(Duration deadline, BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}
