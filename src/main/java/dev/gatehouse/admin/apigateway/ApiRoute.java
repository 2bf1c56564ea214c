package dev.gatehouse.admin.apigateway;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One operation of the REST-JSON API: HTTP method and requestUri template as in the botocore model
 * ({@code /restapis/{restapi_id}/resources/{parent_id}}, or with a fixed query as in
 * {@code /restapis?mode=import}), the success status, whether the body is taken raw (not parsed as
 * a JSON object: a blob payload such as ImportRestApi's document), and the responder.
 */
public record ApiRoute(String operation, String httpMethod, String template, int status, boolean rawBody,
                       Responder responder) {

    /** Runs on a worker thread; returns the output shape, or null for an empty body. */
    @FunctionalInterface
    public interface Handler {
        ObjectNode handle(ApiCall call);
    }

    /** Runs on a worker thread; returns JSON or raw bytes. */
    @FunctionalInterface
    public interface Responder {
        ApiReply handle(ApiCall call);
    }

    /** A JSON-in, JSON-out operation (most of the API). */
    public ApiRoute(String operation, String httpMethod, String template, int status, Handler handler) {
        this(operation, httpMethod, template, status, false, call -> ApiReply.json(handler.handle(call)));
    }

    /** An operation whose body is a blob ({@link ApiCall#rawBody()}); it answers JSON. */
    public static ApiRoute withRawBody(String operation, String httpMethod, String template, int status, Handler handler) {
        return new ApiRoute(operation, httpMethod, template, status, true, call -> ApiReply.json(handler.handle(call)));
    }

    /** An operation that answers raw bytes (or JSON) as its responder decides. */
    public static ApiRoute replying(String operation, String httpMethod, String template, int status, Responder responder) {
        return new ApiRoute(operation, httpMethod, template, status, false, responder);
    }

    /**
     * An operation of the model that Gatehouse does not implement: answered 400 BadRequestException
     * naming it, its body never read.
     */
    public static ApiRoute unsupported(String operation, String httpMethod, String template) {
        return new ApiRoute(operation, httpMethod, template, 400, true, call -> {
            throw ApiGatewayException.badRequest("Gatehouse does not implement " + operation + "; see docs/compatibility.md.");
        });
    }

    /** The URI parameters when {@code segments} (decoded) and the query fit the template. */
    Optional<Map<String, String>> match(String method, List<String> segments, Map<String, List<String>> query) {
        int mark = template.indexOf('?');
        String path = mark < 0 ? template : template.substring(0, mark);
        if (mark >= 0) {
            for (String pair : template.substring(mark + 1).split("&")) {
                int eq = pair.indexOf('=');
                List<String> values = query.getOrDefault(pair.substring(0, eq), List.of());
                if (!values.contains(pair.substring(eq + 1))) {
                    return Optional.empty();
                }
            }
        }
        String[] parts = path.substring(1).split("/");
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
