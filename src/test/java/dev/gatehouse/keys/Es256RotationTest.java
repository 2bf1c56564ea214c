package dev.gatehouse.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.gatehouse.keys.RotationFixture.JSON;
import static dev.gatehouse.keys.RotationFixture.kid;
import static dev.gatehouse.keys.RotationFixture.kidOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An ES256 pool end to end (docs/key-rotation.md): SetSigningKeyPolicy names ES256, which changes
 * nothing until the next rotation; RotateSigningKeys then pre-publishes P-256 keys in the JWKS
 * before they sign; tokens from the real token endpoint switch to ES256 at the activation; and a
 * verifier that knows nothing of Gatehouse (Nimbus, configured from the discovery document alone)
 * accepts both the new ES256 tokens and the RS256 tokens of the retired keys.
 */
class Es256RotationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void policyEs256WhenRotatedThenEcKeysArePrePublishedThenSignAndAnIndependentVerifierAcceptsBoth(TestDatabase database)
            throws Exception {
        try (TestServer server = TestServer.start(database)) {
            RotationFixture pool = RotationFixture.create(server);
            String rsaToken = pool.token();
            String rsaKid = kidOf(rsaToken);

            JsonNode policy = pool.gatehouseOk("SetSigningKeyPolicy",
                    "{\"UserPoolId\":\"" + pool.poolId + "\",\"SigningAlgorithm\":\"ES256\",\"PrePublicationSeconds\":3}");
            assertThat(policy.path("SigningKeyPolicy").toString()).isEqualTo("{\"RotationPeriodDays\":0,"
                    + "\"PrePublicationSeconds\":3,\"PrePublicationIsDefault\":false,\"SigningAlgorithm\":\"ES256\"}");
            assertThat(header(pool.token())).as("the policy alone changes no key").isEqualTo(rsaKid + " RS256");
            assertThat(pool.jwks().getKeys()).allSatisfy(key -> assertThat(key.getKeyType().getValue()).isEqualTo("RSA"));

            JsonNode rotation = pool.rotate(false);
            String ecAccess = kid(rotation, "access");
            String ecId = kid(rotation, "id");
            rotation.path("SigningKeys").forEach(key -> {
                assertThat(key.path("Algorithm").asText()).isEqualTo("ES256");
                assertThat(key.path("State").asText()).isEqualTo("PENDING");
            });

            // Pre-published: the EC keys are in the JWKS, in Cognito's member order, before they sign.
            JsonNode jwks = JSON.readTree(pool.jwksResponse().body());
            List<String> ecMembers = new ArrayList<>();
            for (JsonNode key : jwks.path("keys")) {
                if (key.path("kid").asText().equals(ecAccess) || key.path("kid").asText().equals(ecId)) {
                    List<String> names = new ArrayList<>();
                    key.fieldNames().forEachRemaining(names::add);
                    ecMembers.add(String.join(",", names));
                    assertThat(key.path("kty").asText()).isEqualTo("EC");
                    assertThat(key.path("crv").asText()).isEqualTo("P-256");
                    assertThat(key.path("alg").asText()).isEqualTo("ES256");
                    assertThat(key.path("use").asText()).isEqualTo("sig");
                    assertThat(Base64.getUrlDecoder().decode(key.path("x").asText())).hasSize(32);
                    assertThat(Base64.getUrlDecoder().decode(key.path("y").asText())).hasSize(32);
                } else {
                    assertThat(key.path("kty").asText()).isEqualTo("RSA");
                }
            }
            assertThat(ecMembers).containsExactly("alg,crv,kid,kty,use,x,y", "alg,crv,kid,kty,use,x,y");
            assertThat(header(pool.token())).as("still the RSA key until the activation").isEqualTo(rsaKid + " RS256");
            assertThat(discovery(server, pool.poolId).path("id_token_signing_alg_values_supported").toString())
                    .isEqualTo("[\"RS256\",\"ES256\"]");

            RotationFixture.await(Duration.ofSeconds(15), () -> {
                try {
                    return header(pool.token()).equals(ecAccess + " ES256");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "tokens are signed by the new ES256 key");
            String ecToken = pool.token();
            assertThat(Base64.getUrlDecoder().decode(ecToken.substring(ecToken.lastIndexOf('.') + 1)))
                    .as("a JWS ES256 signature is R || S, 64 bytes").hasSize(64);

            // A verifier that reads only the discovery document: its algorithms and its jwks_uri.
            DefaultJWTProcessor<SecurityContext> independent = independentVerifier(server.issuer(pool.poolId));
            JWTClaimsSet ecClaims = independent.process(ecToken, null);
            assertThat(ecClaims.getSubject()).isEqualTo(pool.clientId);
            assertThat(ecClaims.getStringClaim("scope")).isEqualTo("api/read");
            assertThat(independent.process(rsaToken, null).getSubject()).as("the retired RSA key's token").isEqualTo(pool.clientId);
            assertThat(SignedJWT.parse(ecToken).getHeader().toJSONObject()).containsOnlyKeys("kid", "alg");

            JsonNode described = pool.gatehouseOk("DescribeSigningKeys", "{\"UserPoolId\":\"" + pool.poolId + "\"}");
            List<String> keys = new ArrayList<>();
            described.path("SigningKeys").forEach(key -> keys.add(key.path("Algorithm").asText() + " " + key.path("State").asText()));
            assertThat(keys).containsExactlyInAnyOrder("RS256 RETIRED", "RS256 RETIRED", "ES256 ACTIVE", "ES256 ACTIVE");
            assertThat(described.path("SigningKeyPolicy").path("SigningAlgorithm").asText()).isEqualTo("ES256");

            // Back to RS256: a policy without SigningAlgorithm is the default, and an emergency rotation applies it at once.
            pool.gatehouseOk("SetSigningKeyPolicy", "{\"UserPoolId\":\"" + pool.poolId + "\"}");
            String rsaAgain = kid(pool.rotate(true), "access");
            assertThat(header(pool.token())).isEqualTo(rsaAgain + " RS256");
            assertThat(pool.jwksKids()).as("the emergency rotation revoked the EC keys").doesNotContain(ecAccess, ecId);
            assertThat(discovery(server, pool.poolId).path("id_token_signing_alg_values_supported").toString())
                    .isEqualTo("[\"RS256\"]");
        }
    }

    /** "{kid} {alg}" of a token's header. */
    private static String header(String token) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        return jwt.getHeader().getKeyID() + " " + jwt.getHeader().getAlgorithm().getName();
    }

    private static JsonNode discovery(TestServer server, String poolId) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(server.issuer(poolId) + "/.well-known/openid-configuration")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /**
     * Nimbus as a resource server would set it up from {@code {issuer}/.well-known/openid-configuration}:
     * the algorithms it lists, the keys at its {@code jwks_uri} (Nimbus's own fetching), the issuer and
     * Cognito's access-token claims required.
     */
    private static DefaultJWTProcessor<SecurityContext> independentVerifier(String issuer) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(issuer + "/.well-known/openid-configuration")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode discovery = JSON.readTree(response.body());
        assertThat(discovery.path("issuer").asText()).isEqualTo(issuer);
        Set<JWSAlgorithm> algorithms = new HashSet<>();
        discovery.path("id_token_signing_alg_values_supported").forEach(alg -> algorithms.add(JWSAlgorithm.parse(alg.asText())));
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms,
                JWKSourceBuilder.create(URI.create(discovery.path("jwks_uri").asText()).toURL()).build()));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(null,
                new JWTClaimsSet.Builder().issuer(issuer).claim("token_use", "access").build(),
                Set.of("iss", "exp", "iat", "sub", "client_id", "token_use", "scope", "jti", "version", "auth_time")));
        return processor;
    }
}
