package dev.gatehouse.admin.cognito;

/**
 * A refusal in the AWS JSON 1.1 error shape {@code {"__type": type, "message": message}}, for
 * protocol-level errors that are not business rules (unknown operation, serialization, SigV4).
 */
public final class CognitoException extends RuntimeException {

    private final String type;
    private final int status;

    public CognitoException(String type, int status, String message) {
        super(message, null, false, false);
        this.type = type;
        this.status = status;
    }

    public String type() {
        return type;
    }

    public int status() {
        return status;
    }

    public static CognitoException invalidParameter(String message) {
        return new CognitoException("InvalidParameterException", 400, message);
    }
}
