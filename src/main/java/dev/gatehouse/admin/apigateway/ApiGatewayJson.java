package dev.gatehouse.admin.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.model.api.ApiMethod;
import dev.gatehouse.model.api.ApiResource;
import dev.gatehouse.model.api.Authorizer;
import dev.gatehouse.model.api.Deployment;
import dev.gatehouse.model.api.Integration;
import dev.gatehouse.model.api.IntegrationResponse;
import dev.gatehouse.model.api.MethodResponse;
import dev.gatehouse.model.api.PatchOperation;
import dev.gatehouse.model.api.RestApi;
import dev.gatehouse.model.api.Stage;
import dev.gatehouse.model.api.ThrottleSettings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The API Gateway output shapes (botocore apigateway 2015-07-09), member names exactly as the model. */
final class ApiGatewayJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ApiGatewayJson() {
    }

    static ObjectNode restApi(RestApi api) {
        ObjectNode out = JSON.objectNode();
        out.put("id", api.id());
        out.put("name", api.name());
        putIfSet(out, "description", api.description());
        putIfSet(out, "version", api.version());
        date(out, "createdDate", api.createdDate());
        out.put("apiKeySource", "HEADER");
        out.putObject("endpointConfiguration").putArray("types").add("EDGE");
        out.put("disableExecuteApiEndpoint", false);
        out.put("rootResourceId", api.rootResourceId());
        if (!api.tags().isEmpty()) {
            out.set("tags", stringMap(api.tags()));
        }
        return out;
    }

    static ObjectNode resource(ApiResource resource, boolean embedMethods) {
        ObjectNode out = JSON.objectNode();
        out.put("id", resource.id());
        putIfSet(out, "parentId", resource.parentId());
        if (resource.parentId() != null) {
            out.put("pathPart", resource.pathPart());
        }
        out.put("path", resource.path());
        if (!resource.methods().isEmpty()) {
            ObjectNode methods = out.putObject("resourceMethods");
            new TreeMap<>(resource.methods()).forEach((name, method) ->
                    methods.set(name, embedMethods ? method(method) : JSON.objectNode()));
        }
        return out;
    }

    static ObjectNode method(ApiMethod method) {
        ObjectNode out = JSON.objectNode();
        out.put("httpMethod", method.httpMethod());
        out.put("authorizationType", method.authorizationType());
        putIfSet(out, "authorizerId", method.authorizerId());
        out.put("apiKeyRequired", method.apiKeyRequired());
        putIfSet(out, "operationName", method.operationName());
        if (!method.requestParameters().isEmpty()) {
            ObjectNode params = out.putObject("requestParameters");
            new TreeMap<>(method.requestParameters()).forEach(params::put);
        }
        if (!method.methodResponses().isEmpty()) {
            ObjectNode responses = out.putObject("methodResponses");
            new TreeMap<>(method.methodResponses()).forEach((code, r) -> responses.set(code, methodResponse(r)));
        }
        if (method.integration() != null) {
            out.set("methodIntegration", integration(method.integration()));
        }
        if (!method.authorizationScopes().isEmpty()) {
            out.set("authorizationScopes", strings(method.authorizationScopes()));
        }
        return out;
    }

    static ObjectNode methodResponse(MethodResponse response) {
        ObjectNode out = JSON.objectNode();
        out.put("statusCode", response.statusCode());
        if (!response.responseParameters().isEmpty()) {
            ObjectNode params = out.putObject("responseParameters");
            new TreeMap<>(response.responseParameters()).forEach(params::put);
        }
        if (!response.responseModels().isEmpty()) {
            out.set("responseModels", stringMap(response.responseModels()));
        }
        return out;
    }

    static ObjectNode integration(Integration integration) {
        ObjectNode out = JSON.objectNode();
        out.put("type", integration.type());
        putIfSet(out, "httpMethod", integration.httpMethod());
        putIfSet(out, "uri", integration.uri());
        putIfSet(out, "connectionType", integration.connectionType());
        if (!integration.requestParameters().isEmpty()) {
            out.set("requestParameters", stringMap(integration.requestParameters()));
        }
        if (!integration.requestTemplates().isEmpty()) {
            out.set("requestTemplates", stringMap(integration.requestTemplates()));
        }
        putIfSet(out, "passthroughBehavior", integration.passthroughBehavior());
        out.put("timeoutInMillis", integration.timeoutInMillis());
        out.putArray("cacheKeyParameters");
        if (!integration.integrationResponses().isEmpty()) {
            ObjectNode responses = out.putObject("integrationResponses");
            new TreeMap<>(integration.integrationResponses()).forEach((code, r) -> responses.set(code, integrationResponse(r)));
        }
        return out;
    }

    static ObjectNode integrationResponse(IntegrationResponse response) {
        ObjectNode out = JSON.objectNode();
        out.put("statusCode", response.statusCode());
        putIfSet(out, "selectionPattern", response.selectionPattern());
        if (!response.responseParameters().isEmpty()) {
            out.set("responseParameters", stringMap(response.responseParameters()));
        }
        if (!response.responseTemplates().isEmpty()) {
            out.set("responseTemplates", stringMap(response.responseTemplates()));
        }
        return out;
    }

    static ObjectNode authorizer(Authorizer authorizer) {
        ObjectNode out = JSON.objectNode();
        out.put("id", authorizer.id());
        out.put("name", authorizer.name());
        out.put("type", authorizer.type());
        if (!authorizer.providerArns().isEmpty()) {
            out.set("providerARNs", strings(authorizer.providerArns()));
        }
        putIfSet(out, "identitySource", authorizer.identitySource());
        putIfSet(out, "identityValidationExpression", authorizer.identityValidationExpression());
        out.put("authorizerResultTtlInSeconds", authorizer.resultTtlSeconds());
        return out;
    }

    static ObjectNode deployment(Deployment deployment) {
        ObjectNode out = JSON.objectNode();
        out.put("id", deployment.id());
        putIfSet(out, "description", deployment.description());
        date(out, "createdDate", deployment.createdDate());
        return out;
    }

    static ObjectNode stage(Stage stage) {
        ObjectNode out = JSON.objectNode();
        out.put("deploymentId", stage.deploymentId());
        out.put("stageName", stage.stageName());
        putIfSet(out, "description", stage.description());
        out.put("cacheClusterEnabled", false);
        out.put("cacheClusterStatus", "NOT_AVAILABLE");
        ObjectNode settings = out.putObject("methodSettings");
        if (stage.throttle() != null) {
            settings.set("*/*", methodSetting(stage.throttle()));
        }
        new TreeMap<>(stage.methodThrottles()).forEach((key, throttle) -> settings.set(key, methodSetting(throttle)));
        if (!stage.variables().isEmpty()) {
            out.set("variables", stringMap(stage.variables()));
        }
        out.put("tracingEnabled", false);
        if (!stage.tags().isEmpty()) {
            out.set("tags", stringMap(stage.tags()));
        }
        date(out, "createdDate", stage.createdDate());
        date(out, "lastUpdatedDate", stage.lastUpdatedDate());
        return out;
    }

    private static ObjectNode methodSetting(ThrottleSettings throttle) {
        ObjectNode out = JSON.objectNode();
        out.put("metricsEnabled", false);
        out.put("dataTraceEnabled", false);
        if (throttle.burstLimit() != null) {
            out.put("throttlingBurstLimit", throttle.burstLimit());
        }
        if (throttle.rateLimit() != null) {
            out.put("throttlingRateLimit", throttle.rateLimit());
        }
        out.put("cachingEnabled", false);
        return out;
    }

    /** A list shape: {@code {"position": ..., "item": [...]}} (the model's locationName of items). */
    static ObjectNode items(Collection<ObjectNode> items, String position) {
        ObjectNode out = JSON.objectNode();
        putIfSet(out, "position", position);
        ArrayNode array = out.putArray("item");
        items.forEach(array::add);
        return out;
    }

    static List<PatchOperation> patches(ObjectNode body) {
        JsonNode node = body.get("patchOperations");
        List<PatchOperation> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw ApiGatewayException.badRequest("Invalid value for patchOperations: expected a list");
        }
        for (JsonNode patch : node) {
            if (!patch.isObject()) {
                throw ApiGatewayException.badRequest("Invalid patch operation");
            }
            String op = text(patch, "op");
            if (op == null) {
                throw ApiGatewayException.badRequest("Invalid null patch operation specified");
            }
            out.add(new PatchOperation(op, text(patch, "path"), text(patch, "value"), text(patch, "from")));
        }
        return out;
    }

    static ObjectNode stringMap(Map<String, String> map) {
        ObjectNode out = JSON.objectNode();
        new TreeMap<>(map).forEach(out::put);
        return out;
    }

    private static String text(JsonNode node, String member) {
        JsonNode value = node.get(member);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode out = JSON.arrayNode();
        values.forEach(out::add);
        return out;
    }

    private static void putIfSet(ObjectNode out, String member, String value) {
        if (value != null) {
            out.put(member, value);
        }
    }

    /** API Gateway timestamps are epoch seconds. */
    private static void date(ObjectNode out, String member, Instant instant) {
        out.put(member, instant.getEpochSecond());
    }
}
