package dev.gatehouse.admin.apigateway.openapi;

import java.util.List;

/**
 * Why an OpenAPI document cannot be imported. The management API answers it as API Gateway does:
 * 400 {@code BadRequestException} with this message, and nothing of the document is applied
 * (API Gateway guide: "Errors and warnings from importing your API into API Gateway").
 */
public final class OpenApiException extends RuntimeException {

    /** API Gateway's answer to a document it cannot parse (observed: aws/aws-cli#8191). */
    public static final String INVALID_INPUT = "Invalid OpenAPI input.";

    private OpenApiException(String message) {
        super(message, null, false, false);
    }

    public String errorType() {
        return "BadRequestException";
    }

    static OpenApiException invalidInput() {
        return new OpenApiException(INVALID_INPUT);
    }

    static OpenApiException tooLarge(int limit) {
        return new OpenApiException("Invalid OpenAPI input: the document exceeds the limit of " + limit + " bytes.");
    }

    /** API Gateway's shape: {@code Errors found during import:\n\t<one line per error>}. */
    static OpenApiException errors(List<String> errors) {
        return new OpenApiException("Errors found during import:\n\t" + String.join("\n\t", errors));
    }

    static OpenApiException error(String error) {
        return errors(List.of(error));
    }

    /** With {@code failonwarnings=true} the warnings become the exception's message. */
    static OpenApiException warnings(List<String> warnings) {
        return new OpenApiException("Warnings found during import:\n\t" + String.join("\n\t", warnings));
    }
}
