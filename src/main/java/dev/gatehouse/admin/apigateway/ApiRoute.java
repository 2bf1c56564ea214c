package dev.gatehouse.admin.apigateway;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One operation of the REST-JSON API: HTTP method and requestUri template as in the botocore model
 * ({@code /restapis/{restapi_id}/resources/{parent_id}}), the success status, and the handler.
 */
public record ApiRoute(String operation, String httpMethod, String template, int status, Handler handler) {

    /** Runs on a worker thread; returns the output shape, or null for an empty body. */
    @FunctionalInterface
    public interface Handler {
        ObjectNode handle(ApiCall call);
    }

    /** The URI parameters when {@code segments} (decoded) fit the template. */
    Optional<Map<String, String>> match(String method, List<String> segments) {
        String[] parts = template.substring(1).split("/");
        if (!method.equals(httpMethod) || parts.length != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            String segment = segments.get(i);
            if (part.startsWith("{")) {
                if (segment.isEmpty()) {
                    return Optional.empty();
                }
                params.put(part.substring(1, part.length() - 1), segment);
            } else if (!part.equals(segment)) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }
}
