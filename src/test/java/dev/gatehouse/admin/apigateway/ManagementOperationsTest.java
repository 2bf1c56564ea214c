package dev.gatehouse.admin.apigateway;

import dev.gatehouse.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.GetMethodResponseResponse;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Method and integration responses, tags on APIs and stages, the API's version and the operations
 * Gatehouse does not implement, through the real AWS SDK v2 client.
 */
abstract class ManagementOperationsTest extends ApiGatewayTestServer {

    static final class H2ManagementOperationsTest extends ManagementOperationsTest {
        @Override
        TestDatabase database() {
            return TestDatabase.H2;
        }
    }

    static final class PostgresManagementOperationsTest extends ManagementOperationsTest {
        @Override
        TestDatabase database() {
            return TestDatabase.POSTGRES;
        }
    }

    private static PatchOperation patch(Op op, String path, String value) {
        return PatchOperation.builder().op(op).path(path).value(value).build();
    }

    @Test
    void methodResponseWhenPutPatchedAndDeletedThenEachCallSeesTheLastWrite() {
        Items api = items("method-responses");
        gw.putMethodResponse(b -> b.restApiId(api.apiId()).resourceId(api.itemsId()).httpMethod("GET").statusCode("200")
                .responseParameters(Map.of("method.response.header.X-Trace", false))
                .responseModels(Map.of("application/json", "Empty")));

        var updated = gw.updateMethodResponse(b -> b.restApiId(api.apiId()).resourceId(api.itemsId()).httpMethod("GET")
                .statusCode("200").patchOperations(
                        patch(Op.REPLACE, "/responseParameters/method.response.header.X-Trace", "true"),
                        patch(Op.ADD, "/responseParameters/method.response.header.X-Id", "false"),
                        patch(Op.REMOVE, "/responseModels/application~1json", null),
                        patch(Op.ADD, "/responseModels/text~1plain", "Text")));

        assertThat(updated.statusCode()).isEqualTo("200");
        assertThat(updated.responseParameters()).isEqualTo(Map.of(
                "method.response.header.X-Trace", true, "method.response.header.X-Id", false));
        assertThat(updated.responseModels()).isEqualTo(Map.of("text/plain", "Text"));
        GetMethodResponseResponse read = gw.getMethodResponse(b -> b.restApiId(api.apiId()).resourceId(api.itemsId())
                .httpMethod("GET").statusCode("200"));
        assertThat(read.responseParameters()).isEqualTo(updated.responseParameters());
        assertThat(read.responseModels()).isEqualTo(updated.responseModels());
        assertThat(gw.getMethod(b -> b.restApiId(api.apiId()).resourceId(api.itemsId()).httpMethod("GET"))
                .methodResponses()).containsOnlyKeys("200");

        gw.deleteMethodResponse(b -> b.restApiId(api.apiId()).resourceId(api.itemsId()).httpMethod("GET").statusCode("200"));

        assertRefused(() -> gw.getMethodResponse(b -> b.restApiId(api.apiId()).resourceId(api.itemsId())
                .httpMethod("GET").statusCode("200")), NotFoundException.class, "Invalid Response status code specified");
        assertRefused(() -> gw.deleteMethodResponse(b -> b.restApiId(api.apiId()).resourceId(api.itemsId())
                .httpMethod("GET").statusCode("200")), NotFoundException.class, "Invalid Response status code specified");
        assertRefused(() -> gw.updateMethodResponse(b -> b.restApiId(api.apiId()).resourceId(api.itemsId())
                        .httpMethod("GET").statusCode("404").patchOperations(patch(Op.ADD, "/responseModels/a", "b"))),
                NotFoundException.class, "Invalid Response status code specified");
        assertThat(gw.getMethod(b -> b.restApiId(api.apiId()).resourceId(api.itemsId()).httpMethod("GET"))
                .methodResponses()).isEmpty();
    }

    @Test
    void integrationResponseWhenPutPatchedAndDeletedThenEachCallSeesTheLastWrite() {
        Items api = items("integration-responses");
        gw.putIntegrationResponse(b -> b.restApiId(api.apiId()).resourceId(api.itemsId()).httpMethod("GET")
                .statusCode("200").selectionPattern("2\\d\\d")
                .responseTemplates(Map.of("application/json", "{}")));

        var updated = gw.updateIntegrationResponse(b -> b.restApiId(api.apiId()).resourceId(api.itemsId())
                .httpMethod("GET").statusCode("200").patchOperations(
                        patch(Op.REPLACE, "/selectionPattern", "200"),
                        patch(Op.ADD, "/responseParameters/method.response.header.X-Id", "'static'"),
                        patch(Op.REPLACE, "/responseTemplates/application~1json", "{\"ok\":true}")));

        assertThat(updated.selectionPattern()).isEqualTo("200");
        assertThat(updated.responseParameters()).isEqualTo(Map.of("method.response.header.X-Id", "'static'"));
        assertThat(updated.responseTemplates()).isEqualTo(Map.of("application/json", "{\"ok\":true}"));
        var read = gw.getIntegrationResponse(b -> b.restApiId(api.apiId()).resourceId(api.itemsId())
                .httpMethod("GET").statusCode("200"));
        assertThat(read.selectionPattern()).isEqualTo("200");
        assertThat(read.responseTemplates()).isEqualTo(updated.responseTemplates());
        assertRefused(() -> gw.updateIntegrationResponse(b -> b.restApiId(api.apiId()).resourceId(api.itemsId())
                        .httpMethod("GET").statusCode("200").patchOperations(patch(Op.REPLACE, "/statusCode", "201"))),
                BadRequestException.class, "Invalid patch path '/statusCode' specified for op 'replace'");
        assertRefused(() -> gw.putIntegrationResponse(b -> b.restApiId(api.apiId()).resourceId(api.itemsId())
                        .httpMethod("GET").statusCode("500").selectionPattern("5(")),
                BadRequestException.class, "Invalid selection pattern specified: 5(");

        gw.deleteIntegrationResponse(b -> b.restApiId(api.apiId()).resourceId(api.itemsId()).httpMethod("GET")
                .statusCode("200"));

        assertRefused(() -> gw.getIntegrationResponse(b -> b.restApiId(api.apiId()).resourceId(api.itemsId())
                .httpMethod("GET").statusCode("200")), NotFoundException.class, "Invalid Response status code specified");
        assertThat(gw.getIntegration(b -> b.restApiId(api.apiId()).resourceId(api.itemsId()).httpMethod("GET"))
                .integrationResponses()).isEmpty();
    }

    @Test
    void tagsWhenOnApiAndStageThenEachKeepsItsOwnAndLimitsHold() {
        Items api = items("tags");
        String deploymentId = gw.createDeployment(b -> b.restApiId(api.apiId())).id();
        gw.createStage(b -> b.restApiId(api.apiId()).stageName("prod").deploymentId(deploymentId)
                .tags(Map.of("team", "shop")));
        String apiArn = "arn:aws:apigateway:us-east-1::/restapis/" + api.apiId();
        String stageArn = apiArn + "/stages/prod";

        gw.tagResource(b -> b.resourceArn(apiArn).tags(Map.of("env", "dev")));
        gw.tagResource(b -> b.resourceArn(stageArn).tags(Map.of("cost", "42")));
        gw.untagResource(b -> b.resourceArn(stageArn).tagKeys("team", "missing"));

        assertThat(gw.getTags(b -> b.resourceArn(apiArn)).tags()).isEqualTo(Map.of("env", "dev"));
        assertThat(gw.getTags(b -> b.resourceArn(stageArn)).tags()).isEqualTo(Map.of("cost", "42"));
        assertThat(gw.getStage(b -> b.restApiId(api.apiId()).stageName("prod")).tags()).isEqualTo(Map.of("cost", "42"));
        assertThat(gw.getRestApi(b -> b.restApiId(api.apiId())).tags()).isEqualTo(Map.of("env", "dev"));
        // A new deployment to the stage keeps its tags.
        gw.createDeployment(b -> b.restApiId(api.apiId()).stageName("prod"));
        assertThat(gw.getTags(b -> b.resourceArn(stageArn)).tags()).isEqualTo(Map.of("cost", "42"));

        Map<String, String> fifty = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            fifty.put("k" + i, "v");
        }
        assertRefused(() -> gw.tagResource(b -> b.resourceArn(stageArn).tags(fifty)), BadRequestException.class,
                "Too many tags: a resource can have at most 50 tags");
        assertRefused(() -> gw.tagResource(b -> b.resourceArn(apiArn).tags(Map.of("aws:owner", "x"))),
                BadRequestException.class, "Invalid tag key: the prefix 'aws:' is reserved for AWS use");
        assertRefused(() -> gw.getTags(b -> b.resourceArn(apiArn + "/stages/nosuch")), NotFoundException.class,
                "Invalid Stage identifier specified");
        assertRefused(() -> gw.getTags(b -> b.resourceArn("arn:aws:apigateway:us-east-1::/apikeys/abc")),
                BadRequestException.class, "Invalid ARN specified in the request");
        assertThat(gw.getTags(b -> b.resourceArn(stageArn)).tags()).isEqualTo(Map.of("cost", "42"));
    }

    @Test
    void versionWhenCreatedAndPatchedThenGetRestApiShowsIt() {
        String apiId = gw.createRestApi(b -> b.name("versioned").version("1.0.0")).id();
        assertThat(gw.getRestApi(b -> b.restApiId(apiId)).version()).isEqualTo("1.0.0");

        var updated = gw.updateRestApi(b -> b.restApiId(apiId).patchOperations(patch(Op.REPLACE, "/version", "2.0")));

        assertThat(updated.version()).isEqualTo("2.0");
        assertThat(gw.getRestApis(b -> b.limit(500)).items()).filteredOn(a -> a.id().equals(apiId))
                .singleElement().satisfies(a -> assertThat(a.version()).isEqualTo("2.0"));
        assertThat(gw.createRestApi(b -> b.name("unversioned")).version()).isNull();
    }

    @Test
    void operationsGatehouseDoesNotImplementWhenCalledThenBadRequestNamingThem() {
        Items api = items("unsupported");
        assertRefused(() -> gw.getModels(b -> b.restApiId(api.apiId())), BadRequestException.class,
                "Gatehouse does not implement GetModels; see docs/compatibility.md.");
        assertRefused(() -> gw.testInvokeMethod(b -> b.restApiId(api.apiId()).resourceId(api.itemsId()).httpMethod("GET")),
                BadRequestException.class, "Gatehouse does not implement TestInvokeMethod; see docs/compatibility.md.");
        assertRefused(() -> gw.getAccount(b -> { }), BadRequestException.class,
                "Gatehouse does not implement GetAccount; see docs/compatibility.md.");
        assertRefused(() -> gw.createApiKey(b -> b.name("k")), BadRequestException.class,
                "Gatehouse does not implement CreateApiKey; see docs/compatibility.md.");
        assertRefused(() -> gw.getVpcLinks(b -> { }), BadRequestException.class,
                "Gatehouse does not implement GetVpcLinks; see docs/compatibility.md.");
    }
}
