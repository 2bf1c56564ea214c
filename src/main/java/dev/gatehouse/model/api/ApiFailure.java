package dev.gatehouse.model.api;

/**
 * The closed set of ways API Gateway refuses a management request; the REST adapter maps each kind
 * to its exception type and HTTP status, so business rules never mention wire formats.
 */
public final class ApiFailure extends RuntimeException {

    public enum Kind {
        BAD_REQUEST,
        NOT_FOUND,
        CONFLICT,
        LIMIT_EXCEEDED
    }

    private final Kind kind;

    public ApiFailure(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static ApiFailure badRequest(String message) {
        return new ApiFailure(Kind.BAD_REQUEST, message);
    }

    public static ApiFailure notFound(String message) {
        return new ApiFailure(Kind.NOT_FOUND, message);
    }

    public static ApiFailure conflict(String message) {
        return new ApiFailure(Kind.CONFLICT, message);
    }
}
