package dev.gatehouse.admin.cognito;

import dev.gatehouse.admin.AwsErrorException;

/**
 * A refusal in the AWS JSON 1.1 error shape {@code {"__type": type, "message": message}}, for
 * protocol-level errors that are not business rules (unknown operation, serialization, SigV4).
 */
public final class CognitoException extends AwsErrorException {

    public CognitoException(String type, int status, String message) {
        super(type, status, message);
    }

    public static CognitoException invalidParameter(String message) {
        return new CognitoException("InvalidParameterException", 400, message);
    }
}
