package dev.gatehouse.admin.apigateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.model.api.ApiDefinition;
import dev.gatehouse.model.api.ApiMethod;
import dev.gatehouse.model.api.ApiResource;
import dev.gatehouse.model.api.Authorizer;
import dev.gatehouse.model.api.Integration;
import dev.gatehouse.model.api.MethodResponse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * OpenAPI 3.0 / Swagger 2.0 (JSON or YAML) with API Gateway's {@code x-amazon-apigateway-*}
 * extensions → {@link ApiDefinition} (API Gateway ImportRestApi / PutRestApi, SPEC §7). Pure: no
 * storage; every problem is collected and thrown as one {@link OpenApiException}.
 */
public final class OpenApiImporter {

    private static final List<String> OPERATIONS = List.of("get", "put", "post", "delete", "options", "head", "patch");
    private static final String ANY = "x-amazon-apigateway-any-method";
    private static final Pattern STATUS = Pattern.compile("[1-5]\\d\\d");
    private static final Set<String> PATH_ITEM_KEYS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace", "parameters", "summary", "description", "servers", ANY);

    public ImportedApi read(byte[] document, ImportOptions options) {
        ObjectNode root = DocumentReader.read(document);
        boolean swagger = isSwagger(root);
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        JsonNode info = root.get("info");
        String title = Json.text(info, "title");
        ApiDefinition existing = options.existing();
        boolean merge = options.mode() == ImportOptions.Mode.MERGE && existing != null;
        if (title == null || title.isBlank()) {
            if (existing == null) {
                errors.add("Invalid OpenAPI input: info.title is required to name the API");
            }
            title = existing != null ? existing.name() : "";
        }
        root.fieldNames().forEachRemaining(field -> {
            boolean documentation = field.equals("x-amazon-apigateway-documentation");
            if (field.startsWith("x-amazon-apigateway-") && !(documentation && options.ignoreDocumentation())) {
                warnings.add("Ignored top-level extension " + field + " (not supported by Gatehouse)");
            }
        });

        Map<String, String> authorizerIds = new HashMap<>();
        if (merge) {
            existing.authorizers().forEach(a -> authorizerIds.put(a.name(), a.id()));
        }
        JsonNode schemeNode = swagger ? root.get("securityDefinitions") : path(root, "components", "securitySchemes");
        SecuritySchemes schemes = new SecuritySchemes(schemeNode,
                name -> authorizerIds.computeIfAbsent(name, n -> options.ids().get()), errors, warnings);

        ResourceTree tree = merge
                ? ResourceTree.of(existing.resources(), options.ids())
                : ResourceTree.empty(existing == null ? null : ResourceTree.rootId(existing.resources()), options.ids());
        String prefix = options.basePath().prefix(root, swagger);
        JsonNode globalSecurity = root.get("security");
        JsonNode paths = root.get("paths");
        if (paths != null && !paths.isNull() && !paths.isObject()) {
            errors.add("Invalid OpenAPI input: paths must be an object");
        } else if (paths != null) {
            for (var entry : paths.properties()) {
                if (entry.getKey().startsWith("x-")) {
                    continue;
                }
                String resourcePath = BasePath.apply(prefix, entry.getKey());
                String refused = tree.add(resourcePath);
                if (refused != null) {
                    errors.add(refused);
                    continue;
                }
                JsonNode item = entry.getValue();
                if (!item.isObject()) {
                    errors.add("Invalid path item at '" + resourcePath + "': expected an object");
                    continue;
                }
                item.fieldNames().forEachRemaining(key -> {
                    if (!PATH_ITEM_KEYS.contains(key) && !key.startsWith("x-")) {
                        warnings.add("Ignored '" + key + "' of path '" + resourcePath + "'");
                    } else if (key.equals("trace")) {
                        warnings.add("Ignored 'trace' operation of path '" + resourcePath + "' (not an API Gateway method)");
                    }
                });
                for (String key : item.properties().stream().map(Map.Entry::getKey).toList()) {
                    String verb = key.equals(ANY) ? "ANY" : OPERATIONS.contains(key) ? key.toUpperCase(Locale.ROOT) : null;
                    if (verb == null) {
                        continue;
                    }
                    MethodReader reader = new MethodReader(root, swagger, schemes, resourcePath, verb, errors, warnings);
                    ApiMethod method = reader.read(item.get(key), item.get("parameters"), globalSecurity);
                    if (method != null) {
                        tree.putMethod(resourcePath, method);
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw OpenApiException.errors(errors);
        }
        if (options.failOnWarnings() && !warnings.isEmpty()) {
            throw OpenApiException.warnings(warnings);
        }
        List<Authorizer> authorizers = new ArrayList<>();
        Set<String> defined = new java.util.HashSet<>();
        schemes.authorizers().forEach(a -> {
            authorizers.add(a);
            defined.add(a.name());
        });
        if (merge) {
            existing.authorizers().stream().filter(a -> !defined.contains(a.name())).forEach(authorizers::add);
        }
        List<ApiResource> resources = tree.resources();
        ApiDefinition definition = new ApiDefinition(options.apiId(), title, resources, authorizers);
        return new ImportedApi(title, Json.text(info, "description"), Json.text(info, "version"), definition, warnings);
    }

    private static boolean isSwagger(ObjectNode root) {
        String openapi = Json.text(root, "openapi");
        String swagger = Json.text(root, "swagger");
        if (openapi != null && openapi.startsWith("3.")) {
            return false;
        }
        if ("2.0".equals(swagger)) {
            return true;
        }
        throw OpenApiException.invalidInput();
    }

    static JsonNode path(JsonNode node, String... names) {
        JsonNode current = node;
        for (String name : names) {
            if (current == null) {
                return null;
            }
            current = current.get(name);
        }
        return current;
    }

    /** One operation → one method. */
    private static final class MethodReader {
        private final JsonNode root;
        private final boolean swagger;
        private final SecuritySchemes schemes;
        private final String resourcePath;
        private final String verb;
        private final String where;
        private final List<String> errors;
        private final List<String> warnings;

        MethodReader(JsonNode root, boolean swagger, SecuritySchemes schemes, String resourcePath, String verb,
                     List<String> errors, List<String> warnings) {
            this.root = root;
            this.swagger = swagger;
            this.schemes = schemes;
            this.resourcePath = resourcePath;
            this.verb = verb;
            this.where = "Unable to put method '" + verb + "' on resource at path '" + ResourceTree.canonical(resourcePath) + "': ";
            this.errors = errors;
            this.warnings = warnings;
        }

        ApiMethod read(JsonNode operation, JsonNode pathParameters, JsonNode globalSecurity) {
            if (!operation.isObject()) {
                errors.add(where + "expected an operation object");
                return null;
            }
            int before = errors.size();
            Map<String, Boolean> parameters = new LinkedHashMap<>();
            readParameters(pathParameters, parameters);
            readParameters(operation.get("parameters"), parameters);
            Map<String, MethodResponse> responses = responses(operation.get("responses"));

            String authorizationType = "NONE";
            String authorizerId = null;
            List<String> scopes = List.of();
            boolean apiKeyRequired = false;
            JsonNode security = operation.has("security") ? operation.get("security") : globalSecurity;
            if (security != null && !security.isNull()) {
                if (!security.isArray()) {
                    errors.add(where + "security must be a list of security requirements");
                } else if (!security.isEmpty()) {
                    if (security.size() > 1) {
                        warnings.add(where.replace("Unable to put method", "Method") + "only the first security requirement is used");
                    }
                    JsonNode requirement = security.get(0);
                    if (!requirement.isObject()) {
                        errors.add(where + "a security requirement must be an object");
                    } else {
                        for (var e : requirement.properties()) {
                            SecuritySchemes.Scheme scheme = schemes.get(e.getKey());
                            if (scheme == null) {
                                errors.add(where + "Invalid security scheme: '" + e.getKey() + "' is not defined in "
                                        + (swagger ? "securityDefinitions" : "components.securitySchemes"));
                                continue;
                            }
                            List<String> required = Json.strings(e.getValue());
                            if (required == null) {
                                errors.add(where + "the scopes of security scheme '" + e.getKey() + "' must be a list of strings");
                                continue;
                            }
                            if (!required.isEmpty() && !scheme.allowsScopes()) {
                                errors.add(where + "Authorization scopes are only supported with a cognito_user_pools or jwt "
                                        + "authorizer; security scheme '" + e.getKey() + "' is not one");
                                continue;
                            }
                            if (scheme.kind() == SecuritySchemes.Kind.API_KEY) {
                                apiKeyRequired = true;
                            } else if (!authorizationType.equals("NONE")) {
                                errors.add(where + "a security requirement may name only one authorizer");
                            } else {
                                authorizationType = scheme.authorizationType();
                                authorizerId = scheme.authorizer() == null ? null : scheme.authorizer().id();
                                scopes = List.copyOf(new java.util.LinkedHashSet<>(required));
                            }
                        }
                    }
                }
            }
            Integration integration = null;
            JsonNode ext = operation.get("x-amazon-apigateway-integration");
            if (ext != null) {
                integration = IntegrationReader.read(ext, parameters,
                        "Unable to put integration on '" + verb + "' for resource at path '" + ResourceTree.canonical(resourcePath) + "': ",
                        errors);
            } else {
                warnings.add("Method '" + verb + "' on resource at path '" + ResourceTree.canonical(resourcePath)
                        + "' has no x-amazon-apigateway-integration; it answers 500 until an integration is put");
            }
            operation.fieldNames().forEachRemaining(key -> {
                if (key.startsWith("x-amazon-apigateway-") && !key.equals("x-amazon-apigateway-integration")) {
                    warnings.add("Ignored " + key + " of method '" + verb + "' on resource at path '"
                            + ResourceTree.canonical(resourcePath) + "'");
                }
            });
            if (errors.size() > before) {
                return null;
            }
            return new ApiMethod(verb, authorizationType, authorizerId, scopes, apiKeyRequired,
                    Json.text(operation, "operationId"), parameters, responses, integration);
        }

        private void readParameters(JsonNode list, Map<String, Boolean> out) {
            if (list == null || list.isNull()) {
                return;
            }
            if (!list.isArray()) {
                errors.add(where + "parameters must be a list");
                return;
            }
            for (JsonNode parameter : list) {
                JsonNode resolved = resolve(parameter);
                if (resolved == null) {
                    continue;
                }
                String name = Json.text(resolved, "name");
                String in = Json.text(resolved, "in");
                if (name == null || in == null) {
                    errors.add(where + "a parameter needs a name and an 'in'");
                    continue;
                }
                String location = switch (in) {
                    case "path" -> "path";
                    case "query" -> "querystring";
                    case "header" -> "header";
                    default -> null;
                };
                if (location == null) {
                    // body/formData (Swagger 2) become request models; cookies have no API Gateway mapping.
                    if (in.equals("cookie")) {
                        warnings.add("Ignored cookie parameter '" + name + "' of method '" + verb + "' on resource at path '"
                                + ResourceTree.canonical(resourcePath) + "'");
                    }
                    continue;
                }
                if (location.equals("path") && !resourcePath.contains("{" + name + "}") && !resourcePath.contains("{" + name + "+}")) {
                    errors.add(where + "path parameter '" + name + "' is not a variable of the path");
                    continue;
                }
                JsonNode required = resolved.get("required");
                out.put("method.request." + location + "." + name,
                        location.equals("path") || (required != null && required.asBoolean(false)));
            }
        }

        /** A local {@code $ref} ({@code #/components/parameters/x}, {@code #/parameters/x}); others are warned and skipped. */
        private JsonNode resolve(JsonNode parameter) {
            String ref = Json.text(parameter, "$ref");
            if (ref == null) {
                return parameter;
            }
            if (ref.startsWith("#/")) {
                JsonNode target = root;
                for (String part : ref.substring(2).split("/")) {
                    target = target == null ? null : target.get(part.replace("~1", "/").replace("~0", "~"));
                }
                if (target != null && target.isObject()) {
                    return target;
                }
            }
            warnings.add("Ignored unresolvable parameter reference '" + ref + "' of method '" + verb + "' on resource at path '"
                    + ResourceTree.canonical(resourcePath) + "'");
            return null;
        }

        private Map<String, MethodResponse> responses(JsonNode node) {
            Map<String, MethodResponse> out = new LinkedHashMap<>();
            if (node == null || node.isNull()) {
                return out;
            }
            if (!node.isObject()) {
                errors.add(where + "responses must be an object");
                return out;
            }
            for (var e : node.properties()) {
                String status = e.getKey();
                if (!STATUS.matcher(status).matches()) {
                    if (!status.startsWith("x-")) {
                        warnings.add("Ignored response '" + status + "' of method '" + verb + "' on resource at path '"
                                + ResourceTree.canonical(resourcePath) + "' (API Gateway method responses need a status code)");
                    }
                    continue;
                }
                JsonNode response = e.getValue();
                Map<String, Boolean> headers = new LinkedHashMap<>();
                JsonNode headerNode = response.get("headers");
                if (headerNode != null && headerNode.isObject()) {
                    headerNode.properties().forEach(h -> headers.put("method.response.header." + h.getKey(),
                            h.getValue().path("required").asBoolean(false)));
                }
                Map<String, String> models = new LinkedHashMap<>();
                if (swagger) {
                    String model = modelName(response.get("schema"));
                    if (model != null) {
                        models.put("application/json", model);
                    }
                } else if (response.get("content") != null && response.get("content").isObject()) {
                    for (var content : response.get("content").properties()) {
                        String model = modelName(content.getValue().get("schema"));
                        if (model != null) {
                            models.put(content.getKey(), model);
                        }
                    }
                }
                out.put(status, new MethodResponse(status, headers, models));
            }
            return out;
        }

        /** A schema given by reference names its model; inline schemas are not kept. */
        private static String modelName(JsonNode schema) {
            String ref = Json.text(schema, "$ref");
            return ref == null ? null : ref.substring(ref.lastIndexOf('/') + 1);
        }
    }
}
