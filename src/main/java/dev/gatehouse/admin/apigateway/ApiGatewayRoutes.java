package dev.gatehouse.admin.apigateway;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.admin.awsjson.ServiceModel;
import dev.gatehouse.manage.ApiDeploymentService;
import dev.gatehouse.manage.ApiResponseService;
import dev.gatehouse.manage.ApiTagService;
import dev.gatehouse.manage.RestApiService;
import dev.gatehouse.model.api.ApiResource;
import dev.gatehouse.model.api.Authorizer;
import dev.gatehouse.model.api.Deployment;
import dev.gatehouse.model.api.Integration;
import dev.gatehouse.model.api.IntegrationResponse;
import dev.gatehouse.model.api.MethodResponse;
import dev.gatehouse.model.api.RestApi;
import dev.gatehouse.model.api.Stage;
import dev.gatehouse.store.ApiState;
import dev.gatehouse.store.Page;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The operations Gatehouse serves (botocore apigateway 2015-07-09: http.method, http.requestUri,
 * responseCode), then every other operation of the model as {@link ApiRoute#unsupported}. Each
 * handler only translates JSON to a service call and back.
 */
public final class ApiGatewayRoutes {

    private static final String API = "/restapis/{restapi_id}";
    private static final String RESOURCE = API + "/resources/{resource_id}";
    private static final String METHOD = RESOURCE + "/methods/{http_method}";
    private static final String INTEGRATION = METHOD + "/integration";
    private static final String METHOD_RESPONSE = METHOD + "/responses/{status_code}";
    private static final String INTEGRATION_RESPONSE = INTEGRATION + "/responses/{status_code}";

    private ApiGatewayRoutes() {
    }

    /**
     * @param issuerBaseUrl scheme and port of the stages' invoke URLs in exports
     * @param domainSuffix  the host suffix of invoke URLs ({@code {apiId}.execute-api.{region}.{domainSuffix}})
     */
    public static List<ApiRoute> create(RestApiService apis, ApiDeploymentService deployments,
                                        Supplier<String> issuerBaseUrl, String domainSuffix) {
        ApiResponseService responses = new ApiResponseService(apis);
        ApiTagService tags = new ApiTagService(apis);
        List<ApiRoute> routes = new ArrayList<>();
        // -- REST APIs
        routes.add(new ApiRoute("CreateRestApi", "POST", "/restapis", 201, c -> {
            ApiState state = apis.createApi(c.region(), c.string("name"), c.string("description"), c.string("version"),
                    c.map("tags", String.class));
            return ApiGatewayJson.restApi(state.api());
        }));
        routes.add(new ApiRoute("GetRestApi", "GET", API, 200,
                c -> ApiGatewayJson.restApi(apis.api(c.region(), c.param("restapi_id")).api())));
        routes.add(new ApiRoute("GetRestApis", "GET", "/restapis", 200, c -> {
            Page<RestApi> page = apis.listApis(c.region(), c.queryValue("position"), c.limit());
            return ApiGatewayJson.items(page.items().stream().map(ApiGatewayJson::restApi).toList(), page.lastKey());
        }));
        routes.add(new ApiRoute("UpdateRestApi", "PATCH", API, 200, c -> ApiGatewayJson.restApi(
                apis.updateApi(c.region(), c.param("restapi_id"), ApiGatewayJson.patches(c.body())).api())));
        routes.add(new ApiRoute("DeleteRestApi", "DELETE", API, 202, c -> {
            apis.deleteApi(c.region(), c.param("restapi_id"));
            return null;
        }));
        // -- resources
        routes.add(new ApiRoute("GetResources", "GET", API + "/resources", 200, c -> {
            boolean embed = c.query().getOrDefault("embed", List.of()).contains("methods");
            Page<ApiResource> page = apis.resources(c.region(), c.param("restapi_id"), c.queryValue("position"), c.limit());
            return ApiGatewayJson.items(page.items().stream().map(r -> ApiGatewayJson.resource(r, embed)).toList(),
                    page.lastKey());
        }));
        routes.add(new ApiRoute("GetResource", "GET", RESOURCE, 200, c -> ApiGatewayJson.resource(
                apis.resource(c.region(), c.param("restapi_id"), c.param("resource_id")),
                c.query().getOrDefault("embed", List.of()).contains("methods"))));
        routes.add(new ApiRoute("CreateResource", "POST", API + "/resources/{parent_id}", 201, c -> ApiGatewayJson.resource(
                apis.createResource(c.region(), c.param("restapi_id"), c.param("parent_id"), c.string("pathPart")), false)));
        routes.add(new ApiRoute("UpdateResource", "PATCH", RESOURCE, 200, c -> ApiGatewayJson.resource(
                apis.updateResource(c.region(), c.param("restapi_id"), c.param("resource_id"),
                        ApiGatewayJson.patches(c.body())), false)));
        routes.add(new ApiRoute("DeleteResource", "DELETE", RESOURCE, 202, c -> {
            apis.deleteResource(c.region(), c.param("restapi_id"), c.param("resource_id"));
            return null;
        }));
        // -- methods
        routes.add(new ApiRoute("PutMethod", "PUT", METHOD, 201, c -> ApiGatewayJson.method(apis.putMethod(
                c.region(), c.param("restapi_id"), c.param("resource_id"), c.param("http_method"),
                new RestApiService.MethodSpec(required(c.string("authorizationType"), "authorizationType"),
                        c.string("authorizerId"), c.strings("authorizationScopes"),
                        Boolean.TRUE.equals(c.bool("apiKeyRequired")), c.string("operationName"),
                        c.map("requestParameters", Boolean.class))))));
        routes.add(new ApiRoute("GetMethod", "GET", METHOD, 200, c -> ApiGatewayJson.method(apis.method(
                c.region(), c.param("restapi_id"), c.param("resource_id"), c.param("http_method")))));
        routes.add(new ApiRoute("UpdateMethod", "PATCH", METHOD, 200, c -> ApiGatewayJson.method(apis.updateMethod(
                c.region(), c.param("restapi_id"), c.param("resource_id"), c.param("http_method"),
                ApiGatewayJson.patches(c.body())))));
        routes.add(new ApiRoute("DeleteMethod", "DELETE", METHOD, 204, c -> {
            apis.deleteMethod(c.region(), c.param("restapi_id"), c.param("resource_id"), c.param("http_method"));
            return null;
        }));
        routes.add(new ApiRoute("PutMethodResponse", "PUT", METHOD_RESPONSE, 201,
                c -> ApiGatewayJson.methodResponse(responses.putMethodResponse(c.region(), c.param("restapi_id"),
                        c.param("resource_id"), c.param("http_method"), new MethodResponse(c.param("status_code"),
                                orEmpty(c.map("responseParameters", Boolean.class)),
                                orEmpty(c.map("responseModels", String.class)))))));
        routes.add(new ApiRoute("GetMethodResponse", "GET", METHOD_RESPONSE, 200,
                c -> ApiGatewayJson.methodResponse(responses.methodResponse(c.region(), c.param("restapi_id"),
                        c.param("resource_id"), c.param("http_method"), c.param("status_code")))));
        // botocore: UpdateMethodResponse answers 201, unlike every other Update*.
        routes.add(new ApiRoute("UpdateMethodResponse", "PATCH", METHOD_RESPONSE, 201,
                c -> ApiGatewayJson.methodResponse(responses.updateMethodResponse(c.region(), c.param("restapi_id"),
                        c.param("resource_id"), c.param("http_method"), c.param("status_code"),
                        ApiGatewayJson.patches(c.body())))));
        routes.add(new ApiRoute("DeleteMethodResponse", "DELETE", METHOD_RESPONSE, 204, c -> {
            responses.deleteMethodResponse(c.region(), c.param("restapi_id"), c.param("resource_id"),
                    c.param("http_method"), c.param("status_code"));
            return null;
        }));
        // -- integrations
        routes.add(new ApiRoute("PutIntegration", "PUT", INTEGRATION, 201, c -> {
            Integer timeout = c.integer("timeoutInMillis");
            Integration input = new Integration(required(c.string("type"), "type"), c.string("httpMethod"),
                    c.string("uri"), c.string("connectionType"), orEmpty(c.map("requestParameters", String.class)),
                    orEmpty(c.map("requestTemplates", String.class)), c.string("passthroughBehavior"),
                    timeout == null ? 0 : timeout, Map.of());
            return ApiGatewayJson.integration(apis.putIntegration(c.region(), c.param("restapi_id"),
                    c.param("resource_id"), c.param("http_method"), input));
        }));
        routes.add(new ApiRoute("GetIntegration", "GET", INTEGRATION, 200, c -> ApiGatewayJson.integration(
                apis.integration(c.region(), c.param("restapi_id"), c.param("resource_id"), c.param("http_method")))));
        routes.add(new ApiRoute("UpdateIntegration", "PATCH", INTEGRATION, 200, c -> ApiGatewayJson.integration(
                apis.updateIntegration(c.region(), c.param("restapi_id"), c.param("resource_id"),
                        c.param("http_method"), ApiGatewayJson.patches(c.body())))));
        routes.add(new ApiRoute("DeleteIntegration", "DELETE", INTEGRATION, 204, c -> {
            apis.deleteIntegration(c.region(), c.param("restapi_id"), c.param("resource_id"), c.param("http_method"));
            return null;
        }));
        routes.add(new ApiRoute("PutIntegrationResponse", "PUT", INTEGRATION_RESPONSE, 201,
                c -> ApiGatewayJson.integrationResponse(responses.putIntegrationResponse(c.region(), c.param("restapi_id"),
                        c.param("resource_id"), c.param("http_method"), new IntegrationResponse(c.param("status_code"),
                                c.string("selectionPattern"), orEmpty(c.map("responseParameters", String.class)),
                                orEmpty(c.map("responseTemplates", String.class)))))));
        routes.add(new ApiRoute("GetIntegrationResponse", "GET", INTEGRATION_RESPONSE, 200,
                c -> ApiGatewayJson.integrationResponse(responses.integrationResponse(c.region(), c.param("restapi_id"),
                        c.param("resource_id"), c.param("http_method"), c.param("status_code")))));
        routes.add(new ApiRoute("UpdateIntegrationResponse", "PATCH", INTEGRATION_RESPONSE, 200,
                c -> ApiGatewayJson.integrationResponse(responses.updateIntegrationResponse(c.region(),
                        c.param("restapi_id"), c.param("resource_id"), c.param("http_method"), c.param("status_code"),
                        ApiGatewayJson.patches(c.body())))));
        routes.add(new ApiRoute("DeleteIntegrationResponse", "DELETE", INTEGRATION_RESPONSE, 204, c -> {
            responses.deleteIntegrationResponse(c.region(), c.param("restapi_id"), c.param("resource_id"),
                    c.param("http_method"), c.param("status_code"));
            return null;
        }));
        // -- authorizers
        routes.add(new ApiRoute("CreateAuthorizer", "POST", API + "/authorizers", 201, c -> ApiGatewayJson.authorizer(
                apis.createAuthorizer(c.region(), c.param("restapi_id"), new RestApiService.AuthorizerSpec(
                        c.string("name"), c.string("type"), c.strings("providerARNs"), c.string("identitySource"),
                        c.string("identityValidationExpression"), c.integer("authorizerResultTtlInSeconds"),
                        null, null)))));
        routes.add(new ApiRoute("GetAuthorizer", "GET", API + "/authorizers/{authorizer_id}", 200,
                c -> ApiGatewayJson.authorizer(apis.authorizer(c.region(), c.param("restapi_id"), c.param("authorizer_id")))));
        routes.add(new ApiRoute("GetAuthorizers", "GET", API + "/authorizers", 200, c -> {
            Page<Authorizer> page = apis.authorizers(c.region(), c.param("restapi_id"), c.queryValue("position"), c.limit());
            return ApiGatewayJson.items(page.items().stream().map(ApiGatewayJson::authorizer).toList(), page.lastKey());
        }));
        routes.add(new ApiRoute("UpdateAuthorizer", "PATCH", API + "/authorizers/{authorizer_id}", 200,
                c -> ApiGatewayJson.authorizer(apis.updateAuthorizer(c.region(), c.param("restapi_id"),
                        c.param("authorizer_id"), ApiGatewayJson.patches(c.body())))));
        routes.add(new ApiRoute("DeleteAuthorizer", "DELETE", API + "/authorizers/{authorizer_id}", 202, c -> {
            apis.deleteAuthorizer(c.region(), c.param("restapi_id"), c.param("authorizer_id"));
            return null;
        }));
        // -- deployments
        routes.add(new ApiRoute("CreateDeployment", "POST", API + "/deployments", 201, c -> ApiGatewayJson.deployment(
                deployments.createDeployment(c.region(), c.param("restapi_id"), c.string("description"),
                        c.string("stageName"), c.string("stageDescription"), c.map("variables", String.class)))));
        routes.add(new ApiRoute("GetDeployment", "GET", API + "/deployments/{deployment_id}", 200,
                c -> ApiGatewayJson.deployment(deployments.deployment(c.region(), c.param("restapi_id"),
                        c.param("deployment_id")))));
        routes.add(new ApiRoute("GetDeployments", "GET", API + "/deployments", 200, c -> {
            List<Deployment> all = deployments.deployments(c.region(), c.param("restapi_id"));
            return ApiGatewayJson.items(all.stream().map(ApiGatewayJson::deployment).toList(), null);
        }));
        routes.add(new ApiRoute("DeleteDeployment", "DELETE", API + "/deployments/{deployment_id}", 202, c -> {
            deployments.deleteDeployment(c.region(), c.param("restapi_id"), c.param("deployment_id"));
            return null;
        }));
        // -- stages
        routes.add(new ApiRoute("CreateStage", "POST", API + "/stages", 201, c -> ApiGatewayJson.stage(
                deployments.createStage(c.region(), c.param("restapi_id"), c.string("stageName"),
                        c.string("deploymentId"), c.string("description"), c.map("variables", String.class),
                        c.map("tags", String.class)))));
        routes.add(new ApiRoute("GetStage", "GET", API + "/stages/{stage_name}", 200, c -> ApiGatewayJson.stage(
                deployments.stage(c.region(), c.param("restapi_id"), c.param("stage_name")))));
        routes.add(new ApiRoute("GetStages", "GET", API + "/stages", 200, c -> {
            List<Stage> all = deployments.stages(c.region(), c.param("restapi_id"));
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            all.forEach(s -> out.withArray("item").add(ApiGatewayJson.stage(s)));
            if (all.isEmpty()) {
                out.putArray("item");
            }
            return out;
        }));
        routes.add(new ApiRoute("UpdateStage", "PATCH", API + "/stages/{stage_name}", 200, c -> ApiGatewayJson.stage(
                deployments.updateStage(c.region(), c.param("restapi_id"), c.param("stage_name"),
                        ApiGatewayJson.patches(c.body())))));
        routes.add(new ApiRoute("DeleteStage", "DELETE", API + "/stages/{stage_name}", 202, c -> {
            deployments.deleteStage(c.region(), c.param("restapi_id"), c.param("stage_name"));
            return null;
        }));
        // -- tags (REST APIs and stages)
        routes.add(new ApiRoute("TagResource", "PUT", "/tags/{resource_arn}", 204, c -> {
            tags.tag(c.region(), c.param("resource_arn"), orEmpty(c.map("tags", String.class)));
            return null;
        }));
        routes.add(new ApiRoute("UntagResource", "DELETE", "/tags/{resource_arn}", 204, c -> {
            List<String> keys = c.query().get("tagKeys");
            if (keys == null) {
                // The model's required query member, reported as the body validator reports body members.
                throw ApiGatewayException.badRequest("1 validation error detected: Value null at 'untagResourceInput.tagKeys' "
                        + "failed to satisfy constraint: Member must not be null");
            }
            tags.untag(c.region(), c.param("resource_arn"), keys);
            return null;
        }));
        routes.add(new ApiRoute("GetTags", "GET", "/tags/{resource_arn}", 200, c -> {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            out.set("tags", ApiGatewayJson.stringMap(tags.tags(c.region(), c.param("resource_arn"))));
            return out;
        }));
        // -- OpenAPI import and export
        routes.addAll(new OpenApiRoutes(apis, deployments, issuerBaseUrl, domainSuffix).routes());
        routes.addAll(unsupported(ApiGatewayModel.MODEL, routes));
        return List.copyOf(routes);
    }

    /** Every operation of the model that {@code served} lacks, at its own method and requestUri. */
    static List<ApiRoute> unsupported(ServiceModel model, List<ApiRoute> served) {
        Set<String> names = served.stream().map(ApiRoute::operation).collect(Collectors.toSet());
        return model.operationNames().stream().sorted().filter(name -> !names.contains(name))
                .map(name -> model.operation(name).orElseThrow())
                .map(op -> ApiRoute.unsupported(op.name(), op.httpMethod(), op.requestUri()))
                .toList();
    }

    private static String required(String value, String member) {
        if (value == null) {
            throw ApiGatewayException.badRequest("Invalid null " + member + " specified");
        }
        return value;
    }

    private static <V> Map<String, V> orEmpty(Map<String, V> map) {
        return map == null ? Map.of() : map;
    }
}
