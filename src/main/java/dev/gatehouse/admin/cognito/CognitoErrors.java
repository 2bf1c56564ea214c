package dev.gatehouse.admin.cognito;

import dev.gatehouse.model.Failure;

/**
 * Maps business failures to Cognito's exception names. On the wire every client error is HTTP 400
 * (observed on real AWS, SPEC §4.1); only InternalErrorException is 500.
 */
final class CognitoErrors {

    private CognitoErrors() {
    }

    static CognitoException from(Failure failure) {
        return new CognitoException(typeOf(failure.kind()), 400, failure.getMessage());
    }

    static String typeOf(Failure.Kind kind) {
        return switch (kind) {
            case INVALID_PARAMETER -> "InvalidParameterException";
            case RESOURCE_NOT_FOUND -> "ResourceNotFoundException";
            case INVALID_OAUTH_FLOW -> "InvalidOAuthFlowException";
            case SCOPE_DOES_NOT_EXIST -> "ScopeDoesNotExistException";
            case LIMIT_EXCEEDED -> "LimitExceededException";
            case CONCURRENT_MODIFICATION -> "ConcurrentModificationException";
            case NOT_AUTHORIZED -> "NotAuthorizedException";
            case UNSUPPORTED_OPERATION -> "UnsupportedOperationException";
            case TOO_MANY_REQUESTS -> "TooManyRequestsException";
        };
    }

    static CognitoException internal() {
        return new CognitoException("InternalErrorException", 500,
                "Gatehouse could not complete the request; nothing was changed. See the server log.");
    }
}
