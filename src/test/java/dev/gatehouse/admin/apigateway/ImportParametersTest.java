package dev.gatehouse.admin.apigateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.Resource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ImportRestApi / PutRestApi {@code parameters} ({@code basepath}, {@code ignore}) and the document's
 * {@code info.version}, through the real AWS SDK v2 client.
 */
abstract class ImportParametersTest extends ApiGatewayTestServer {

    static final class H2ImportParametersTest extends ImportParametersTest {
        @Override
        TestDatabase database() {
            return TestDatabase.H2;
        }
    }

    static final class PostgresImportParametersTest extends ImportParametersTest {
        @Override
        TestDatabase database() {
            return TestDatabase.POSTGRES;
        }
    }

    private static final String MOCK = """
            {"x-amazon-apigateway-integration": {"type": "mock", "requestTemplates": {"application/json": "{\\"statusCode\\": 200}"},
              "responses": {"default": {"statusCode": "200"}}}, "responses": {"200": {"description": "ok"}}}""";

    /** Swagger 2 with base path /a/b/c and paths /e, /f. */
    private static final String SWAGGER = """
            {"swagger": "2.0", "info": {"title": "based", "version": "3.1"}, "basePath": "/a/b/c",
             "paths": {"/e": {"get": %s}, "/f": {"post": %s}}}""".formatted(MOCK, MOCK);

    private String importWith(String document, Map<String, String> parameters) {
        return gw.importRestApi(b -> b.body(SdkBytes.fromUtf8String(document)).failOnWarnings(true)
                .parameters(parameters)).id();
    }

    private java.util.Set<String> paths(String apiId) {
        return new java.util.TreeSet<>(gw.getResources(b -> b.restApiId(apiId).limit(500)).items().stream()
                .map(Resource::path).toList());
    }

    @Test
    void basepathWhenIgnorePrependOrSplitThenResourcePathsAsApiGateway() {
        assertThat(paths(importWith(SWAGGER, Map.of()))).containsExactly("/", "/e", "/f");
        assertThat(paths(importWith(SWAGGER, Map.of("basepath", "ignore")))).containsExactly("/", "/e", "/f");
        assertThat(paths(importWith(SWAGGER, Map.of("basepath", "prepend"))))
                .containsExactly("/", "/a", "/a/b", "/a/b/c", "/a/b/c/e", "/a/b/c/f");
        assertThat(paths(importWith(SWAGGER, Map.of("basepath", "split"))))
                .containsExactly("/", "/b", "/b/c", "/b/c/e", "/b/c/f");

        String servers = """
                {"openapi": "3.0.1", "info": {"title": "oas", "version": "1"},
                 "servers": [{"url": "https://{host}/{basePath}", "variables": {"host": {"default": "example.com"},
                   "basePath": {"default": "/v1/shop"}}}],
                 "paths": {"/items": {"get": %s}}}""".formatted(MOCK);
        assertThat(paths(importWith(servers, Map.of("basepath", "prepend"))))
                .containsExactly("/", "/v1", "/v1/shop", "/v1/shop/items");
        String urlPath = """
                {"openapi": "3.0.1", "info": {"title": "oas", "version": "1"},
                 "servers": [{"url": "https://example.com/prod/shop/"}], "paths": {"/items": {"get": %s}}}""".formatted(MOCK);
        assertThat(paths(importWith(urlPath, Map.of("basepath", "split")))).containsExactly("/", "/shop", "/shop/items");

        String apiId = importWith(SWAGGER, Map.of());
        gw.putRestApi(b -> b.restApiId(apiId).mode("overwrite").failOnWarnings(true)
                .parameters(Map.of("basepath", "prepend")).body(SdkBytes.fromUtf8String(SWAGGER)));
        assertThat(paths(apiId)).containsExactly("/", "/a", "/a/b", "/a/b/c", "/a/b/c/e", "/a/b/c/f");
    }

    @Test
    void parametersWhenNotApiGatewaysThenBadRequestAndNothingImported() {
        int before = gw.getRestApis(b -> b.limit(500)).items().size();
        assertRefused(() -> importWith(SWAGGER, Map.of("basepath", "strip")), BadRequestException.class,
                "Invalid basepath parameter value: strip. Valid options are ignore,prepend,split");
        assertRefused(() -> importWith(SWAGGER, Map.of("ignore", "models")), BadRequestException.class,
                "Invalid ignore parameter value: models. Valid options are documentation");
        assertRefused(() -> importWith(SWAGGER, Map.of("endpointConfigurationTypes", "GLOBAL")), BadRequestException.class,
                "Invalid endpointConfigurationTypes parameter value: GLOBAL. Valid options are EDGE,REGIONAL,PRIVATE");
        assertRefused(() -> importWith(SWAGGER, Map.of("flavour", "x")), BadRequestException.class,
                "Invalid import parameter: flavour. Valid parameters are basepath,ignore,endpointConfigurationTypes");
        assertThat(gw.getRestApis(b -> b.limit(500)).items()).hasSize(before);
        assertThat(importWith(SWAGGER, Map.of("endpointConfigurationTypes", "REGIONAL"))).isNotBlank();
    }

    @Test
    void ignoreDocumentationWhenSetThenItsExtensionIsNoWarning() {
        String documented = SWAGGER.replace("\"basePath\"",
                "\"x-amazon-apigateway-documentation\": {\"version\": \"1\", \"documentationParts\": []}, \"basePath\"");
        assertRefused(() -> importWith(documented, Map.of()), BadRequestException.class,
                "Warnings found during import:\n\tIgnored top-level extension x-amazon-apigateway-documentation "
                        + "(not supported by Gatehouse)");
        assertThat(paths(importWith(documented, Map.of("ignore", "documentation")))).containsExactly("/", "/e", "/f");
    }

    @Test
    void infoVersionWhenImportedThenKeptOnTheApiAndExported() throws Exception {
        String apiId = importWith(SWAGGER, Map.of());
        assertThat(gw.getRestApi(b -> b.restApiId(apiId)).version()).isEqualTo("3.1");
        gw.createDeployment(b -> b.restApiId(apiId).stageName("prod"));

        byte[] exported = gw.getExport(b -> b.restApiId(apiId).stageName("prod").exportType("oas30")).body().asByteArray();

        assertThat(new ObjectMapper().readTree(exported).path("info").path("version").asText()).isEqualTo("3.1");
        gw.putRestApi(b -> b.restApiId(apiId).mode("merge").body(SdkBytes.fromUtf8String(SWAGGER.replace("3.1", "4.0"))));
        assertThat(gw.getRestApi(b -> b.restApiId(apiId)).version()).isEqualTo("4.0");
    }
}
