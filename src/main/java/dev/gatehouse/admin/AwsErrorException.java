package dev.gatehouse.admin;

/**
 * An error as an AWS protocol answers it: the error type ({@code __type}, {@code x-amzn-ErrorType}),
 * the HTTP status and the message. Each protocol has its own subclass, which only its endpoint
 * renders, in its own shape. No stack trace is captured: refusals are ordinary outcomes.
 */
public abstract class AwsErrorException extends RuntimeException {

    private final String type;
    private final int status;

    protected AwsErrorException(String type, int status, String message) {
        super(message, null, false, false);
        this.type = type;
        this.status = status;
    }

    public final String type() {
        return type;
    }

    public final int status() {
        return status;
    }
}
