package dev.gatehouse.model;

/**
 * The closed set of ways a management request can be refused. Each protocol adapter maps a kind to
 * its own wire name (Cognito: {@code InvalidParameterException}, ...), so business rules never
 * mention wire formats.
 */
public final class Failure extends RuntimeException {

    public enum Kind {
        INVALID_PARAMETER,
        RESOURCE_NOT_FOUND,
        INVALID_OAUTH_FLOW,
        SCOPE_DOES_NOT_EXIST,
        LIMIT_EXCEEDED,
        CONCURRENT_MODIFICATION,
        NOT_AUTHORIZED,
        UNSUPPORTED_OPERATION,
        TOO_MANY_REQUESTS
    }

    private final Kind kind;

    public Failure(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static Failure invalidParameter(String message) {
        return new Failure(Kind.INVALID_PARAMETER, message);
    }

    public static Failure notFound(String message) {
        return new Failure(Kind.RESOURCE_NOT_FOUND, message);
    }

    public static Failure invalidOAuthFlow(String message) {
        return new Failure(Kind.INVALID_OAUTH_FLOW, message);
    }

    public static Failure limitExceeded(String message) {
        return new Failure(Kind.LIMIT_EXCEEDED, message);
    }
}
