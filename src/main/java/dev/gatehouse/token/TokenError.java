package dev.gatehouse.token;

import java.util.Objects;

/**
 * The closed catalogue of token-request refusals, named as RFC 6749 §5.2 names them. Each edge
 * renders a code its own way (the OAuth endpoint as {@code {"error": …}}, GetClientToken as a
 * Cognito exception), so nothing here mentions HTTP. The optional description is a fixed, short
 * text that never says whether a client exists.
 */
public final class TokenError extends RuntimeException {

    public enum Code {
        INVALID_REQUEST("invalid_request"),
        INVALID_CLIENT("invalid_client"),
        INVALID_GRANT("invalid_grant"),
        UNAUTHORIZED_CLIENT("unauthorized_client"),
        UNSUPPORTED_GRANT_TYPE("unsupported_grant_type"),
        INVALID_SCOPE("invalid_scope"),
        TEMPORARILY_UNAVAILABLE("temporarily_unavailable"),
        /**
         * Too many failed authentications or tokens: HTTP 429 with {@code Retry-After} (RFC 6585
         * §4). RFC 6749 §5.2 has no code for it; {@code temporarily_unavailable} (§4.1.2.1) says
         * "try later" without RFC 8628's device-flow meaning of {@code slow_down}.
         */
        THROTTLED("temporarily_unavailable");

        private final String wireName;

        Code(String wireName) {
            this.wireName = wireName;
        }

        /** The {@code error} value of RFC 6749 §5.2. */
        public String wireName() {
            return wireName;
        }
    }

    private final Code code;
    private final String description;
    private final long retryAfterSeconds;

    private TokenError(Code code, String description) {
        this(code, description, 0);
    }

    private TokenError(Code code, String description, long retryAfterSeconds) {
        super(code.wireName(), null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.description = description;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static TokenError of(Code code) {
        return new TokenError(code, null);
    }

    public static TokenError of(Code code, String description) {
        return new TokenError(code, description);
    }

    public static TokenError invalidRequest(String description) {
        return new TokenError(Code.INVALID_REQUEST, description);
    }

    public static TokenError invalidClient() {
        return new TokenError(Code.INVALID_CLIENT, null);
    }

    public static TokenError invalidScope() {
        return new TokenError(Code.INVALID_SCOPE, null);
    }

    /** Refused by a throttle: try again after {@code seconds} (at least 1). */
    public static TokenError throttled(long seconds) {
        return new TokenError(Code.THROTTLED, null, Math.max(1, seconds));
    }

    public Code code() {
        return code;
    }

    /** Seconds the caller should wait ({@code Retry-After}); 0 unless {@link Code#THROTTLED}. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** A fixed explanation, or null. */
    public String description() {
        return description;
    }
}
