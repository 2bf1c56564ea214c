package dev.gatehouse.gateway.auth;

import dev.gatehouse.gateway.GatewayError;
import dev.gatehouse.model.api.ApiMethod;
import dev.gatehouse.model.api.Authorizer;
import dev.gatehouse.store.DirectoryHolder;
import dev.gatehouse.token.AccessTokenVerifier;
import dev.gatehouse.token.TokenRefusal;
import dev.gatehouse.token.TokenVerification;
import dev.gatehouse.token.VerifiedAccessToken;
import io.vertx.core.Future;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Gatehouse's {@code JWT} authorizer with API Gateway HTTP API semantics (SPEC §6.4): {@code iss} equals
 * the configured issuer exactly; {@code aud} (when present) or else {@code client_id} must be one of the
 * configured audience (an empty audience list admits nobody); a method with scopes needs any one of them
 * in {@code scope} (or {@code scp}), else 403 {@code Forbidden}; every other failure 401 {@code Unauthorized}.
 * Issuers that are Gatehouse's own pools are verified in memory (access tokens, revocation included);
 * any other issuer through {@link RemoteJwks}.
 */
public final class JwtAuthorizer {

    private final AccessTokenVerifier localVerifier;
    private final DirectoryHolder directory;
    private final Supplier<String> issuerBaseUrl;
    private final RemoteJwtVerifier remote;

    public JwtAuthorizer(AccessTokenVerifier localVerifier, DirectoryHolder directory, Supplier<String> issuerBaseUrl,
                         RemoteJwks jwks, Clock clock) {
        this.localVerifier = localVerifier;
        this.directory = directory;
        this.issuerBaseUrl = issuerBaseUrl;
        this.remote = new RemoteJwtVerifier(jwks, clock);
    }

    public Future<AuthDecision> decide(Authorizer authorizer, ApiMethod method, String token) {
        if (token == null) {
            return Future.succeededFuture(AuthDecision.deny(GatewayError.noToken("no_token")));
        }
        String issuer = authorizer.jwtIssuer();
        if (issuer == null || issuer.isEmpty()) {
            return Future.succeededFuture(AuthDecision.deny(GatewayError.unauthorized("no_issuer_configured")));
        }
        String localPool = localPool(issuer);
        if (localPool != null) {
            TokenVerification verification = localVerifier.verify(token, localPool);
            if (verification instanceof TokenRefusal refusal) {
                return Future.succeededFuture(AuthDecision.deny(GatewayError.unauthorized(refusal.code())));
            }
            VerifiedAccessToken verified = (VerifiedAccessToken) verification;
            return Future.succeededFuture(authorize(authorizer, method, verified.claims()));
        }
        return remote.verify(issuer, token).map(result -> result.refusal() != null
                ? AuthDecision.deny(GatewayError.unauthorized(result.refusal()))
                : authorize(authorizer, method, result.claims()));
    }

    private static AuthDecision authorize(Authorizer authorizer, ApiMethod method, Map<String, Object> claims) {
        String clientId = claims.get("client_id") instanceof String id ? id : null;
        if (!audienceMatches(authorizer.jwtAudience(), claims)) {
            return AuthDecision.deny(GatewayError.unauthorized("aud_mismatch"), clientId);
        }
        if (!method.authorizationScopes().isEmpty() && !Scopes.anyOf(method.authorizationScopes(), claims, true)) {
            return AuthDecision.deny(GatewayError.forbidden("scope_mismatch"), clientId);
        }
        return AuthDecision.allow(claims, clientId);
    }

    /** {@code aud} wins when present (string or array of strings); {@code client_id} only when it is absent. */
    static boolean audienceMatches(List<String> audience, Map<String, Object> claims) {
        if (claims.containsKey("aud")) {
            Object aud = claims.get("aud");
            if (aud instanceof String single) {
                return audience.contains(single);
            }
            if (aud instanceof List<?> many) {
                return many.stream().anyMatch(item -> item instanceof String s && audience.contains(s));
            }
            return false;
        }
        return claims.get("client_id") instanceof String clientId && audience.contains(clientId);
    }

    /** The pool id when the issuer is exactly one of Gatehouse's own pools, else null. */
    private String localPool(String issuer) {
        String base = issuerBaseUrl.get();
        if (base == null || !issuer.startsWith(base + "/")) {
            return null;
        }
        String poolId = issuer.substring(base.length() + 1);
        return directory.current().pool(poolId).isPresent() ? poolId : null;
    }
}
