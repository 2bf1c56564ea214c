package dev.gatehouse.token;

/**
 * What {@link AccessTokenVerifier} decided: a {@link VerifiedAccessToken} or a
 * {@link TokenRefusal}. A value, not an exception, so a flood of bad tokens costs no stack traces.
 */
public sealed interface TokenVerification permits VerifiedAccessToken, TokenRefusal {

    default boolean valid() {
        return this instanceof VerifiedAccessToken;
    }
}
