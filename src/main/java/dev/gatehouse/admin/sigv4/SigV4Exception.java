package dev.gatehouse.admin.sigv4;

import java.util.Objects;

/**
 * A refused request: the AWS common error code (e.g. "InvalidSignatureException"), its message, and
 * HTTP status. Carries no secret, no expected signature and no canonical request. No stack trace is
 * captured: refusals are ordinary outcomes and may come in floods.
 */
public final class SigV4Exception extends RuntimeException {

    // AWS CommonErrors; SDK clock-skew correction keys on InvalidSignatureException (SECURITY.md §1.6)
    static final String MISSING_AUTHENTICATION_TOKEN = "MissingAuthenticationTokenException";
    static final String INCOMPLETE_SIGNATURE = "IncompleteSignatureException";
    static final String INVALID_SIGNATURE = "InvalidSignatureException";
    static final String UNRECOGNIZED_CLIENT = "UnrecognizedClientException";

    private final String code;
    private final int httpStatus;

    private SigV4Exception(String code, int httpStatus, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    static SigV4Exception missingAuthenticationToken() {
        return new SigV4Exception(MISSING_AUTHENTICATION_TOKEN, 403, "Missing Authentication Token");
    }

    static SigV4Exception incompleteSignature(String message) {
        return new SigV4Exception(INCOMPLETE_SIGNATURE, 400, message);
    }

    static SigV4Exception invalidSignature(String message) {
        return new SigV4Exception(INVALID_SIGNATURE, 403, message);
    }

    static SigV4Exception signatureDoesNotMatch() {
        return invalidSignature("The request signature we calculated does not match the signature you provided. "
                + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
    }

    static SigV4Exception unrecognizedClient() {
        return new SigV4Exception(UNRECOGNIZED_CLIENT, 400, "The security token included in the request is invalid.");
    }

    @Override
    public String toString() {
        return "SigV4Exception[" + code + " " + httpStatus + ": " + getMessage() + "]";
    }
}
