package dev.gatehouse.gateway;

/**
 * A gateway refusal as API Gateway writes it (SPEC §6.1): status, {@code {"message": ...}},
 * {@code x-amzn-ErrorType}; plus the RFC 6750 §3 {@code WWW-Authenticate} challenge on 401/403
 * (DESIGN §8) and a stable reason code for the access log, never shown to the caller.
 *
 * @param wwwAuthenticate null for none
 */
public record GatewayError(int status, String message, String errorType, String wwwAuthenticate, String reason) {

    public static final String BEARER = "Bearer";
    public static final String INVALID_TOKEN = "Bearer error=\"invalid_token\"";
    public static final String INSUFFICIENT_SCOPE = "Bearer error=\"insufficient_scope\"";
    public static final String INVALID_REQUEST = "Bearer error=\"invalid_request\"";

    /** Unknown API, stage, resource or method (gateway response MISSING_AUTHENTICATION_TOKEN). */
    public static GatewayError missingAuthenticationToken(String reason) {
        return new GatewayError(403, "Missing Authentication Token", "MissingAuthenticationTokenException", BEARER, reason);
    }

    /** No credentials at all: a bare challenge (RFC 6750 §3.1). */
    public static GatewayError noToken(String reason) {
        return new GatewayError(401, "Unauthorized", "UnauthorizedException", BEARER, reason);
    }

    public static GatewayError unauthorized(String reason) {
        return new GatewayError(401, "Unauthorized", "UnauthorizedException", INVALID_TOKEN, reason);
    }

    public static GatewayError expired() {
        return new GatewayError(401, "The incoming token has expired", "UnauthorizedException",
                "Bearer error=\"invalid_token\", error_description=\"The incoming token has expired\"", "expired");
    }

    /**
     * REST COGNITO_USER_POOLS: a valid token without a method scope is 401 {@code Unauthorized} on AWS
     * (SPEC §6.1); the challenge still says which (RFC 6750 §3.1), so a client does not fetch a new
     * token in vain.
     */
    public static GatewayError scopeUnauthorized(String reason) {
        return new GatewayError(401, "Unauthorized", "UnauthorizedException", INSUFFICIENT_SCOPE, reason);
    }

    /** HTTP API JWT authorizer: a valid token without a route scope (SPEC §6.4). */
    public static GatewayError forbidden(String reason) {
        return new GatewayError(403, "Forbidden", "AccessDeniedException", INSUFFICIENT_SCOPE, reason);
    }

    /** Authorization types Gatehouse stores but does not run (AWS_IAM, CUSTOM): refused, never a 500. */
    public static GatewayError unsupportedAuthorization(String reason) {
        return new GatewayError(403, "Forbidden", "AccessDeniedException", null, reason);
    }

    public static GatewayError badRequest(String reason) {
        return new GatewayError(400, "Bad Request", "BadRequestException", null, reason);
    }

    /** Credentials sent more than one way or twice (RFC 6750 §2, §3.1): 400 with the {@code invalid_request} challenge. */
    public static GatewayError invalidRequest(String reason) {
        return new GatewayError(400, "Bad Request", "BadRequestException", INVALID_REQUEST, reason);
    }

    public static GatewayError tooManyRequests(String reason) {
        return new GatewayError(429, "Too Many Requests", "TooManyRequestsException", null, reason);
    }

    public static GatewayError timeout() {
        return new GatewayError(504, "Endpoint request timed out", "InternalServerErrorException", null,
                "integration_timeout");
    }

    public static GatewayError integrationFailure(String reason) {
        return new GatewayError(502, "Internal server error", "InternalServerErrorException", null, reason);
    }

    public static GatewayError internal(String reason) {
        return new GatewayError(500, "Internal server error", "InternalServerErrorException", null, reason);
    }

    /** The JSON body; messages are constants, so no escaping is needed. */
    public String body() {
        return "{\"message\":\"" + message + "\"}";
    }
}
