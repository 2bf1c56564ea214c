package dev.gatehouse.model.api;

import java.util.Map;
import java.util.Objects;

/**
 * Where a method's requests go (API Gateway: Integration).
 *
 * @param type              {@code HTTP_PROXY} and {@code MOCK} run; {@code HTTP}, {@code AWS}, {@code AWS_PROXY} are stored
 * @param httpMethod        the backend method; {@code ANY} forwards the caller's
 * @param uri               the backend URL, may contain {@code {param}} placeholders
 * @param requestParameters {@code integration.request.header.X} → {@code method.request.path.id},
 *                          {@code context.authorizer.claims.client_id}, {@code 'static'}, ...
 * @param timeoutInMillis   50–29000, default 29000
 */
public record Integration(
        String type,
        String httpMethod,
        String uri,
        String connectionType,
        Map<String, String> requestParameters,
        Map<String, String> requestTemplates,
        String passthroughBehavior,
        int timeoutInMillis,
        Map<String, IntegrationResponse> integrationResponses) {

    public static final int DEFAULT_TIMEOUT_MILLIS = 29_000;

    public Integration {
        Objects.requireNonNull(type, "type");
        requestParameters = Map.copyOf(requestParameters);
        requestTemplates = Map.copyOf(requestTemplates);
        integrationResponses = Map.copyOf(integrationResponses);
    }
}
