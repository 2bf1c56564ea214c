package dev.gatehouse.admin.apigateway;

import dev.gatehouse.admin.apigateway.openapi.ImportOptions;
import dev.gatehouse.admin.apigateway.openapi.OpenApiException;
import dev.gatehouse.admin.apigateway.openapi.OpenApiImporter;
import dev.gatehouse.model.api.ApiDefinition;
import dev.gatehouse.model.api.ApiResource;
import dev.gatehouse.model.api.DeployedStage;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.Authorizer;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.GetExportResponse;
import software.amazon.awssdk.services.apigateway.model.ImportRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.PutMode;
import software.amazon.awssdk.services.apigateway.model.PutRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ImportRestApi, PutRestApi and GetExport through the real AWS SDK v2 client (issue 4, SPEC §7.1). */
class ApiImportExportTest {

    private static final String SPEC_POOL_ARN = "arn:aws:cognito-idp:eu-west-1:111122223333:userpool/eu-west-1_Q1w2E3r4T";

    /** SPEC §7.1 with its provider ARN replaced by a pool of this server and its backend by a local address. */
    private static String spec71(String poolArn) {
        try (InputStream in = ApiImportExportTest.class.getResourceAsStream("openapi/spec71.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace(SPEC_POOL_ARN, poolArn)
                    .replace("https://backend.example.internal", "http://127.0.0.1:9");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String newPoolArn(TestServer server) {
        String poolId = server.cognito().createUserPool(b -> b.poolName("inventory")).userPool().id();
        return server.cognito().describeUserPool(b -> b.userPoolId(poolId)).userPool().arn();
    }

    private static ImportRestApiResponse importDocument(ApiGatewayClient gw, String document) {
        return gw.importRestApi(r -> r.body(SdkBytes.fromUtf8String(document)).failOnWarnings(false));
    }

    /**
     * What an API's resources mean, ids aside: path → method → authorization, authorizer name,
     * scopes, integration type/method/uri/parameters (from GetResources and GetAuthorizers).
     */
    private static Map<String, Map<String, List<Object>>> shape(ApiGatewayClient gw, String apiId) {
        Map<String, String> authorizerNames = new java.util.HashMap<>();
        for (Authorizer a : gw.getAuthorizers(r -> r.restApiId(apiId)).items()) {
            authorizerNames.put(a.id(), a.name() + " " + a.type() + " " + a.providerARNs());
        }
        Map<String, Map<String, List<Object>>> out = new TreeMap<>();
        for (Resource resource : gw.getResources(r -> r.restApiId(apiId).embed("methods").limit(500)).items()) {
            Map<String, List<Object>> methods = new TreeMap<>();
            resource.resourceMethods().forEach((verb, m) -> methods.put(verb, methodShape(m, authorizerNames)));
            out.put(resource.path(), methods);
        }
        return out;
    }

    private static List<Object> methodShape(Method m, Map<String, String> authorizerNames) {
        var integration = m.methodIntegration();
        return java.util.Arrays.asList(m.authorizationType(), String.valueOf(authorizerNames.get(m.authorizerId())),
                m.authorizationScopes(), integration == null ? "none" : integration.typeAsString(),
                integration == null ? "" : String.valueOf(integration.httpMethod()),
                integration == null ? "" : String.valueOf(integration.uri()),
                integration == null ? Map.of() : new TreeMap<>(integration.requestParameters()));
    }

    /** The definition as paths → verbs → (authorization, scopes, integration type, uri), ids aside. */
    private static Map<String, Map<String, List<Object>>> shape(ApiDefinition definition) {
        Map<String, Map<String, List<Object>>> out = new TreeMap<>();
        for (ApiResource resource : definition.resources()) {
            Map<String, List<Object>> methods = new TreeMap<>();
            resource.methods().forEach((verb, m) -> methods.put(verb, List.of(m.authorizationType(),
                    m.authorizerId() == null ? "" : definition.authorizer(m.authorizerId()).orElseThrow().name(),
                    m.authorizationScopes(), m.integration().type(), String.valueOf(m.integration().uri()))));
            out.put(resource.path(), methods);
        }
        return out;
    }

    private static java.util.function.Supplier<String> ids() {
        AtomicInteger next = new AtomicInteger();
        return () -> "id" + next.incrementAndGet();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void importWhenSpec71ThenResourcesMethodsAndTheDeployedStageHoldTheDocument(TestDatabase database) {
        try (TestServer server = TestServer.start(database); ApiGatewayClient gw = server.apiGateway()) {
            String poolArn = newPoolArn(server);
            String document = spec71(poolArn);

            ImportRestApiResponse imported = importDocument(gw, document);

            assertThat(imported.name()).isEqualTo("inventory-m2m");
            assertThat(imported.version()).isEqualTo("2026-01-01");
            assertThat(imported.warnings()).isEmpty();
            assertThat(gw.getRestApi(r -> r.restApiId(imported.id())).rootResourceId()).isEqualTo(imported.rootResourceId());
            List<Resource> resources = gw.getResources(r -> r.restApiId(imported.id()).embed("methods")).items();
            assertThat(resources).extracting(Resource::path).containsExactlyInAnyOrder("/", "/ping", "/items", "/items/{proxy+}");
            Resource items = resources.stream().filter(r -> r.path().equals("/items")).findFirst().orElseThrow();
            assertThat(items.resourceMethods()).containsOnlyKeys("GET", "POST");
            Method get = items.resourceMethods().get("GET");
            assertThat(get.authorizationType()).isEqualTo("COGNITO_USER_POOLS");
            assertThat(get.authorizationScopes()).containsExactly("inventory/items.read");
            assertThat(get.methodIntegration().typeAsString()).isEqualTo("HTTP_PROXY");
            assertThat(get.methodIntegration().uri()).isEqualTo("http://127.0.0.1:9/items");
            assertThat(get.methodIntegration().requestParameters())
                    .containsEntry("integration.request.header.X-Caller-Client", "context.authorizer.claims.client_id");
            Method any = resources.stream().filter(r -> r.path().equals("/items/{proxy+}")).findFirst().orElseThrow()
                    .resourceMethods().get("ANY");
            assertThat(any.authorizationScopes()).containsExactly("inventory/items.read", "inventory/items.write");
            assertThat(any.methodIntegration().uri()).isEqualTo("http://127.0.0.1:9/items/{proxy}");
            Method ping = resources.stream().filter(r -> r.path().equals("/ping")).findFirst().orElseThrow()
                    .resourceMethods().get("GET");
            assertThat(ping.authorizationType()).isEqualTo("NONE");
            assertThat(ping.methodIntegration().typeAsString()).isEqualTo("MOCK");
            var authorizer = gw.getAuthorizer(r -> r.restApiId(imported.id()).authorizerId(get.authorizerId()));
            assertThat(authorizer.name()).isEqualTo("M2MPool");
            assertThat(authorizer.providerARNs()).containsExactly(poolArn);

            gw.createDeployment(r -> r.restApiId(imported.id()).stageName("prod"));

            DeployedStage prod = server.server().components().stageLookup().stage(imported.id(), "prod").orElseThrow();
            ApiDefinition expected = new OpenApiImporter().read(document.getBytes(StandardCharsets.UTF_8),
                    ImportOptions.newApi("x", false, ids())).definition();
            assertThat(shape(prod.definition())).isEqualTo(shape(expected));
            assertThat(prod.definition().name()).isEqualTo("inventory-m2m");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void exportWhenYamlOrJsonOas30OrSwaggerThenReimportsToTheSameApi(TestDatabase database) {
        try (TestServer server = TestServer.start(database); ApiGatewayClient gw = server.apiGateway()) {
            String apiId = importDocument(gw, spec71(newPoolArn(server))).id();
            gw.createDeployment(r -> r.restApiId(apiId).stageName("prod"));
            Map<String, Map<String, List<Object>>> original = shape(gw, apiId);
            int port = URI.create(server.server().components().issuerBaseUrl()).getPort();

            for (String type : List.of("oas30", "swagger")) {
                for (String accept : List.of("application/yaml", "application/json")) {
                    GetExportResponse export = gw.getExport(r -> r.restApiId(apiId).stageName("prod").exportType(type)
                            .accepts(accept).parameters(Map.of("extensions", "integrations,authorizers")));

                    String what = type + " " + accept;
                    assertThat(export.contentType()).as(what).isEqualTo(accept);
                    assertThat(export.contentDisposition()).as(what).startsWith("attachment; filename=\"")
                            .endsWith(accept.endsWith("yaml") ? ".yaml\"" : ".json\"");
                    String document = export.body().asUtf8String();
                    assertThat(document).as(what).contains(type.equals("oas30") ? "3.0.1" : "2.0")
                            .contains(apiId + ".execute-api.us-east-1.localhost:" + port)
                            .contains("x-amazon-apigateway-integration", "x-amazon-apigateway-authorizer");
                    if (accept.endsWith("json")) {
                        assertThat(document.strip()).as(what).startsWith("{");
                    } else {
                        assertThat(document.strip()).as(what).doesNotStartWith("{");
                    }
                    String again = importDocument(gw, document).id();
                    assertThat(shape(gw, again)).as(what).isEqualTo(original);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void putRestApiWhenOverwriteThenReplacedAndWhenMergeThenKept(TestDatabase database) {
        try (TestServer server = TestServer.start(database); ApiGatewayClient gw = server.apiGateway()) {
            String poolArn = newPoolArn(server);
            ImportRestApiResponse imported = importDocument(gw, spec71(poolArn));
            String health = """
                    openapi: "3.0.1"
                    info: {title: inventory-v2, version: "2"}
                    paths:
                      /health:
                        get:
                          x-amazon-apigateway-integration: {type: mock, requestTemplates: {application/json: '{"statusCode": 200}'}}
                      /ping:
                        post:
                          x-amazon-apigateway-integration: {type: http_proxy, httpMethod: POST, uri: "http://127.0.0.1:9/ping"}
                    """;

            PutRestApiResponse merged = gw.putRestApi(r -> r.restApiId(imported.id()).mode(PutMode.MERGE)
                    .body(SdkBytes.fromUtf8String(health)));

            assertThat(merged.id()).isEqualTo(imported.id());
            assertThat(merged.name()).isEqualTo("inventory-v2");
            assertThat(merged.rootResourceId()).isEqualTo(imported.rootResourceId());
            Map<String, Map<String, List<Object>>> afterMerge = shape(gw, imported.id());
            assertThat(afterMerge.keySet()).containsExactlyInAnyOrder("/", "/ping", "/items", "/items/{proxy+}", "/health");
            assertThat(afterMerge.get("/ping")).containsOnlyKeys("GET", "POST");
            assertThat(afterMerge.get("/items")).containsOnlyKeys("GET", "POST");

            PutRestApiResponse overwritten = gw.putRestApi(r -> r.restApiId(imported.id()).mode(PutMode.OVERWRITE)
                    .body(SdkBytes.fromUtf8String(health)));

            assertThat(overwritten.rootResourceId()).isEqualTo(imported.rootResourceId());
            Map<String, Map<String, List<Object>>> afterOverwrite = shape(gw, imported.id());
            assertThat(afterOverwrite.keySet()).containsExactlyInAnyOrder("/", "/ping", "/health");
            assertThat(afterOverwrite.get("/ping")).containsOnlyKeys("POST");
            assertThat(gw.getAuthorizers(r -> r.restApiId(imported.id())).items()).isEmpty();

            // The default mode is merge.
            gw.putRestApi(r -> r.restApiId(imported.id()).body(SdkBytes.fromUtf8String(spec71(poolArn))));
            assertThat(shape(gw, imported.id()).keySet())
                    .containsExactlyInAnyOrder("/", "/ping", "/items", "/items/{proxy+}", "/health");
            assertThatThrownBy(() -> gw.putRestApi(r -> r.restApiId("nosuchapi1").body(SdkBytes.fromUtf8String(health))))
                    .isInstanceOf(NotFoundException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void importWhenRefusedThenBadRequestWithTheImportersMessageAndNothingStored(TestDatabase database) {
        try (TestServer server = TestServer.start(database); ApiGatewayClient gw = server.apiGateway()) {
            String poolArn = newPoolArn(server);
            String unknownPool = poolArn.replaceAll("_[0-9a-zA-Z]+$", "_NoSuchPool1");
            String noIntegration = """
                    openapi: "3.0.1"
                    info: {title: half, version: "1"}
                    paths:
                      /items:
                        get: {responses: {"200": {description: ok}}}
                    """;
            List<String> malformed = List.of(
                    "openapi: [3.0.1",
                    "{\"openapi\": \"3.0.1\", \"paths\": {}}",
                    "{\"swagger\": \"1.2\", \"info\": {\"title\": \"x\"}}",
                    spec71(poolArn).replace("type: http_proxy", "type: carrier_pigeon"));
            for (String document : malformed) {
                String expected = importerMessage(document, false);
                assertThatThrownBy(() -> importDocument(gw, document)).as(document)
                        .isInstanceOfSatisfying(BadRequestException.class,
                                e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(expected));
            }
            String warned = importerMessage(noIntegration, true);
            assertThat(warned).startsWith("Warnings found during import:");
            assertThatThrownBy(() -> gw.importRestApi(r -> r.body(SdkBytes.fromUtf8String(noIntegration)).failOnWarnings(true)))
                    .isInstanceOfSatisfying(BadRequestException.class,
                            e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(warned));
            assertThatThrownBy(() -> importDocument(gw, spec71(unknownPool)))
                    .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Invalid Cognito user pool specified: " + unknownPool));
            assertThat(gw.getRestApis(r -> r.limit(500)).items()).isEmpty();

            ImportRestApiResponse withWarnings = importDocument(gw, noIntegration);
            assertThat(withWarnings.warnings()).isNotEmpty().allSatisfy(w -> assertThat(warned).contains(w));

            String apiId = importDocument(gw, spec71(poolArn)).id();
            Map<String, Map<String, List<Object>>> before = shape(gw, apiId);
            assertThatThrownBy(() -> gw.putRestApi(r -> r.restApiId(apiId).mode(PutMode.OVERWRITE)
                    .body(SdkBytes.fromUtf8String(spec71(unknownPool))))).isInstanceOf(BadRequestException.class);
            assertThatThrownBy(() -> gw.putRestApi(r -> r.restApiId(apiId).mode(PutMode.OVERWRITE)
                    .body(SdkBytes.fromUtf8String("openapi: [3.0.1")))).isInstanceOf(BadRequestException.class);
            assertThat(shape(gw, apiId)).isEqualTo(before);
            assertThatThrownBy(() -> gw.getExport(r -> r.restApiId(apiId).stageName("prod").exportType("oas30")))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Invalid Stage identifier specified"));
        }
    }

    /** What the importer itself says of {@code document}. */
    private static String importerMessage(String document, boolean failOnWarnings) {
        try {
            new OpenApiImporter().read(document.getBytes(StandardCharsets.UTF_8), ImportOptions.newApi("x", failOnWarnings, ids()));
        } catch (OpenApiException e) {
            return e.getMessage();
        }
        throw new AssertionError("the importer accepted " + document);
    }
}
