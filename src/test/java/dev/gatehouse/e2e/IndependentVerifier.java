package dev.gatehouse.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A resource server's verifier that knows nothing of Gatehouse: the JWKS location comes from the
 * discovery document, the keys from that URL (Nimbus's own fetching and caching), and every one of
 * Cognito's ten access-token claims is required.
 */
final class IndependentVerifier {

    /** The claims of a Cognito client-credentials access token (SPEC §2.1). */
    static final List<String> CLAIMS = List.of(
            "iss", "exp", "iat", "sub", "client_id", "token_use", "scope", "jti", "version", "auth_time");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    private IndependentVerifier(URL jwksUri, String issuer) {
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(jwksUri).build();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(null,
                new JWTClaimsSet.Builder().issuer(issuer).claim("token_use", "access").build(),
                new HashSet<>(CLAIMS)));
    }

    /** Reads {@code {issuer}/.well-known/openid-configuration} and trusts the {@code jwks_uri} it names. */
    static IndependentVerifier fromDiscovery(String issuer) throws Exception {
        JsonNode discovery = JSON.readTree(get(issuer + "/.well-known/openid-configuration").body());
        if (!issuer.equals(discovery.path("issuer").textValue())) {
            throw new IllegalStateException("discovery names another issuer: " + discovery);
        }
        return new IndependentVerifier(new URL(discovery.get("jwks_uri").textValue()), issuer);
    }

    /** Trusts the JWK Set at {@code jwksUri} for tokens of {@code issuer} (a cluster's shared issuer). */
    static IndependentVerifier fromJwks(String jwksUri, String issuer) throws Exception {
        return new IndependentVerifier(new URL(jwksUri), issuer);
    }

    JWTClaimsSet verify(String token) throws Exception {
        return processor.process(token, null);
    }

    static Set<String> claimNames(JWTClaimsSet claims) {
        return claims.getClaims().keySet();
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
