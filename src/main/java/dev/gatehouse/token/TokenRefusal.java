package dev.gatehouse.token;

/**
 * Why an access token was refused, as a stable code for logs and metrics. Callers answer every
 * refusal the same way to the outside (RFC 6750 {@code invalid_token}, RFC 7662
 * {@code active:false}): the code is for operators, never for the presenter of the token.
 */
public enum TokenRefusal implements TokenVerification {
    /** Not a compact JWS of three strict base64url parts with JSON object header and payload. */
    MALFORMED("malformed"),
    /** A header algorithm other than the key's (none, HS*, ES*, …) or an unsupported header member. */
    UNSUPPORTED_ALGORITHM("unsupported_alg"),
    /** {@code iss} is not exactly issuer base + "/" + a pool this server knows (or the expected one). */
    UNKNOWN_ISSUER("unknown_issuer"),
    /** The {@code kid} is not an access-token key published by that pool. */
    UNKNOWN_KID("unknown_kid"),
    BAD_SIGNATURE("bad_signature"),
    /** A required claim is missing or has the wrong JSON type. */
    INVALID_CLAIMS("invalid_claims"),
    EXPIRED("expired"),
    NOT_YET_VALID("not_yet_valid"),
    ISSUED_IN_FUTURE("issued_in_future"),
    WRONG_TOKEN_USE("wrong_token_use"),
    /** The client no longer exists in the pool (deleted: its tokens die with it). */
    UNKNOWN_CLIENT("unknown_client"),
    DISABLED_CLIENT("disabled_client"),
    REVOKED("revoked");

    private final String code;

    TokenRefusal(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
