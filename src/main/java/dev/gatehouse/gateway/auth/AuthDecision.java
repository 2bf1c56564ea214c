package dev.gatehouse.gateway.auth;

import dev.gatehouse.gateway.GatewayError;

import java.util.Map;

/**
 * The outcome of the authenticate + authorize stages: the caller's claims (empty for methods
 * without authorization) or the refusal.
 *
 * @param claims   the verified token's claims, for {@code context.authorizer.claims.*} mappings
 * @param clientId for the access log; null when unknown
 * @param error    null when allowed
 */
public record AuthDecision(Map<String, Object> claims, String clientId, GatewayError error) {

    public static final AuthDecision ANONYMOUS = new AuthDecision(Map.of(), null, null);

    public static AuthDecision allow(Map<String, Object> claims, String clientId) {
        return new AuthDecision(claims, clientId, null);
    }

    public static AuthDecision deny(GatewayError error) {
        return new AuthDecision(Map.of(), null, error);
    }

    public static AuthDecision deny(GatewayError error, String clientId) {
        return new AuthDecision(Map.of(), clientId, error);
    }

    public boolean allowed() {
        return error == null;
    }
}
