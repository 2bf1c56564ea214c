package dev.gatehouse.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.gatehouse.model.KeyPurpose;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static dev.gatehouse.oauth.OAuthFixtures.CID_A;
import static dev.gatehouse.oauth.OAuthFixtures.CID_SHORT;
import static dev.gatehouse.oauth.OAuthFixtures.POOL_A;
import static dev.gatehouse.oauth.OAuthFixtures.POOL_B;
import static dev.gatehouse.oauth.OAuthFixtures.SEC_A;
import static dev.gatehouse.oauth.OAuthFixtures.SEC_SHORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issued tokens verified by an off-the-shelf verifier (Nimbus) that knows only the discovery URL,
 * as API Gateway's JWT authorizer and aws-jwt-verify do (SPEC §2.4, §2.6), plus the key rules of
 * SECURITY KS-01, KS-03, KS-05 and KS-07.
 */
class TokenVerificationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> CLAIM_ORDER = List.of(
            "sub", "token_use", "scope", "auth_time", "iss", "exp", "iat", "version", "jti", "client_id");

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void verifyWhenOnlyDiscoveryUrlKnownThenEveryClaimExact(TestDatabase database) throws Exception {
        try (TestServer server = TestServer.start(database)) {
            OAuthFixtures.create(server);
            String issuer = server.issuer(POOL_A);
            HttpResponse<String> discovery = get(issuer + "/.well-known/openid-configuration");
            assertThat(discovery.statusCode()).isEqualTo(200);
            JsonNode config = JSON.readTree(discovery.body());
            assertThat(names(config)).containsExactly("id_token_signing_alg_values_supported",
                    "introspection_endpoint", "introspection_endpoint_auth_methods_supported", "issuer", "jwks_uri",
                    "response_types_supported", "revocation_endpoint", "revocation_endpoint_auth_methods_supported",
                    "scopes_supported", "subject_types_supported", "token_endpoint",
                    "token_endpoint_auth_methods_supported");
            assertThat(config.get("revocation_endpoint").textValue())
                    .isEqualTo("http://pool-a.auth.us-east-1.localhost:" + server.port() + "/oauth2/revoke");
            assertThat(config.get("introspection_endpoint").textValue())
                    .isEqualTo("http://pool-a.auth.us-east-1.localhost:" + server.port() + "/oauth2/introspect");
            assertThat(config.get("issuer").textValue()).isEqualTo(issuer);
            assertThat(config.get("jwks_uri").textValue()).isEqualTo(issuer + "/.well-known/jwks.json");
            assertThat(config.get("token_endpoint").textValue())
                    .isEqualTo("http://pool-a.auth.us-east-1.localhost:" + server.port() + "/oauth2/token");
            assertThat(config.get("token_endpoint_auth_methods_supported").toString())
                    .isEqualTo("[\"client_secret_basic\",\"client_secret_post\"]");
            assertThat(config.get("id_token_signing_alg_values_supported").toString()).isEqualTo("[\"RS256\"]");

            String token = token(server, CID_A, SEC_A, "");
            JWTClaimsSet claims = verifier(new URL(config.get("jwks_uri").textValue()), issuer, CID_A, "api/read api/write")
                    .process(token, null);

            assertThat(claims.getClaims().keySet()).containsExactlyInAnyOrderElementsOf(CLAIM_ORDER);
            String[] parts = token.split("\\.");
            String header = decode(parts[0]);
            assertThat(header).matches("^\\{\"kid\":\"[A-Za-z0-9+/]{43}=\",\"alg\":\"RS256\"}$");
            JsonNode payload = JSON.readTree(decode(parts[1]));
            assertThat(names(payload)).containsExactlyElementsOf(CLAIM_ORDER);
            assertThat(payload.get("sub").textValue()).isEqualTo(CID_A);
            assertThat(payload.get("client_id").textValue()).isEqualTo(CID_A);
            assertThat(payload.get("token_use").textValue()).isEqualTo("access");
            // api/gone is allowed on the client but no longer defined: silently dropped (SPEC §1.4)
            assertThat(payload.get("scope").textValue()).isEqualTo("api/read api/write");
            assertThat(payload.get("iss").textValue()).isEqualTo(issuer);
            assertThat(payload.get("version").isInt()).isTrue();
            assertThat(payload.get("version").intValue()).isEqualTo(2);
            for (String time : List.of("auth_time", "iat", "exp")) {
                assertThat(payload.get(time).isIntegralNumber()).as(time).isTrue();
            }
            assertThat(payload.get("auth_time").longValue()).isEqualTo(payload.get("iat").longValue());
            assertThat(payload.get("exp").longValue() - payload.get("iat").longValue()).isEqualTo(3600);
            assertThat(payload.get("iat").longValue()).isBetween(System.currentTimeMillis() / 1000 - 60,
                    System.currentTimeMillis() / 1000 + 1);
            assertThat(payload.get("jti").textValue())
                    .matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");

            // The access key signs; the ID-token key is published beside it (SPEC §2.3).
            String accessKid = server.server().components().directory().current().pool(POOL_A).orElseThrow()
                    .activeKey(KeyPurpose.ACCESS, java.time.Instant.now()).orElseThrow().kid();
            assertThat(SignedJWT.parse(token).getHeader().getKeyID()).isEqualTo(accessKid);

            String shortToken = token(server, CID_SHORT, SEC_SHORT, "scope=api%2Fwrite");
            JsonNode shortPayload = JSON.readTree(decode(shortToken.split("\\.")[1]));
            assertThat(shortPayload.get("exp").longValue() - shortPayload.get("iat").longValue()).isEqualTo(900);

            // A verifier expecting another pool's issuer refuses it.
            assertThatThrownBy(() -> verifier(new URL(config.get("jwks_uri").textValue()), server.issuer(POOL_B),
                    CID_A, "api/read api/write").process(token, null)).hasMessageContaining("iss");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void jwksWhenFetchedThenPublicRsa2048KeysOnlyAndDisjointPerPool(TestDatabase database) throws Exception {
        try (TestServer server = TestServer.start(database)) {
            OAuthFixtures.create(server);
            HttpResponse<String> responseA = get(server.issuer(POOL_A) + "/.well-known/jwks.json");
            assertThat(responseA.statusCode()).isEqualTo(200);
            assertThat(responseA.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(responseA.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
            assertThat(responseA.headers().firstValue("Set-Cookie")).isEmpty();

            Set<String> kidsA = checkKeys(responseA.body());
            Set<String> kidsB = checkKeys(get(server.issuer(POOL_B) + "/.well-known/jwks.json").body());
            assertThat(kidsA).hasSize(2).doesNotContainAnyElementsOf(kidsB);
            assertThat(kidsB).hasSize(2);
            // Rendered once per key list: the same document again
            assertThat(get(server.issuer(POOL_A) + "/.well-known/jwks.json").body()).isEqualTo(responseA.body());

            HttpResponse<String> unknown = get(server.issuer("us-east-1_ZZZZZZZZZ") + "/.well-known/jwks.json");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).isEqualTo("{\"message\":\"User pool us-east-1_ZZZZZZZZZ does not exist.\"}");
            HttpResponse<String> unknownConfig = get(server.issuer("us-east-1_ZZZZZZZZZ") + "/.well-known/openid-configuration");
            assertThat(unknownConfig.statusCode()).isEqualTo(404);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void verifyWhenServerRestartedOnSameDataThenOldTokenStillVerifies(TestDatabase database) throws Exception {
        Path dataDir = Files.createTempDirectory("gatehouse-restart");
        // Without a configured PostgreSQL, TestServer.start skips the case; there is then no schema to drop.
        String schema = database == TestDatabase.POSTGRES && TestDatabase.postgresConfigured()
                ? TestDatabase.freshSchema() : null;
        String issuerBase = "http://issuer.gatehouse.test";
        try {
            String token;
            try (TestServer first = TestServer.start(database, c -> same(c, dataDir, schema, issuerBase))) {
                OAuthFixtures.create(first);
                token = token(first, CID_A, SEC_A, "scope=api%2Fread");
            }
            try (TestServer second = TestServer.start(database, c -> same(c, dataDir, schema, issuerBase))) {
                URL jwks = new URL(second.baseUrl() + "/" + POOL_A + "/.well-known/jwks.json");
                JWTClaimsSet claims = verifier(jwks, issuerBase + "/" + POOL_A, CID_A, "api/read").process(token, null);
                assertThat(claims.getSubject()).isEqualTo(CID_A);
            }
        } finally {
            if (schema != null) {
                TestDatabase.drop(schema);
            }
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static dev.gatehouse.config.GatehouseConfig same(dev.gatehouse.config.GatehouseConfig config, Path dataDir,
                                                             String schema, String issuerBase) {
        dev.gatehouse.config.GatehouseConfig changed = config.withDataDir(dataDir).withIssuerBaseUrl(issuerBase);
        return schema == null ? changed : changed.withDatabase(TestDatabase.postgresUrl(), null, null, schema);
    }

    private static Set<String> checkKeys(String jwks) throws Exception {
        JsonNode keys = JSON.readTree(jwks).get("keys");
        Set<String> kids = new HashSet<>();
        for (JsonNode key : keys) {
            // KS-01: public members only, in Cognito's alphabetical order
            assertThat(names(key)).containsExactly("alg", "e", "kid", "kty", "n", "use");
            assertThat(key.get("alg").textValue()).isEqualTo("RS256");
            assertThat(key.get("use").textValue()).isEqualTo("sig");
            assertThat(key.get("kty").textValue()).isEqualTo("RSA");
            String kid = key.get("kid").textValue();
            assertThat(kid).hasSize(44);
            assertThat(Base64.getDecoder().decode(kid)).hasSize(32);
            kids.add(kid);
        }
        for (JWK jwk : JWKSet.parse(jwks).getKeys()) {
            RSAKey rsa = jwk.toRSAKey();
            assertThat(rsa.isPrivate()).isFalse();
            assertThat(rsa.size()).isEqualTo(2048); // KS-07
            assertThat(rsa.getPublicExponent().decodeToBigInteger()).isEqualTo(BigInteger.valueOf(65537));
        }
        return kids;
    }

    private static DefaultJWTProcessor<SecurityContext> verifier(URL jwksUri, String issuer, String clientId,
                                                                 String scope) {
        JWKSource<SecurityContext> source = JWKSourceBuilder.create(jwksUri).retrying(false).build();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, source));
        JWTClaimsSet exact = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(clientId)
                .claim("client_id", clientId)
                .claim("token_use", "access")
                .claim("scope", scope)
                .claim("version", 2L)
                .build();
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(null, exact,
                new HashSet<>(CLAIM_ORDER), Set.of("aud", "username", "origin_jti", "event_id", "nbf")));
        return processor;
    }

    private static String token(TestServer server, String id, String secret, String extra) throws Exception {
        String body = "grant_type=client_credentials" + (extra.isEmpty() ? "" : "&" + extra);
        RawHttp.Response response = RawHttp.token(server.port(), "localhost:" + server.port(), body,
                RawHttp.basic(id, secret), "Content-Type: application/x-www-form-urlencoded");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("access_token").textValue();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
