package dev.gatehouse.admin.apigateway.openapi;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every invalid document is one typed {@link OpenApiException} with a message that names the problem, fast. */
class OpenApiMalformedTest {

    private static final String HEAD = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\n";
    private static final String POOL = """
            components:
              securitySchemes:
                pool:
                  type: apiKey
                  name: Authorization
                  in: header
                  x-amazon-apigateway-authtype: cognito_user_pools
                  x-amazon-apigateway-authorizer: {type: cognito_user_pools, providerARNs: ["%s"]}
                key: {type: apiKey, name: x-api-key, in: header}
            """.formatted(OpenApiImporterTest.POOL_ARN);

    static String op(String path, String operation) {
        return HEAD + "paths:\n  " + path + ":\n    get:\n      responses: {}\n" + operation.indent(6);
    }

    static Stream<Arguments> documents() {
        return Stream.of(
                arguments("empty", new byte[0], "Invalid OpenAPI input."),
                arguments("not YAML", bytes("openapi: [unclosed\n  : : ]"), "Invalid OpenAPI input."),
                arguments("not JSON", bytes("{\"openapi\": \"3.0.1\",}"), "Invalid OpenAPI input."),
                arguments("a YAML scalar", bytes("just text"), "Invalid OpenAPI input."),
                arguments("binary", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2}, "Invalid OpenAPI input."),
                arguments("not OpenAPI", bytes("{\"name\": \"x\", \"paths\": {}}"), "Invalid OpenAPI input."),
                arguments("OpenAPI 1.x", bytes("swagger: '1.2'\npaths: {}"), "Invalid OpenAPI input."),
                arguments("duplicate keys", bytes(HEAD + "paths: {}\npaths: {}\n"), "Invalid OpenAPI input."),
                arguments("no title", bytes("openapi: 3.0.1\ninfo: {version: '1'}\npaths: {}"), "info.title is required"),
                arguments("path without leading slash", bytes(op("items", "")), "a path must begin with '/'"),
                arguments("greedy not last", bytes(op("/a/{proxy+}/b", "")), "must be the last path part"),
                arguments("bad path part", bytes(op("/a b", "")), "Resource's path part only allow"),
                arguments("two variable siblings", bytes(HEAD + "paths:\n  /a/{id}: {}\n  /a/{name}: {}\n"), "only one is allowed"),
                arguments("unknown integration type", bytes(op("/a", "x-amazon-apigateway-integration: {type: lambda}")),
                        "Invalid integration type specified: lambda"),
                arguments("timeout 30000", bytes(op("/a", "x-amazon-apigateway-integration: {type: mock, timeoutInMillis: 30000}")),
                        "Timeout should be between 50 ms and 29000 ms"),
                arguments("timeout 49", bytes(op("/a", "x-amazon-apigateway-integration: {type: mock, timeoutInMillis: 49}")),
                        "Timeout should be between 50 ms and 29000 ms"),
                arguments("http without uri", bytes(op("/a", "x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET}")),
                        "needs a uri"),
                arguments("http uri not a URL", bytes(op("/a", "x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: 'not a url'}")),
                        "Invalid HTTP endpoint specified for URI"),
                arguments("bad passthrough", bytes(op("/a", "x-amazon-apigateway-integration: {type: mock, passthroughBehavior: always}")),
                        "Invalid passthrough behavior"),
                arguments("undeclared mapping source", bytes(op("/a", "x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, "
                        + "uri: 'https://b.example', requestParameters: {integration.request.header.A: method.request.header.Authorization}}")),
                        "Invalid mapping expression parameter specified: method.request.header.Authorization"),
                arguments("bad integration response status", bytes(op("/a", "x-amazon-apigateway-integration: {type: mock, responses: {default: {statusCode: ok}}}")),
                        "statusCode must be a 3-digit HTTP status"),
                arguments("security scheme missing", bytes(op("/a", "security: [{nope: []}]")), "'nope' is not defined"),
                arguments("scopes on a non-cognito scheme", bytes(op("/a", "security: [{key: [a/b]}]") + POOL),
                        "Authorization scopes are only supported"),
                arguments("oauth2 scheme without extension", bytes(op("/a", "security: [{o: [a/b]}]")
                        + "components: {securitySchemes: {o: {type: oauth2, flows: {}}}}"), "without x-amazon-apigateway-authorizer is not supported"),
                arguments("pool ARN malformed", bytes(op("/a", "") + POOL.replace(OpenApiImporterTest.POOL_ARN, "arn:aws:s3:::bucket")),
                        "Invalid user pool ARN"),
                arguments("ttl 3601", bytes(op("/a", "") + POOL.replace("providerARNs", "authorizerResultTtlInSeconds: 3601, providerARNs")),
                        "authorizerResultTtlInSeconds must be between 0 and 3600"),
                arguments("jwt without issuer", bytes(op("/a", "") + "components: {securitySchemes: {j: {type: oauth2, "
                        + "x-amazon-apigateway-authorizer: {type: jwt, jwtConfiguration: {audience: [x]}}}}}"), "jwtConfiguration.issuer is required"),
                arguments("path parameter not in path", bytes(op("/a", "parameters: [{name: id, in: path, required: true}]")),
                        "path parameter 'id' is not a variable of the path"),
                arguments("paths not an object", bytes(HEAD + "paths: [1, 2]"), "paths must be an object"),
                arguments("operation not an object", bytes(HEAD + "paths:\n  /a:\n    get: 3\n"), "expected an operation object"),
                arguments("10 MiB document", tenMiB(), "exceeds the limit of 5242880 bytes"),
                arguments("YAML alias bomb", aliasBomb(), "Invalid OpenAPI input."),
                arguments("unknown alias", bytes(HEAD + "paths: *nothing\n"), "Invalid OpenAPI input."),
                arguments("deep nesting", bytes(HEAD + "x-deep: " + "[".repeat(5000) + "]".repeat(5000)), "Invalid OpenAPI input."),
                arguments("YAML arbitrary type tag", bytes(HEAD + "paths: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]"),
                        "paths must be an object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    @Timeout(5)
    void documentWhenInvalidThenOpenApiExceptionNamingTheProblem(String name, byte[] document, String message) {
        assertThatThrownBy(() -> new OpenApiImporter().read(document, ImportOptions.newApi("api1", false, OpenApiImporterTest.ids())))
                .isInstanceOfSatisfying(OpenApiException.class, e -> {
                    assertThat(e.getMessage()).contains(message);
                    assertThat(e.errorType()).isEqualTo("BadRequestException");
                    if (!message.startsWith("Invalid OpenAPI input") && !message.contains("exceeds")) {
                        assertThat(e.getMessage()).startsWith("Errors found during import:\n\t");
                    }
                });
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] tenMiB() {
        StringBuilder doc = new StringBuilder(HEAD).append("paths: {}\nx-padding: \"");
        doc.append("a".repeat(10 * 1024 * 1024)).append("\"\n");
        return bytes(doc.toString());
    }

    /** Billion laughs: 9 levels of 9 aliases each would expand to 9^9 nodes. */
    private static byte[] aliasBomb() {
        StringBuilder doc = new StringBuilder(HEAD).append("paths: {}\nx-lol0: &l0 [lol]\n");
        for (int i = 1; i <= 9; i++) {
            doc.append("x-lol").append(i).append(": &l").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                doc.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
            }
            doc.append("]\n");
        }
        return bytes(doc.toString());
    }
}
