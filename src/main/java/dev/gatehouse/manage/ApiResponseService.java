package dev.gatehouse.manage;

import dev.gatehouse.model.api.ApiFailure;
import dev.gatehouse.model.api.ApiMethod;
import dev.gatehouse.model.api.Integration;
import dev.gatehouse.model.api.IntegrationResponse;
import dev.gatehouse.model.api.MethodResponse;
import dev.gatehouse.model.api.PatchOperation;
import dev.gatehouse.store.ApiState;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Method responses and integration responses of a REST API's methods (API Gateway: Put/Get/Update/
 * DeleteMethodResponse and ...IntegrationResponse). Each edit is one locked write of the API's definition.
 */
public final class ApiResponseService {

    /** botocore apigateway StatusCode: {@code [1-5]\d\d}. */
    private static final Pattern STATUS_CODE = Pattern.compile("[1-5]\\d\\d");
    private static final String NO_SUCH_RESPONSE = "Invalid Response status code specified";

    private final RestApiService apis;

    public ApiResponseService(RestApiService apis) {
        this.apis = apis;
    }

    // ---------------------------------------------------------------- method responses

    public MethodResponse putMethodResponse(String region, String apiId, String resourceId, String httpMethod,
                                            MethodResponse response) {
        checkStatusCode(response.statusCode());
        editMethodResponses(region, apiId, resourceId, httpMethod, responses -> {
            responses.put(response.statusCode(), response);
            return responses;
        });
        return response;
    }

    public MethodResponse methodResponse(String region, String apiId, String resourceId, String httpMethod,
                                         String statusCode) {
        checkStatusCode(statusCode);
        ApiMethod method = ApiDefinitions.method(apis.api(region, apiId).definition(), resourceId, httpMethod);
        return found(method.methodResponses().get(statusCode));
    }

    /**
     * Patch paths: {@code /responseParameters/{name}} (add/replace a boolean "required", remove) and
     * {@code /responseModels/{contentType}} (add/replace a model name, remove).
     */
    public MethodResponse updateMethodResponse(String region, String apiId, String resourceId, String httpMethod,
                                               String statusCode, List<PatchOperation> patches) {
        checkStatusCode(statusCode);
        ApiState state = editMethodResponses(region, apiId, resourceId, httpMethod, responses -> {
            MethodResponse current = found(responses.get(statusCode));
            Map<String, Boolean> parameters = new HashMap<>(current.responseParameters());
            Map<String, String> models = new HashMap<>(current.responseModels());
            for (PatchOperation patch : patches) {
                ApiPatches.checkOp(patch);
                String path = patch.path();
                if (path.startsWith("/responseParameters/")) {
                    editEntry(parameters, patch, "/responseParameters/", ApiPatches::booleanValue);
                } else if (path.startsWith("/responseModels/")) {
                    editEntry(models, patch, "/responseModels/", ApiPatches::value);
                } else {
                    throw ApiPatches.invalidPath(patch);
                }
            }
            responses.put(statusCode, new MethodResponse(statusCode, parameters, models));
            return responses;
        });
        return ApiDefinitions.method(state.definition(), resourceId, httpMethod).methodResponses().get(statusCode);
    }

    public void deleteMethodResponse(String region, String apiId, String resourceId, String httpMethod,
                                     String statusCode) {
        checkStatusCode(statusCode);
        editMethodResponses(region, apiId, resourceId, httpMethod, responses -> {
            found(responses.remove(statusCode));
            return responses;
        });
    }

    private ApiState editMethodResponses(String region, String apiId, String resourceId, String httpMethod,
                                         UnaryOperator<Map<String, MethodResponse>> change) {
        return apis.edit(region, apiId, s -> {
            ApiMethod m = ApiDefinitions.method(s.definition(), resourceId, httpMethod);
            Map<String, MethodResponse> responses = change.apply(new LinkedHashMap<>(m.methodResponses()));
            return new ApiState(s.api(), ApiDefinitions.putMethod(s.definition(), resourceId,
                    new ApiMethod(httpMethod, m.authorizationType(), m.authorizerId(), m.authorizationScopes(),
                            m.apiKeyRequired(), m.operationName(), m.requestParameters(), responses, m.integration())));
        });
    }

    // ---------------------------------------------------------------- integration responses

    public IntegrationResponse putIntegrationResponse(String region, String apiId, String resourceId, String httpMethod,
                                                      IntegrationResponse response) {
        checkStatusCode(response.statusCode());
        checkSelectionPattern(response.selectionPattern());
        editIntegrationResponses(region, apiId, resourceId, httpMethod, responses -> {
            responses.put(response.statusCode(), response);
            return responses;
        });
        return response;
    }

    public IntegrationResponse integrationResponse(String region, String apiId, String resourceId, String httpMethod,
                                                   String statusCode) {
        checkStatusCode(statusCode);
        Integration integration = ApiDefinitions.integration(apis.api(region, apiId).definition(), resourceId, httpMethod);
        return found(integration.integrationResponses().get(statusCode));
    }

    /**
     * Patch paths: {@code /selectionPattern} (replace), {@code /responseParameters/{name}} and
     * {@code /responseTemplates/{contentType}} (add/replace a string, remove).
     */
    public IntegrationResponse updateIntegrationResponse(String region, String apiId, String resourceId,
                                                         String httpMethod, String statusCode,
                                                         List<PatchOperation> patches) {
        checkStatusCode(statusCode);
        ApiState state = editIntegrationResponses(region, apiId, resourceId, httpMethod, responses -> {
            IntegrationResponse current = found(responses.get(statusCode));
            String selectionPattern = current.selectionPattern();
            Map<String, String> parameters = new HashMap<>(current.responseParameters());
            Map<String, String> templates = new HashMap<>(current.responseTemplates());
            for (PatchOperation patch : patches) {
                ApiPatches.checkOp(patch);
                String path = patch.path();
                if (path.startsWith("/responseParameters/")) {
                    editEntry(parameters, patch, "/responseParameters/", ApiPatches::value);
                } else if (path.startsWith("/responseTemplates/")) {
                    editEntry(templates, patch, "/responseTemplates/", ApiPatches::value);
                } else if (path.equals("/selectionPattern")) {
                    ApiPatches.requireOp(patch, "replace");
                    selectionPattern = patch.value();
                    checkSelectionPattern(selectionPattern);
                } else {
                    throw ApiPatches.invalidPath(patch);
                }
            }
            responses.put(statusCode, new IntegrationResponse(statusCode, selectionPattern, parameters, templates));
            return responses;
        });
        return ApiDefinitions.integration(state.definition(), resourceId, httpMethod).integrationResponses()
                .get(statusCode);
    }

    public void deleteIntegrationResponse(String region, String apiId, String resourceId, String httpMethod,
                                          String statusCode) {
        checkStatusCode(statusCode);
        editIntegrationResponses(region, apiId, resourceId, httpMethod, responses -> {
            found(responses.remove(statusCode));
            return responses;
        });
    }

    private ApiState editIntegrationResponses(String region, String apiId, String resourceId, String httpMethod,
                                              UnaryOperator<Map<String, IntegrationResponse>> change) {
        return apis.editIntegration(region, apiId, resourceId, httpMethod, current -> {
            if (current == null) {
                throw ApiFailure.notFound("Invalid Integration identifier specified");
            }
            Map<String, IntegrationResponse> responses = change.apply(new LinkedHashMap<>(current.integrationResponses()));
            return new Integration(current.type(), current.httpMethod(), current.uri(), current.connectionType(),
                    current.requestParameters(), current.requestTemplates(), current.passthroughBehavior(),
                    current.timeoutInMillis(), responses);
        });
    }

    // ---------------------------------------------------------------- helpers

    /** add/replace puts {@code read(patch)} under the path's last segment (JSON-Pointer escaped); remove drops it. */
    private static <V> void editEntry(Map<String, V> map, PatchOperation patch, String prefix,
                                      java.util.function.Function<PatchOperation, V> read) {
        String name = ApiPatches.unescape(patch.path().substring(prefix.length()));
        if (name.isEmpty()) {
            throw ApiPatches.invalidPath(patch);
        }
        if (patch.op().equals("remove")) {
            map.remove(name);
            return;
        }
        ApiPatches.requireOp(patch, "add", "replace");
        map.put(name, read.apply(patch));
    }

    private static <T> T found(T response) {
        if (response == null) {
            throw ApiFailure.notFound(NO_SUCH_RESPONSE);
        }
        return response;
    }

    static void checkStatusCode(String statusCode) {
        if (statusCode == null || !STATUS_CODE.matcher(statusCode).matches()) {
            throw ApiFailure.badRequest("Invalid status code specified: must be a 3-digit HTTP status");
        }
    }

    /** The selection pattern is a Java-style regex over the backend's status or error message. */
    private static void checkSelectionPattern(String selectionPattern) {
        if (selectionPattern == null) {
            return;
        }
        try {
            Pattern.compile(selectionPattern);
        } catch (PatternSyntaxException e) {
            throw ApiFailure.badRequest("Invalid selection pattern specified: " + selectionPattern);
        }
    }
}
