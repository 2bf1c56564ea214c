package dev.gatehouse.admin.apigateway.openapi;

import dev.gatehouse.model.api.ApiDefinition;
import dev.gatehouse.model.api.ApiMethod;
import dev.gatehouse.model.api.ApiResource;
import dev.gatehouse.model.api.Authorizer;
import dev.gatehouse.model.api.Integration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenApiImporterTest {

    static final String POOL_ARN = "arn:aws:cognito-idp:eu-west-1:111122223333:userpool/eu-west-1_Q1w2E3r4T";

    private final OpenApiImporter importer = new OpenApiImporter();

    static Supplier<String> ids() {
        AtomicInteger next = new AtomicInteger();
        return () -> "id" + next.incrementAndGet();
    }

    static byte[] resource(String name) {
        try (InputStream in = OpenApiImporterTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"spec71.yaml", "spec71.json"})
    void spec71WhenImportedThenEveryResourceMethodAuthorizerAndIntegrationIsAsWritten(String file) {
        ImportedApi api = importer.read(resource(file), ImportOptions.newApi("a1b2c3d4e5", true, ids()));
        ApiDefinition def = api.definition();

        assertThat(api.name()).isEqualTo("inventory-m2m");
        assertThat(api.version()).isEqualTo("2026-01-01");
        assertThat(api.warnings()).isEmpty();
        assertThat(def.apiId()).isEqualTo("a1b2c3d4e5");
        assertThat(def.name()).isEqualTo("inventory-m2m");
        assertThat(def.resources()).extracting(ApiResource::path)
                .containsExactlyInAnyOrder("/", "/ping", "/items", "/items/{proxy+}");

        ApiResource root = def.resourceAt("/").orElseThrow();
        assertThat(root.parentId()).isNull();
        assertThat(root.pathPart()).isEmpty();
        assertThat(root.methods()).isEmpty();
        ApiResource items = def.resourceAt("/items").orElseThrow();
        ApiResource proxy = def.resourceAt("/items/{proxy+}").orElseThrow();
        assertThat(items.parentId()).isEqualTo(root.id());
        assertThat(proxy.parentId()).isEqualTo(items.id());
        assertThat(proxy.pathPart()).isEqualTo("{proxy+}");

        assertThat(def.authorizers()).hasSize(1);
        Authorizer pool = def.authorizers().get(0);
        assertThat(pool.name()).isEqualTo("M2MPool");
        assertThat(pool.type()).isEqualTo("COGNITO_USER_POOLS");
        assertThat(pool.providerArns()).containsExactly(POOL_ARN);
        assertThat(pool.identitySource()).isEqualTo("method.request.header.Authorization");
        assertThat(pool.identityValidationExpression()).isNull();
        assertThat(pool.resultTtlSeconds()).isEqualTo(300);

        ApiMethod ping = def.resourceAt("/ping").orElseThrow().methods().get("GET");
        assertThat(ping.authorizationType()).isEqualTo("NONE");
        assertThat(ping.authorizerId()).isNull();
        assertThat(ping.authorizationScopes()).isEmpty();
        assertThat(ping.methodResponses()).containsOnlyKeys("200");
        Integration mock = ping.integration();
        assertThat(mock.type()).isEqualTo("MOCK");
        assertThat(mock.passthroughBehavior()).isEqualTo("WHEN_NO_MATCH");
        assertThat(mock.requestTemplates()).containsExactlyEntriesOf(Map.of("application/json", "{\"statusCode\": 200}"));
        assertThat(mock.integrationResponses()).containsOnlyKeys("200");
        assertThat(mock.integrationResponses().get("200").selectionPattern()).isNull();
        assertThat(mock.integrationResponses().get("200").responseTemplates())
                .containsExactlyEntriesOf(Map.of("application/json", "{\"ok\": true}"));

        ApiMethod get = items.methods().get("GET");
        assertThat(get.authorizationType()).isEqualTo("COGNITO_USER_POOLS");
        assertThat(get.authorizerId()).isEqualTo(pool.id());
        assertThat(get.authorizationScopes()).containsExactly("inventory/items.read");
        assertThat(get.integration().type()).isEqualTo("HTTP_PROXY");
        assertThat(get.integration().httpMethod()).isEqualTo("GET");
        assertThat(get.integration().uri()).isEqualTo("https://backend.example.internal/items");
        assertThat(get.integration().timeoutInMillis()).isEqualTo(29_000);
        assertThat(get.integration().requestParameters()).isEqualTo(Map.of(
                "integration.request.header.X-Caller-Client", "context.authorizer.claims.client_id",
                "integration.request.header.X-Caller-Scope", "context.authorizer.claims.scope"));

        ApiMethod post = items.methods().get("POST");
        assertThat(post.authorizationScopes()).containsExactly("inventory/items.write");
        assertThat(post.methodResponses()).containsOnlyKeys("201");
        assertThat(post.integration().httpMethod()).isEqualTo("POST");
        assertThat(items.methods()).containsOnlyKeys("GET", "POST");

        assertThat(proxy.methods()).containsOnlyKeys("ANY");
        ApiMethod any = proxy.methods().get("ANY");
        assertThat(any.authorizationType()).isEqualTo("COGNITO_USER_POOLS");
        assertThat(any.authorizerId()).isEqualTo(pool.id());
        assertThat(any.authorizationScopes()).containsExactly("inventory/items.read", "inventory/items.write");
        assertThat(any.requestParameters()).isEqualTo(Map.of("method.request.path.proxy", true));
        assertThat(any.methodResponses()).isEmpty();
        assertThat(any.integration().httpMethod()).isEqualTo("ANY");
        assertThat(any.integration().uri()).isEqualTo("https://backend.example.internal/items/{proxy}");
        assertThat(any.integration().requestParameters()).isEqualTo(Map.of(
                "integration.request.path.proxy", "method.request.path.proxy",
                "integration.request.header.X-Caller-Client", "context.authorizer.claims.client_id"));
    }

    @Test
    void jwtSchemeWhenImportedThenJwtAuthorizerWithIssuerAudienceAndScopes() {
        String doc = """
                openapi: "3.0.1"
                info: {title: http-api, version: "1"}
                paths:
                  /items:
                    get:
                      operationId: listItems
                      security:
                        - M2MJwt: ["inventory/items.read"]
                      responses: {}
                      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "https://b.example/items"}
                components:
                  securitySchemes:
                    M2MJwt:
                      type: oauth2
                      flows: {}
                      x-amazon-apigateway-authorizer:
                        type: jwt
                        identitySource: "$request.header.Authorization"
                        jwtConfiguration:
                          issuer: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Q1w2E3r4T"
                          audience: ["client-abc"]
                """;
        ApiDefinition def = importer.read(doc.getBytes(StandardCharsets.UTF_8), ImportOptions.newApi("api1", true, ids())).definition();
        Authorizer jwt = def.authorizers().get(0);
        assertThat(jwt.type()).isEqualTo("JWT");
        assertThat(jwt.name()).isEqualTo("M2MJwt");
        assertThat(jwt.jwtIssuer()).isEqualTo("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Q1w2E3r4T");
        assertThat(jwt.jwtAudience()).containsExactly("client-abc");
        assertThat(jwt.identitySource()).isEqualTo("$request.header.Authorization");
        assertThat(jwt.providerArns()).isEmpty();
        ApiMethod get = def.resourceAt("/items").orElseThrow().methods().get("GET");
        assertThat(get.authorizationType()).isEqualTo("JWT");
        assertThat(get.authorizerId()).isEqualTo(jwt.id());
        assertThat(get.authorizationScopes()).containsExactly("inventory/items.read");
        assertThat(get.operationName()).isEqualTo("listItems");
    }

    @Test
    void swagger2WhenImportedThenSecurityDefinitionsParametersAndIntermediatePathsAreRead() {
        String doc = """
                {"swagger": "2.0", "info": {"title": "legacy", "version": "3"},
                 "basePath": "/v1",
                 "securityDefinitions": {"pool": {"type": "apiKey", "name": "Authorization", "in": "header",
                    "x-amazon-apigateway-authtype": "cognito_user_pools",
                    "x-amazon-apigateway-authorizer": {"type": "cognito_user_pools", "providerARNs": ["%s"],
                        "authorizerResultTtlInSeconds": 0, "identityValidationExpression": "^abc$"}},
                    "api_key": {"type": "apiKey", "name": "x-api-key", "in": "header"}},
                 "paths": {"/shops/{shopId}/orders": {
                    "parameters": [{"name": "shopId", "in": "path", "required": true, "type": "string"}],
                    "post": {
                      "parameters": [{"name": "dryRun", "in": "query", "type": "boolean"},
                                     {"name": "X-Trace", "in": "header", "required": true, "type": "string"},
                                     {"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Order"}}],
                      "security": [{"pool": [], "api_key": []}],
                      "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Order"},
                                            "headers": {"X-Rate": {"type": "string"}}}},
                      "x-amazon-apigateway-integration": {"type": "http", "httpMethod": "POST",
                        "uri": "http://b.example/shops/{id}/orders", "timeoutInMillis": 5000,
                        "passthroughBehavior": "never", "connectionType": "INTERNET",
                        "requestParameters": {"integration.request.path.id": "method.request.path.shopId",
                                              "integration.request.querystring.dry": "method.request.querystring.dryRun"},
                        "responses": {"4\\\\d{2}": {"statusCode": "400"}, "default": {"statusCode": "200",
                           "responseParameters": {"method.response.header.X-Rate": "'10'"}}}}}}},
                 "definitions": {"Order": {"type": "object"}}}
                """.formatted(POOL_ARN);
        ApiDefinition def = importer.read(doc.getBytes(StandardCharsets.UTF_8), ImportOptions.newApi("api1", true, ids())).definition();
        assertThat(def.resources()).extracting(ApiResource::path)
                .containsExactlyInAnyOrder("/", "/shops", "/shops/{shopId}", "/shops/{shopId}/orders");
        Authorizer pool = def.authorizers().get(0);
        assertThat(pool.resultTtlSeconds()).isZero();
        assertThat(pool.identityValidationExpression()).isEqualTo("^abc$");
        ApiMethod post = def.resourceAt("/shops/{shopId}/orders").orElseThrow().methods().get("POST");
        assertThat(post.authorizationType()).isEqualTo("COGNITO_USER_POOLS");
        assertThat(post.authorizationScopes()).isEmpty();
        assertThat(post.apiKeyRequired()).isTrue();
        assertThat(post.requestParameters()).isEqualTo(Map.of("method.request.path.shopId", true,
                "method.request.querystring.dryRun", false, "method.request.header.X-Trace", true));
        assertThat(post.methodResponses().get("200").responseModels()).isEqualTo(Map.of("application/json", "Order"));
        assertThat(post.methodResponses().get("200").responseParameters()).isEqualTo(Map.of("method.response.header.X-Rate", false));
        Integration integration = post.integration();
        assertThat(integration.type()).isEqualTo("HTTP");
        assertThat(integration.timeoutInMillis()).isEqualTo(5000);
        assertThat(integration.passthroughBehavior()).isEqualTo("NEVER");
        assertThat(integration.connectionType()).isEqualTo("INTERNET");
        assertThat(integration.integrationResponses()).containsOnlyKeys("400", "200");
        assertThat(integration.integrationResponses().get("400").selectionPattern()).isEqualTo("4\\d{2}");
        assertThat(integration.integrationResponses().get("200").selectionPattern()).isNull();
        assertThat(integration.integrationResponses().get("200").responseParameters())
                .isEqualTo(Map.of("method.response.header.X-Rate", "'10'"));
    }

    @Test
    void mergeWhenImportedThenDocumentReplacesWhatItNamesAndKeepsTheRest() {
        ApiDefinition existing = importer.read(resource("spec71.yaml"), ImportOptions.newApi("api1", false, ids())).definition();
        String doc = """
                openapi: 3.0.1
                info: {title: inventory-m2m, version: "2"}
                paths:
                  /items:
                    get:
                      responses: {}
                      x-amazon-apigateway-integration: {type: mock, requestTemplates: {application/json: '{"statusCode": 204}'}}
                  /health:
                    get:
                      responses: {}
                      x-amazon-apigateway-integration: {type: mock}
                """;
        Supplier<String> ids = () -> "new" + System.nanoTime();
        ApiDefinition merged = importer.read(doc.getBytes(StandardCharsets.UTF_8),
                ImportOptions.into(existing, ImportOptions.Mode.MERGE, false, ids)).definition();
        assertThat(merged.resources()).extracting(ApiResource::path)
                .containsExactlyInAnyOrder("/", "/ping", "/items", "/items/{proxy+}", "/health");
        assertThat(merged.resourceAt("/items").orElseThrow().id()).isEqualTo(existing.resourceAt("/items").orElseThrow().id());
        ApiResource items = merged.resourceAt("/items").orElseThrow();
        assertThat(items.methods()).containsOnlyKeys("GET", "POST");
        assertThat(items.methods().get("GET").integration().type()).isEqualTo("MOCK");
        assertThat(items.methods().get("GET").authorizationType()).isEqualTo("NONE");
        assertThat(items.methods().get("POST")).isEqualTo(existing.resourceAt("/items").orElseThrow().methods().get("POST"));
        assertThat(merged.authorizers()).isEqualTo(existing.authorizers());

        ApiDefinition overwritten = importer.read(doc.getBytes(StandardCharsets.UTF_8),
                ImportOptions.into(existing, ImportOptions.Mode.OVERWRITE, false, ids)).definition();
        assertThat(overwritten.resources()).extracting(ApiResource::path).containsExactlyInAnyOrder("/", "/items", "/health");
        assertThat(overwritten.resourceAt("/").orElseThrow().id()).isEqualTo(existing.resourceAt("/").orElseThrow().id());
        assertThat(overwritten.resourceAt("/items").orElseThrow().methods()).containsOnlyKeys("GET");
        assertThat(overwritten.authorizers()).isEmpty();
    }

    @Test
    void mergeWhenDocumentRedefinesAnAuthorizerThenItKeepsItsIdAndTakesTheNewFields() {
        ApiDefinition existing = importer.read(resource("spec71.yaml"), ImportOptions.newApi("api1", false, ids())).definition();
        String doc = new String(resource("spec71.yaml"), StandardCharsets.UTF_8)
                .replace("authorizerResultTtlInSeconds: 300", "authorizerResultTtlInSeconds: 60");
        ApiDefinition merged = importer.read(doc.getBytes(StandardCharsets.UTF_8),
                ImportOptions.into(existing, ImportOptions.Mode.MERGE, false, () -> "fresh")).definition();
        assertThat(merged.authorizers()).hasSize(1);
        assertThat(merged.authorizers().get(0).id()).isEqualTo(existing.authorizers().get(0).id());
        assertThat(merged.authorizers().get(0).resultTtlSeconds()).isEqualTo(60);
    }

    @Test
    void warningsWhenFailOnWarningsThenImportFailsElseTheyAreReturned() {
        String doc = """
                openapi: 3.0.1
                info: {title: t, version: "1"}
                x-amazon-apigateway-binary-media-types: ["image/png"]
                paths:
                  /a:
                    get:
                      responses: {}
                """;
        ImportedApi api = importer.read(doc.getBytes(StandardCharsets.UTF_8), ImportOptions.newApi("api1", false, ids()));
        assertThat(api.warnings()).anySatisfy(w -> assertThat(w).contains("x-amazon-apigateway-binary-media-types"))
                .anySatisfy(w -> assertThat(w).contains("no x-amazon-apigateway-integration"));
        assertThat(api.definition().resourceAt("/a").orElseThrow().methods().get("GET").integration()).isNull();
        assertThatThrownBy(() -> importer.read(doc.getBytes(StandardCharsets.UTF_8), ImportOptions.newApi("api1", true, ids())))
                .isInstanceOf(OpenApiException.class)
                .hasMessageStartingWith("Warnings found during import:\n\t");
    }

    @Test
    void yamlAliasesWhenWithinLimitsThenExpandedAsYamlDefines() {
        String doc = """
                openapi: 3.0.1
                info: {title: t, version: "1"}
                x-defs:
                  integration: &mock {type: mock, requestTemplates: {application/json: '{"statusCode": 200}'}}
                paths:
                  /a:
                    get: {responses: {}, x-amazon-apigateway-integration: *mock}
                  /b:
                    get:
                      responses: {}
                      x-amazon-apigateway-integration:
                        <<: *mock
                        passthroughBehavior: never
                """;
        ApiDefinition def = importer.read(doc.getBytes(StandardCharsets.UTF_8), ImportOptions.newApi("api1", false, ids())).definition();
        assertThat(def.resourceAt("/a").orElseThrow().methods().get("GET").integration().type()).isEqualTo("MOCK");
        Integration b = def.resourceAt("/b").orElseThrow().methods().get("GET").integration();
        assertThat(b.requestTemplates()).containsKey("application/json");
        assertThat(b.passthroughBehavior()).isEqualTo("NEVER");
    }

    @Test
    void optionsWhenModeUnknownThenTypedError() {
        assertThat(ImportOptions.Mode.parse("MERGE")).isEqualTo(ImportOptions.Mode.MERGE);
        assertThatThrownBy(() -> ImportOptions.Mode.parse("replace")).isInstanceOf(OpenApiException.class);
        assertThat(List.of(ExportOptions.of(ExportOptions.Type.parse("oas30"), ExportOptions.Syntax.fromAccept("application/yaml"),
                "integrations,integrations", null))).allSatisfy(o -> {
                    assertThat(o.integrations()).isTrue();
                    assertThat(o.authorizers()).isFalse();
                    assertThat(o.syntax()).isEqualTo(ExportOptions.Syntax.YAML);
                });
    }
}
