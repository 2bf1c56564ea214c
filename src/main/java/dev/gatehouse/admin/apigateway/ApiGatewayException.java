package dev.gatehouse.admin.apigateway;

import dev.gatehouse.admin.AwsErrorException;
import dev.gatehouse.model.api.ApiFailure;

/** An API Gateway error as the REST-JSON protocol carries it: status, {@code x-amzn-ErrorType}, {@code {"message"}}. */
public final class ApiGatewayException extends AwsErrorException {

    public ApiGatewayException(String type, int status, String message) {
        super(type, status, message);
    }

    public static ApiGatewayException badRequest(String message) {
        return new ApiGatewayException("BadRequestException", 400, message);
    }

    public static ApiGatewayException from(ApiFailure failure) {
        return switch (failure.kind()) {
            case BAD_REQUEST -> badRequest(failure.getMessage());
            case NOT_FOUND -> new ApiGatewayException("NotFoundException", 404, failure.getMessage());
            case CONFLICT -> new ApiGatewayException("ConflictException", 409, failure.getMessage());
            case LIMIT_EXCEEDED -> new ApiGatewayException("LimitExceededException", 429, failure.getMessage());
        };
    }
}
