package dev.gatehouse.admin.apigateway.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.gatehouse.model.api.ApiDefinition;
import dev.gatehouse.model.api.ApiMethod;
import dev.gatehouse.model.api.ApiResource;
import dev.gatehouse.model.api.Authorizer;
import dev.gatehouse.model.api.Integration;
import dev.gatehouse.model.api.IntegrationResponse;
import dev.gatehouse.model.api.MethodResponse;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@link ApiDefinition} → OpenAPI 3.0.1 or Swagger 2.0, JSON or YAML (API Gateway GetExport). With
 * both extensions the document re-imports to the same definition (ids aside).
 */
public final class OpenApiExporter {

    static final String API_KEY_SCHEME = "api_key";
    static final String SIGV4_SCHEME = "sigv4";
    private static final String HEADER_SOURCE = "method.request.header.";
    private static final List<String> VERB_ORDER = List.of("GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "ANY");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build());

    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    public byte[] export(ApiDefinition definition, String apiName, String version, ExportOptions options) {
        boolean swagger = options.type() == ExportOptions.Type.SWAGGER;
        ObjectNode root = nodes.objectNode();
        if (swagger) {
            root.put("swagger", "2.0");
        } else {
            root.put("openapi", "3.0.1");
        }
        ObjectNode info = root.putObject("info");
        info.put("title", apiName);
        info.put("version", version != null ? version : "1.0");
        server(root, swagger, options.invokeUrl());

        ObjectNode paths = root.putObject("paths");
        TreeSet<String> models = new TreeSet<>();
        boolean apiKeys = false;
        boolean sigv4 = false;
        List<ApiResource> resources = definition.resources().stream().sorted(Comparator.comparing(ApiResource::path)).toList();
        for (ApiResource resource : resources) {
            boolean leaf = resources.stream().noneMatch(r -> resource.id().equals(r.parentId()));
            if (resource.methods().isEmpty() && (!leaf || resource.path().equals("/"))) {
                continue;
            }
            ObjectNode item = paths.putObject(resource.path());
            List<ApiMethod> methods = resource.methods().values().stream()
                    .sorted(Comparator.comparingInt(m -> VERB_ORDER.indexOf(m.httpMethod()))).toList();
            for (ApiMethod method : methods) {
                String key = method.httpMethod().equals("ANY") ? "x-amazon-apigateway-any-method" : method.httpMethod().toLowerCase(Locale.ROOT);
                item.set(key, operation(definition, method, swagger, options, models));
                apiKeys |= method.apiKeyRequired();
                sigv4 |= method.authorizationType().equals("AWS_IAM");
            }
        }
        ObjectNode schemes = securitySchemes(definition, swagger, options.authorizers(), apiKeys, sigv4);
        ObjectNode schemas = nodes.objectNode();
        models.forEach(m -> schemas.putObject(m).put("title", m).put("type", "object"));
        if (swagger) {
            if (!schemes.isEmpty()) {
                root.set("securityDefinitions", schemes);
            }
            if (!schemas.isEmpty()) {
                root.set("definitions", schemas);
            }
        } else if (!schemes.isEmpty() || !schemas.isEmpty()) {
            ObjectNode components = root.putObject("components");
            if (!schemas.isEmpty()) {
                components.set("schemas", schemas);
            }
            if (!schemes.isEmpty()) {
                components.set("securitySchemes", schemes);
            }
        }
        try {
            return (options.syntax() == ExportOptions.Syntax.YAML ? YAML : JSON).writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render an in-memory tree", e);
        }
    }

    /** OpenAPI 3 {@code servers}; Swagger 2 {@code host}, {@code basePath}, {@code schemes}. */
    private void server(ObjectNode root, boolean swagger, String invokeUrl) {
        if (invokeUrl == null) {
            return;
        }
        if (!swagger) {
            root.putArray("servers").addObject().put("url", invokeUrl);
            return;
        }
        URI uri = URI.create(invokeUrl);
        root.put("host", uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort());
        root.put("basePath", uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath());
        root.putArray("schemes").add(uri.getScheme());
    }

    private ObjectNode operation(ApiDefinition definition, ApiMethod method, boolean swagger, ExportOptions options,
                                 TreeSet<String> models) {
        ObjectNode op = nodes.objectNode();
        if (method.operationName() != null) {
            op.put("operationId", method.operationName());
        }
        if (!method.requestParameters().isEmpty()) {
            ArrayNode parameters = op.putArray("parameters");
            new TreeMap<>(method.requestParameters()).forEach((expression, required) -> {
                String[] parts = expression.split("\\.", 4);
                if (parts.length < 4) {
                    return;
                }
                String in = switch (parts[2]) {
                    case "path" -> "path";
                    case "querystring" -> "query";
                    case "header" -> "header";
                    default -> null;
                };
                if (in == null) {
                    return;
                }
                ObjectNode parameter = parameters.addObject().put("name", parts[3]).put("in", in).put("required", required);
                if (swagger) {
                    parameter.put("type", "string");
                } else {
                    parameter.putObject("schema").put("type", "string");
                }
            });
        }
        ObjectNode responses = op.putObject("responses");
        new TreeMap<>(method.methodResponses()).forEach((status, response) -> responses.set(status, response(response, swagger, models)));

        ObjectNode requirement = nodes.objectNode();
        Authorizer authorizer = method.authorizerId() == null ? null : definition.authorizer(method.authorizerId()).orElse(null);
        if (authorizer != null && !method.authorizationType().equals("NONE") && !method.authorizationType().equals("AWS_IAM")) {
            ArrayNode scopes = requirement.putArray(authorizer.name());
            method.authorizationScopes().forEach(scopes::add);
        } else if (method.authorizationType().equals("AWS_IAM")) {
            requirement.putArray(SIGV4_SCHEME);
        }
        if (method.apiKeyRequired()) {
            requirement.putArray(API_KEY_SCHEME);
        }
        if (!requirement.isEmpty()) {
            op.putArray("security").add(requirement);
        }
        if (options.integrations() && method.integration() != null) {
            op.set("x-amazon-apigateway-integration", integration(method.integration()));
        }
        return op;
    }

    private ObjectNode response(MethodResponse response, boolean swagger, TreeSet<String> models) {
        ObjectNode out = nodes.objectNode();
        out.put("description", response.statusCode() + " response");
        if (!response.responseParameters().isEmpty()) {
            ObjectNode headers = out.putObject("headers");
            new TreeMap<>(response.responseParameters()).forEach((expression, required) -> {
                if (!expression.startsWith("method.response.header.")) {
                    return;
                }
                ObjectNode header = headers.putObject(expression.substring("method.response.header.".length()));
                if (swagger) {
                    header.put("type", "string");
                } else {
                    header.put("required", required);
                    header.putObject("schema").put("type", "string");
                }
            });
        }
        if (!response.responseModels().isEmpty()) {
            if (swagger) {
                String model = response.responseModels().values().iterator().next();
                models.add(model);
                out.putObject("schema").put("$ref", "#/definitions/" + model);
            } else {
                ObjectNode content = out.putObject("content");
                new TreeMap<>(response.responseModels()).forEach((type, model) -> {
                    models.add(model);
                    content.putObject(type).putObject("schema").put("$ref", "#/components/schemas/" + model);
                });
            }
        }
        return out;
    }

    private ObjectNode integration(Integration integration) {
        ObjectNode out = nodes.objectNode();
        out.put("type", integration.type().toLowerCase(Locale.ROOT));
        putIfPresent(out, "httpMethod", integration.httpMethod());
        putIfPresent(out, "uri", integration.uri());
        putIfPresent(out, "connectionType", integration.connectionType());
        if (integration.passthroughBehavior() != null) {
            out.put("passthroughBehavior", integration.passthroughBehavior().toLowerCase(Locale.ROOT));
        }
        out.put("timeoutInMillis", integration.timeoutInMillis());
        putMap(out, "requestParameters", integration.requestParameters());
        putMap(out, "requestTemplates", integration.requestTemplates());
        if (!integration.integrationResponses().isEmpty()) {
            ObjectNode responses = out.putObject("responses");
            new TreeMap<>(integration.integrationResponses()).values().forEach(r -> responses.set(
                    r.selectionPattern() == null ? "default" : r.selectionPattern(), integrationResponse(r)));
        }
        return out;
    }

    private ObjectNode integrationResponse(IntegrationResponse response) {
        ObjectNode out = nodes.objectNode();
        out.put("statusCode", response.statusCode());
        putMap(out, "responseParameters", response.responseParameters());
        putMap(out, "responseTemplates", response.responseTemplates());
        return out;
    }

    private ObjectNode securitySchemes(ApiDefinition definition, boolean swagger, boolean extensions, boolean apiKeys, boolean sigv4) {
        ObjectNode out = nodes.objectNode();
        for (Authorizer authorizer : definition.authorizers().stream().sorted(Comparator.comparing(Authorizer::name)).toList()) {
            ObjectNode scheme = out.putObject(authorizer.name());
            ObjectNode ext = nodes.objectNode();
            switch (authorizer.type()) {
                case "JWT" -> {
                    if (swagger) {
                        scheme.put("type", "apiKey").put("name", "Authorization").put("in", "header");
                    } else {
                        scheme.put("type", "oauth2").putObject("flows");
                    }
                    ext.put("type", "jwt");
                    ext.put("identitySource", authorizer.identitySource());
                    ext.put("authorizerResultTtlInSeconds", authorizer.resultTtlSeconds());
                    ObjectNode config = ext.putObject("jwtConfiguration");
                    config.put("issuer", authorizer.jwtIssuer());
                    ArrayNode audience = config.putArray("audience");
                    authorizer.jwtAudience().forEach(audience::add);
                }
                case "COGNITO_USER_POOLS" -> {
                    scheme.put("type", "apiKey").put("name", header(authorizer.identitySource())).put("in", "header");
                    if (extensions) {
                        scheme.put("x-amazon-apigateway-authtype", "cognito_user_pools");
                    }
                    ext.put("type", "cognito_user_pools");
                    ArrayNode arns = ext.putArray("providerARNs");
                    authorizer.providerArns().forEach(arns::add);
                    ext.put("authorizerResultTtlInSeconds", authorizer.resultTtlSeconds());
                    putIfPresent(ext, "identityValidationExpression", authorizer.identityValidationExpression());
                }
                default -> {
                    scheme.put("type", "apiKey").put("name", header(authorizer.identitySource())).put("in", "header");
                    if (extensions) {
                        scheme.put("x-amazon-apigateway-authtype", "custom");
                    }
                    ext.put("type", authorizer.type().toLowerCase(Locale.ROOT));
                    putIfPresent(ext, "identitySource", authorizer.identitySource());
                    ext.put("authorizerResultTtlInSeconds", authorizer.resultTtlSeconds());
                    putIfPresent(ext, "identityValidationExpression", authorizer.identityValidationExpression());
                }
            }
            if (extensions) {
                scheme.set("x-amazon-apigateway-authorizer", ext);
            }
        }
        if (apiKeys) {
            out.putObject(API_KEY_SCHEME).put("type", "apiKey").put("name", "x-api-key").put("in", "header");
        }
        if (sigv4) {
            ObjectNode scheme = out.putObject(SIGV4_SCHEME).put("type", "apiKey").put("name", "Authorization").put("in", "header");
            if (extensions) {
                scheme.put("x-amazon-apigateway-authtype", "awsSigv4");
            }
        }
        return out;
    }

    private static String header(String identitySource) {
        return identitySource != null && identitySource.startsWith(HEADER_SOURCE)
                ? identitySource.substring(HEADER_SOURCE.length()) : "Authorization";
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void putMap(ObjectNode node, String field, Map<String, String> values) {
        if (!values.isEmpty()) {
            ObjectNode map = node.putObject(field);
            new TreeMap<>(values).forEach(map::put);
        }
    }
}
