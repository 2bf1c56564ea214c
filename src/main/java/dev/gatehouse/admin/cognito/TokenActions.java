package dev.gatehouse.admin.cognito;

import dev.gatehouse.token.TokenIssuer;

import java.util.Map;

/** The Cognito actions that issue tokens. */
public final class TokenActions {

    private TokenActions() {
    }

    public static Map<String, CognitoAction> create(TokenIssuer issuer) {
        return Map.of("GetClientToken", new GetClientToken(issuer));
    }
}
