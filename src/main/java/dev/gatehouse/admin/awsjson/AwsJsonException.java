package dev.gatehouse.admin.awsjson;

import java.util.Objects;
import java.util.Optional;

/**
 * A request the AWS JSON protocol layer refuses, carrying what goes on the wire: the bare error type
 * ({@code __type}), the HTTP status and the message, if AWS sends one.
 *
 * <p>{@link #getMessage()} is safe to log: it is the wire message or a short diagnostic written here,
 * never a parser message, so it never echoes request bytes beyond what the wire message echoes.
 */
public final class AwsJsonException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public static final String SERIALIZATION_EXCEPTION = "SerializationException";
    public static final String INVALID_PARAMETER_EXCEPTION = "InvalidParameterException";
    public static final String UNKNOWN_OPERATION_EXCEPTION = "UnknownOperationException";

    private static final int BAD_REQUEST = 400;

    private final String errorType;
    private final int httpStatus;
    private final String wireMessage;

    private AwsJsonException(String errorType, int httpStatus, String wireMessage, String diagnostic) {
        super(wireMessage != null ? wireMessage : diagnostic, null, false, false);
        this.errorType = Objects.requireNonNull(errorType, "errorType");
        this.httpStatus = httpStatus;
        this.wireMessage = wireMessage;
    }

    /** A body that is not JSON, or JSON Gatehouse refuses to read; Coral answers these without a message. */
    static AwsJsonException malformedBody(String diagnostic) {
        return new AwsJsonException(SERIALIZATION_EXCEPTION, BAD_REQUEST, null, diagnostic);
    }

    /** A JSON value of the wrong kind for its shape, with Coral's deserializer message. */
    static AwsJsonException serialization(String message) {
        return new AwsJsonException(SERIALIZATION_EXCEPTION, BAD_REQUEST, Objects.requireNonNull(message), null);
    }

    /** Model constraint violations; Cognito reports Coral's validation text as InvalidParameterException. */
    static AwsJsonException invalidParameter(String message) {
        return new AwsJsonException(INVALID_PARAMETER_EXCEPTION, BAD_REQUEST, Objects.requireNonNull(message), null);
    }

    static AwsJsonException unknownOperation() {
        return new AwsJsonException(UNKNOWN_OPERATION_EXCEPTION, BAD_REQUEST, null, "operation not in the service model");
    }

    /** The bare shape name for {@code __type} / {@code x-amzn-ErrorType}, e.g. {@code SerializationException}. */
    public String errorType() {
        return errorType;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The {@code message} to send; empty when AWS sends none (malformed JSON, unknown operation). */
    public Optional<String> wireMessage() {
        return Optional.ofNullable(wireMessage);
    }
}
