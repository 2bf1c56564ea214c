package dev.gatehouse.oauth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.SharedMapper;
import dev.gatehouse.token.AccessTokenVerifier;
import dev.gatehouse.token.IssuedToken;
import dev.gatehouse.token.TokenError;
import dev.gatehouse.token.TokenVerification;
import dev.gatehouse.token.VerifiedAccessToken;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.util.Objects;

/**
 * {@code POST /oauth2/introspect} (RFC 7662) — Gatehouse's addition; Cognito has none. Only an
 * authenticated client of a pool may ask (§2.1, §4: no anonymous token fishing), and it learns
 * only about tokens of its own pool: anything else — expired, revoked, of a deleted or disabled
 * client, of another pool, not a token at all — is {@code {"active":false}} and nothing more
 * (§2.2). Reads memory only, so it runs on the event loop.
 */
public final class IntrospectionEndpoint {

    static final String INACTIVE = "{\"active\":false}";

    private final AuthenticatedForms forms;
    private final AccessTokenVerifier verifier;
    private final Clock clock;

    IntrospectionEndpoint(AuthenticatedForms forms, AccessTokenVerifier verifier, Clock clock) {
        this.forms = Objects.requireNonNull(forms, "forms");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void handle(RoutingContext ctx) {
        forms.handle(ctx, "introspect", this::introspect);
    }

    private void introspect(AuthenticatedForms.Request request) {
        String token = request.form().get("token");
        if (token == null || token.isEmpty()) {
            throw TokenError.invalidRequest("token is required."); // RFC 7662 §2.1: REQUIRED
        }
        TokenVerification verification = verifier.verify(token, request.client().poolId());
        String body = verification instanceof VerifiedAccessToken verified ? active(verified) : INACTIVE;
        OAuthResponses.success(request.ctx().response(), request.requestId(), clock, body);
    }

    /** RFC 7662 §2.2 members, from the verified claims. */
    private String active(VerifiedAccessToken token) {
        ObjectNode body = SharedMapper.get().createObjectNode();
        body.put("active", true);
        String scope = token.stringClaim("scope");
        if (scope != null) {
            body.put("scope", scope);
        }
        body.put("client_id", token.clientId());
        body.put("token_type", IssuedToken.BEARER);
        body.put("exp", token.exp());
        body.put("iat", token.iat());
        String sub = token.stringClaim("sub");
        if (sub != null) {
            body.put("sub", sub);
        }
        body.put("iss", token.stringClaim("iss"));
        body.put("jti", token.jti());
        body.put("token_use", "access");
        try {
            return SharedMapper.get().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
