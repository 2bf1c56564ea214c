package dev.gatehouse.model.api;

import java.util.Map;

/** A declared method response (API Gateway: MethodResponse); stored and echoed. */
public record MethodResponse(String statusCode, Map<String, Boolean> responseParameters, Map<String, String> responseModels) {

    public MethodResponse {
        responseParameters = Map.copyOf(responseParameters);
        responseModels = Map.copyOf(responseModels);
    }
}
