package dev.gatehouse.admin.apigateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.testing.SignedHttp;
import dev.gatehouse.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bad input of the management API answers 400 BadRequestException {@code {"message"}} (or
 * 404 for what does not exist), never a 500: through the AWS SDK v2 client where it can send the
 * mistake, and as raw signed HTTP for JSON the SDK cannot produce (wrong value kinds, broken bodies).
 */
abstract class ManagementValidationTest extends ApiGatewayTestServer {

    static final class H2ManagementValidationTest extends ManagementValidationTest {
        @Override
        TestDatabase database() {
            return TestDatabase.H2;
        }
    }

    static final class PostgresManagementValidationTest extends ManagementValidationTest {
        @Override
        TestDatabase database() {
            return TestDatabase.POSTGRES;
        }
    }

    /** Coral prints enum sets in HashSet order (EnumMessageOrder). */
    private static final String OPS = "[add, move, test, replace, copy, remove]";

    @Test
    void sdkInputsWhenWrongThenBadRequestWithApiGatewaysMessages() {
        Items api = items("validation");
        String longName = "n".repeat(1025);
        assertRefused(() -> gw.createRestApi(b -> b.description("no name")), BadRequestException.class,
                "1 validation error detected: Value null at 'createRestApiInput.name' failed to satisfy constraint: "
                        + "Member must not be null");
        assertRefused(() -> gw.createRestApi(b -> b.name(longName)), BadRequestException.class,
                "Invalid REST API name specified: the name must be at most 1024 characters");
        assertRefused(() -> gw.createAuthorizer(b -> b.restApiId(api.apiId()).type("COGNITO_USER_POOLS")),
                BadRequestException.class, "1 validation error detected: Value null at 'createAuthorizerInput.name' "
                        + "failed to satisfy constraint: Member must not be null");
        assertRefused(() -> gw.createAuthorizer(b -> b.restApiId(api.apiId()).name("a").type("FOO")),
                BadRequestException.class, "1 validation error detected: Value 'FOO' at 'createAuthorizerInput.type' "
                        + "failed to satisfy constraint: Member must satisfy enum value set: "
                        + "[COGNITO_USER_POOLS, REQUEST, JWT, TOKEN]");
        assertRefused(() -> gw.putMethod(b -> b.restApiId(api.apiId()).resourceId(api.rootId()).httpMethod("GET")
                        .authorizationType("FOO")), BadRequestException.class,
                "Invalid authorization type specified. Valid options are NONE,AWS_IAM,CUSTOM,COGNITO_USER_POOLS,JWT");
        assertRefused(() -> gw.putMethod(b -> b.restApiId(api.apiId()).resourceId(api.rootId()).httpMethod("GET")),
                BadRequestException.class, "1 validation error detected: Value null at 'putMethodInput.authorizationType' "
                        + "failed to satisfy constraint: Member must not be null");
        assertRefused(() -> gw.putMethod(b -> b.restApiId(api.apiId()).resourceId(api.rootId()).httpMethod("FETCH")
                        .authorizationType("NONE")), BadRequestException.class,
                "Invalid HttpMethod specified. Valid options are ANY,DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT");
        assertRefused(() -> gw.putIntegration(b -> b.restApiId(api.apiId()).resourceId(api.itemsId()).httpMethod("GET")
                        .type("LAMBDA")), BadRequestException.class,
                "1 validation error detected: Value 'LAMBDA' at 'putIntegrationInput.type' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [AWS_PROXY, HTTP, HTTP_PROXY, AWS, MOCK]");
        assertRefused(() -> gw.putIntegration(b -> b.restApiId(api.apiId()).resourceId(api.itemsId()).httpMethod("GET")
                        .type("HTTP_PROXY").integrationHttpMethod("GET").uri("http://127.0.0.1:9/").timeoutInMillis(30_000)),
                BadRequestException.class, "Timeout should be between 50 ms and 29000 ms");
        assertRefused(() -> gw.updateRestApi(b -> b.restApiId(api.apiId()).patchOperations(
                        PatchOperation.builder().op("delete").path("/name").value("x").build())), BadRequestException.class,
                "1 validation error detected: Value 'delete' at 'updateRestApiInput.patchOperations.1.member.op' "
                        + "failed to satisfy constraint: Member must satisfy enum value set: " + OPS);
        assertRefused(() -> gw.updateRestApi(b -> b.restApiId(api.apiId()).patchOperations(
                        PatchOperation.builder().op("replace").path("/apiKeySource").value("HEADER").build())),
                BadRequestException.class, "Invalid patch path '/apiKeySource' specified for op 'replace'");
        assertRefused(() -> gw.updateRestApi(b -> b.restApiId(api.apiId()).patchOperations(
                        PatchOperation.builder().op("replace").path("/name").build())),
                BadRequestException.class, "Invalid null value specified for path '/name'");
        assertRefused(() -> gw.createStage(b -> b.restApiId(api.apiId()).stageName("prod")),
                BadRequestException.class, "1 validation error detected: Value null at 'createStageInput.deploymentId' "
                        + "failed to satisfy constraint: Member must not be null");
        assertRefused(() -> gw.getMethodResponse(b -> b.restApiId(api.apiId()).resourceId(api.itemsId())
                        .httpMethod("GET").statusCode("999")), BadRequestException.class,
                "Invalid status code specified: must be a 3-digit HTTP status");
        assertRefused(() -> gw.getRestApis(b -> b.limit(501)), BadRequestException.class,
                "Invalid limit: must be between 1 and 500");
        assertRefused(() -> gw.tagResource(b -> b.resourceArn("arn:aws:apigateway:us-east-1::/restapis/" + api.apiId())
                        .tags(Map.of("k".repeat(129), "v"))), BadRequestException.class,
                "Invalid tag key: must be 1 to 128 characters");
        assertRefused(() -> gw.createDeployment(b -> b.restApiId(api.apiId()).stageName("s".repeat(129))),
                BadRequestException.class, "Stage name must be at most 128 characters");
        assertRefused(() -> gw.createDeployment(b -> b.restApiId(api.apiId()).stageName("prod stage")),
                BadRequestException.class, "Stage name only allows a-zA-Z0-9_-");
        assertRefused(() -> gw.untagResource(b -> b.resourceArn("arn:aws:apigateway:us-east-1::/restapis/" + api.apiId())),
                BadRequestException.class, "1 validation error detected: Value null at 'untagResourceInput.tagKeys' "
                        + "failed to satisfy constraint: Member must not be null");
        assertRefused(() -> gw.getRestApi(b -> b.restApiId("nosuchapi1")), NotFoundException.class,
                "Invalid API identifier specified 000000000000:nosuchapi1");
        assertThat(gw.getRestApi(b -> b.restApiId(api.apiId())).name()).isEqualTo("validation");
    }

    record Raw(String method, String path, String body, int status, String type, String message) {
    }

    @Test
    void rawBodiesWhenMalformedOrOfTheWrongKindThenBadRequestNeverA500() throws Exception {
        Items api = items("raw");
        String method = "/restapis/" + api.apiId() + "/resources/" + api.itemsId() + "/methods/GET";
        List<Raw> cases = List.of(
                new Raw("POST", "/restapis", "{\"name\": 5}", 400, "BadRequestException",
                        "NUMBER_VALUE can not be converted to a String"),
                new Raw("POST", "/restapis", "{\"name\": \"x\", \"tags\": [\"a\"]}", 400, "BadRequestException",
                        "Start of list found where not expected"),
                new Raw("POST", "/restapis", "{\"name\": \"x\", \"tags\": {\"a\": 1}}", 400, "BadRequestException",
                        "NUMBER_VALUE can not be converted to a String"),
                new Raw("POST", "/restapis", "{\"name\": \"x\", \"disableExecuteApiEndpoint\": \"yes\"}", 400,
                        "BadRequestException", "STRING_VALUE can not be converted to a Boolean"),
                new Raw("POST", "/restapis", "[{\"name\": \"x\"}]", 400, "BadRequestException",
                        "Start of list found where not expected"),
                new Raw("POST", "/restapis", "{\"name\": ", 400, "BadRequestException",
                        "Could not parse request body into json"),
                new Raw("POST", "/restapis", "{\"name\": \"a\", \"name\": \"b\"}", 400, "BadRequestException",
                        "Could not parse request body into json"),
                new Raw("PUT", method + "/integration", "{\"type\": \"MOCK\", \"timeoutInMillis\": \"fast\"}", 400,
                        "BadRequestException", "STRING_VALUE can not be converted to an Integer"),
                new Raw("PUT", method + "/integration", "{\"type\": \"MOCK\", \"timeoutInMillis\": 1.5}", 400,
                        "BadRequestException", "NUMBER_VALUE can not be converted to an Integer"),
                new Raw("PATCH", method, "{\"patchOperations\": {\"op\": \"add\"}}", 400, "BadRequestException",
                        "Start of structure or map found where not expected."),
                new Raw("PATCH", method, "{\"patchOperations\": [{\"op\": \"add\", \"path\": 7}]}", 400,
                        "BadRequestException", "NUMBER_VALUE can not be converted to a String"),
                new Raw("PUT", method + "/responses/200", "{\"responseParameters\": {\"x\": \"yes\"}}", 400,
                        "BadRequestException", "STRING_VALUE can not be converted to a Boolean"),
                new Raw("GET", "/restapis/" + api.apiId() + "/nonsense", "", 404, "NotFoundException",
                        "Invalid request path /restapis/" + api.apiId() + "/nonsense"),
                new Raw("GET", "/account", "", 400, "BadRequestException",
                        "Gatehouse does not implement GetAccount; see docs/compatibility.md."));
        ObjectMapper json = new ObjectMapper();
        for (Raw c : cases) {
            HttpResponse<String> response = SignedHttp.apiGateway(server, c.method(), c.path(), c.body());
            String what = c.method() + " " + c.path() + " " + c.body();
            assertThat(response.statusCode()).as(what).isEqualTo(c.status());
            assertThat(response.headers().firstValue("x-amzn-ErrorType")).as(what).hasValue(c.type());
            assertThat(json.readTree(response.body())).as(what)
                    .isEqualTo(json.createObjectNode().put("message", c.message()));
        }
        assertThat(gw.getIntegration(b -> b.restApiId(api.apiId()).resourceId(api.itemsId()).httpMethod("GET")).typeAsString())
                .isEqualTo("MOCK");
    }
}
