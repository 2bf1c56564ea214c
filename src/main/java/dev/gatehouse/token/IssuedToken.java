package dev.gatehouse.token;

import java.util.Objects;

/**
 * A signed access token and what the response around it says.
 *
 * @param expiresIn seconds until {@code exp}
 * @param scope     the granted scopes, space-separated (in the token; Cognito's token response omits it)
 */
public record IssuedToken(String accessToken, long expiresIn, String tokenType, String scope) {

    public static final String BEARER = "Bearer";

    public IssuedToken {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(tokenType, "tokenType");
        Objects.requireNonNull(scope, "scope");
    }

    @Override
    public String toString() {
        return "IssuedToken[expiresIn=" + expiresIn + ", scope=" + scope + "]";
    }
}
