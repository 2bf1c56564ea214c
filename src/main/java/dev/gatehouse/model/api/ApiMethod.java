package dev.gatehouse.model.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One method of a resource (API Gateway: Method).
 *
 * @param authorizationType   {@code NONE}, {@code COGNITO_USER_POOLS}, {@code JWT} (Gatehouse: an OIDC
 *                            issuer, HTTP API semantics), {@code AWS_IAM} or {@code CUSTOM} (stored, refused at run time)
 * @param authorizationScopes any-of scopes; for COGNITO_USER_POOLS non-empty means access tokens only,
 *                            empty means ID tokens only (SPEC §6.1)
 * @param requestParameters   {@code method.request.path.id} → required
 * @param integration         null until PutIntegration
 */
public record ApiMethod(
        String httpMethod,
        String authorizationType,
        String authorizerId,
        List<String> authorizationScopes,
        boolean apiKeyRequired,
        String operationName,
        Map<String, Boolean> requestParameters,
        Map<String, MethodResponse> methodResponses,
        Integration integration) {

    public ApiMethod {
        Objects.requireNonNull(httpMethod, "httpMethod");
        Objects.requireNonNull(authorizationType, "authorizationType");
        authorizationScopes = List.copyOf(authorizationScopes);
        requestParameters = Map.copyOf(requestParameters);
        methodResponses = Map.copyOf(methodResponses);
    }
}
