package dev.gatehouse.admin.apigateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gatehouse.model.api.ApiDefinition;
import dev.gatehouse.model.api.ApiMethod;
import dev.gatehouse.model.api.ApiResource;
import dev.gatehouse.model.api.Authorizer;
import dev.gatehouse.model.api.Integration;
import dev.gatehouse.model.api.IntegrationResponse;
import dev.gatehouse.model.api.MethodResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** import(export(definition)) ≡ definition, ids aside, for every export type and syntax. */
class OpenApiRoundTripTest {

    private static final ExportOptions.Type[] TYPES = ExportOptions.Type.values();
    private static final ExportOptions.Syntax[] SYNTAXES = ExportOptions.Syntax.values();

    private final OpenApiImporter importer = new OpenApiImporter();
    private final OpenApiExporter exporter = new OpenApiExporter();

    static Stream<Arguments> definitions() {
        List<Arguments> out = new ArrayList<>();
        ApiDefinition spec71 = new OpenApiImporter().read(OpenApiImporterTest.resource("spec71.yaml"),
                ImportOptions.newApi("api1", true, OpenApiImporterTest.ids())).definition();
        for (ExportOptions.Type type : TYPES) {
            for (ExportOptions.Syntax syntax : SYNTAXES) {
                out.add(arguments("spec71 " + type + " " + syntax, spec71, type, syntax));
            }
        }
        Random random = new Random(20260101);
        IntStream.range(0, 12).forEach(i -> {
            ApiDefinition generated = generate(random, i, TYPES[i % 2] == ExportOptions.Type.SWAGGER);
            out.add(arguments("generated#" + i + " " + TYPES[i % 2] + " " + SYNTAXES[(i / 2) % 2], generated, TYPES[i % 2], SYNTAXES[(i / 2) % 2]));
        });
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("definitions")
    void definitionWhenExportedWithExtensionsThenReimportsEqual(String name, ApiDefinition definition,
                                                                 ExportOptions.Type type, ExportOptions.Syntax syntax) {
        byte[] document = exporter.export(definition, definition.name(), "7", new ExportOptions(type, syntax, true, true,
                "http://abc123.execute-api.us-east-1.localhost:9229/prod"));
        ImportedApi again = importer.read(document, ImportOptions.newApi("other", false, OpenApiImporterTest.ids()));
        assertThat(canonical(again.definition())).isEqualTo(canonical(definition));
        assertThat(again.version()).isEqualTo("7");
    }

    @Test
    void exportWhenOas30YamlThenShapedAsApiGatewayExports() throws IOException {
        ApiDefinition spec71 = importer.read(OpenApiImporterTest.resource("spec71.yaml"),
                ImportOptions.newApi("api1", true, OpenApiImporterTest.ids())).definition();
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(exporter.export(spec71, "inventory-m2m", "1",
                ExportOptions.of(ExportOptions.Type.OAS30, ExportOptions.Syntax.YAML, "integrations,authorizers",
                        "http://abc.execute-api.us-east-1.localhost:9229/prod")));
        assertThat(doc.path("openapi").asText()).isEqualTo("3.0.1");
        assertThat(doc.path("servers").get(0).path("url").asText()).isEqualTo("http://abc.execute-api.us-east-1.localhost:9229/prod");
        assertThat(doc.path("paths").path("/items/{proxy+}").has("x-amazon-apigateway-any-method")).isTrue();
        assertThat(doc.path("paths").path("/items").path("get").path("security").get(0).path("M2MPool").get(0).asText())
                .isEqualTo("inventory/items.read");
        assertThat(doc.path("paths").path("/ping").path("get").path("x-amazon-apigateway-integration").path("type").asText()).isEqualTo("mock");
        assertThat(doc.path("components").path("securitySchemes").path("M2MPool").path("x-amazon-apigateway-authtype").asText())
                .isEqualTo("cognito_user_pools");
    }

    @Test
    void exportWhenSwaggerWithoutExtensionsThenNoAmazonExtensionsAndHostBasePath() throws IOException {
        ApiDefinition spec71 = importer.read(OpenApiImporterTest.resource("spec71.json"),
                ImportOptions.newApi("api1", true, OpenApiImporterTest.ids())).definition();
        String json = new String(exporter.export(spec71, "inventory-m2m", "1",
                ExportOptions.of(ExportOptions.Type.SWAGGER, ExportOptions.Syntax.JSON, null,
                        "https://abc.execute-api.us-east-1.localhost:9229/prod")));
        JsonNode doc = new ObjectMapper().readTree(json);
        assertThat(doc.path("swagger").asText()).isEqualTo("2.0");
        assertThat(doc.path("host").asText()).isEqualTo("abc.execute-api.us-east-1.localhost:9229");
        assertThat(doc.path("basePath").asText()).isEqualTo("/prod");
        assertThat(json).doesNotContain("x-amazon-apigateway-integration", "x-amazon-apigateway-authorizer");
        assertThat(doc.path("paths").path("/items/{proxy+}").has("x-amazon-apigateway-any-method")).isTrue();
    }

    /** The definition with ids replaced by what they name: resource paths and authorizer names. */
    static Map<String, Object> canonical(ApiDefinition def) {
        Map<String, String> authorizerNames = new TreeMap<>();
        def.authorizers().forEach(a -> authorizerNames.put(a.id(), a.name()));
        Map<String, Object> out = new TreeMap<>();
        out.put("name", def.name());
        Map<String, String> pathsById = new TreeMap<>();
        def.resources().forEach(r -> pathsById.put(r.id(), r.path()));
        for (ApiResource r : def.resources()) {
            Map<String, Object> methods = new TreeMap<>();
            r.methods().forEach((verb, m) -> methods.put(verb, new ApiMethod(m.httpMethod(), m.authorizationType(),
                    m.authorizerId() == null ? null : authorizerNames.get(m.authorizerId()), m.authorizationScopes(),
                    m.apiKeyRequired(), m.operationName(), m.requestParameters(), m.methodResponses(), m.integration())));
            out.put("resource " + r.path(), List.of(r.parentId() == null ? "" : pathsById.get(r.parentId()), r.pathPart(), methods));
        }
        for (Authorizer a : def.authorizers()) {
            out.put("authorizer " + a.name(), new Authorizer("-", a.name(), a.type(), a.providerArns(), a.identitySource(),
                    a.identityValidationExpression(), a.resultTtlSeconds(), a.jwtIssuer(), a.jwtAudience()));
        }
        return out;
    }

    /** A random but valid definition: nested literal and variable paths, every integration type, both authorizer kinds. */
    static ApiDefinition generate(Random random, int seed, boolean swagger) {
        List<Authorizer> authorizers = List.of(
                new Authorizer("c" + seed, "pool" + seed, "COGNITO_USER_POOLS", List.of(OpenApiImporterTest.POOL_ARN),
                        "method.request.header.Authorization", seed % 3 == 0 ? "^client$" : null, random.nextInt(3601), null, List.of()),
                new Authorizer("j" + seed, "jwt" + seed, "JWT", List.of(), "$request.header.Authorization", null, 300,
                        "https://issuer.example/" + seed, List.of("aud-" + seed, "aud-x")));
        List<ApiResource> resources = new ArrayList<>();
        resources.add(new ApiResource("r0", null, "", "/", Map.of()));
        String[] literals = {"items", "orders", "v1", "health", "a.b", "x_y-z"};
        int count = 2 + random.nextInt(6);
        for (int i = 1; i <= count; i++) {
            ApiResource parent = resources.get(random.nextInt(resources.size()));
            if (parent.pathPart().endsWith("+}")) {
                parent = resources.get(0);
            }
            boolean hasVariableChild = false;
            for (ApiResource r : resources) {
                hasVariableChild |= parent.id().equals(r.parentId()) && r.pathPart().startsWith("{");
            }
            String part = !hasVariableChild && random.nextInt(3) == 0
                    ? (random.nextBoolean() ? "{id" + i + "}" : "{proxy+}")
                    : literals[random.nextInt(literals.length)] + i;
            String path = (parent.path().equals("/") ? "" : parent.path()) + "/" + part;
            Map<String, ApiMethod> methods = new TreeMap<>();
            if (random.nextInt(4) != 0) {
                for (String verb : List.of("GET", "POST", "ANY", "DELETE", "PATCH")) {
                    if (random.nextBoolean()) {
                        methods.put(verb, method(random, verb, path, authorizers, swagger));
                    }
                }
            }
            resources.add(new ApiResource("r" + i, parent.id(), part, path, methods));
        }
        return new ApiDefinition("api" + seed, "generated-" + seed, resources, authorizers);
    }

    /** @param swagger Swagger 2 response headers cannot say "required", so only OpenAPI 3 round-trips it */
    private static ApiMethod method(Random random, String verb, String path, List<Authorizer> authorizers, boolean swagger) {
        Map<String, Boolean> parameters = new TreeMap<>();
        java.util.regex.Matcher variables = java.util.regex.Pattern.compile("\\{([^}+]+)\\+?}").matcher(path);
        while (variables.find()) {
            parameters.put("method.request.path." + variables.group(1), true);
        }
        if (random.nextBoolean()) {
            parameters.put("method.request.querystring.q", random.nextBoolean());
            parameters.put("method.request.header.X-Trace", random.nextBoolean());
        }
        int auth = random.nextInt(3);
        Authorizer authorizer = auth == 0 ? null : authorizers.get(auth - 1);
        List<String> scopes = authorizer != null && random.nextBoolean() ? List.of("rs/read", "rs/write").subList(0, 1 + random.nextInt(2)) : List.of();
        Map<String, MethodResponse> responses = random.nextBoolean() ? Map.of() : Map.of(
                "200", new MethodResponse("200", Map.of("method.response.header.X-Rate", !swagger && random.nextBoolean()), Map.of("application/json", "Empty")),
                "404", new MethodResponse("404", Map.of(), Map.of()));
        Integration integration = switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> new Integration("MOCK", null, null, null, Map.of(), Map.of("application/json", "{\"statusCode\": 200}"),
                    "WHEN_NO_MATCH", 29_000, Map.of("200", new IntegrationResponse("200", null, Map.of(), Map.of("application/json", "{}")),
                    "500", new IntegrationResponse("500", "5\\d{2}", Map.of("method.response.header.X-Rate", "'1'"), Map.of())));
            case 2 -> new Integration("HTTP_PROXY", verb.equals("ANY") ? "ANY" : verb, "https://backend.example/x", "INTERNET",
                    parameters.containsKey("method.request.querystring.q")
                            ? Map.of("integration.request.querystring.q", "method.request.querystring.q",
                            "integration.request.header.X-Client", "context.authorizer.claims.client_id")
                            : Map.of("integration.request.header.X-Static", "'static'"),
                    Map.of(), null, 50 + random.nextInt(28_951), Map.of());
            default -> new Integration("AWS_PROXY", "POST", "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/f/invocations",
                    null, Map.of(), Map.of(), "WHEN_NO_TEMPLATES", 29_000, Map.of());
        };
        return new ApiMethod(verb, authorizer == null ? "NONE" : authorizer.type(), authorizer == null ? null : authorizer.id(), scopes,
                random.nextInt(4) == 0, random.nextBoolean() ? "op" + verb + random.nextInt(1000) : null, parameters, responses, integration);
    }
}
