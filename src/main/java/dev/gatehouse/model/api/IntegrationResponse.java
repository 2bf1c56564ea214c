package dev.gatehouse.model.api;

import java.util.Map;

/**
 * How a backend (or MOCK) answer becomes the method's answer (API Gateway: IntegrationResponse).
 *
 * @param selectionPattern regex over the backend status ({@code null} = the default response)
 */
public record IntegrationResponse(String statusCode, String selectionPattern, Map<String, String> responseParameters,
                                  Map<String, String> responseTemplates) {

    public IntegrationResponse {
        responseParameters = Map.copyOf(responseParameters);
        responseTemplates = Map.copyOf(responseTemplates);
    }
}
