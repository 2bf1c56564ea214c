package dev.gatehouse.admin.apigateway;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Objects;

/**
 * What a route answers: the output shape as JSON (most operations; null for an empty body), or
 * raw bytes with their content type and extra headers (GetExport: the payload member is a blob
 * and {@code contentType} / {@code contentDisposition} are headers, botocore apigateway ExportResponse).
 */
public record ApiReply(ObjectNode json, byte[] bytes, String contentType, Map<String, String> headers) {

    public ApiReply {
        headers = Map.copyOf(headers);
    }

    public static ApiReply json(ObjectNode output) {
        return new ApiReply(output, null, null, Map.of());
    }

    public static ApiReply bytes(byte[] body, String contentType, Map<String, String> headers) {
        return new ApiReply(null, Objects.requireNonNull(body, "body"), Objects.requireNonNull(contentType, "contentType"),
                headers);
    }

    boolean raw() {
        return bytes != null;
    }
}
