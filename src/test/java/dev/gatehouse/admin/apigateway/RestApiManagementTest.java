package dev.gatehouse.admin.apigateway;

import dev.gatehouse.model.api.ApiMethod;
import dev.gatehouse.model.api.ApiResource;
import dev.gatehouse.model.api.DeployedStage;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiGatewayException;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.apigateway.model.CreateRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.GetResourcesResponse;
import software.amazon.awssdk.services.apigateway.model.GetRestApisResponse;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;
import software.amazon.awssdk.services.apigateway.model.Resource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The API Gateway management API through the real AWS SDK v2 client (issue 4 walkthrough). */
class RestApiManagementTest {

    /** The walkthrough: what a deploy to prod leaves in the stage lookup. */
    record Walkthrough(String apiId, String itemsId, String proxyId, String authorizerId, String poolArn) {
    }

    private static Walkthrough build(TestServer server, ApiGatewayClient gw) {
        String poolId = server.cognito().createUserPool(b -> b.poolName("shop")).userPool().id();
        String poolArn = server.cognito().describeUserPool(b -> b.userPoolId(poolId)).userPool().arn();
        CreateRestApiResponse api = gw.createRestApi(b -> b.name("shop-api").description("items"));
        String apiId = api.id();
        String itemsId = gw.createResource(b -> b.restApiId(apiId).parentId(api.rootResourceId()).pathPart("items")).id();
        String proxyId = gw.createResource(b -> b.restApiId(apiId).parentId(itemsId).pathPart("{proxy+}")).id();
        String authorizerId = gw.createAuthorizer(b -> b.restApiId(apiId).name("pool").type("COGNITO_USER_POOLS")
                .providerARNs(poolArn).identitySource("method.request.header.Authorization")).id();
        for (String method : List.of("GET", "POST")) {
            gw.putMethod(b -> b.restApiId(apiId).resourceId(itemsId).httpMethod(method)
                    .authorizationType("COGNITO_USER_POOLS").authorizerId(authorizerId)
                    .authorizationScopes("shop/" + method.toLowerCase(java.util.Locale.ROOT)));
            gw.putIntegration(b -> b.restApiId(apiId).resourceId(itemsId).httpMethod(method).type("HTTP_PROXY")
                    .integrationHttpMethod(method).uri("http://127.0.0.1:9/items"));
        }
        gw.putMethod(b -> b.restApiId(apiId).resourceId(proxyId).httpMethod("ANY")
                .authorizationType("COGNITO_USER_POOLS").authorizerId(authorizerId).authorizationScopes("shop/read")
                .requestParameters(java.util.Map.of("method.request.path.proxy", true)));
        gw.putIntegration(b -> b.restApiId(apiId).resourceId(proxyId).httpMethod("ANY").type("HTTP_PROXY")
                .integrationHttpMethod("ANY").uri("http://127.0.0.1:9/items/{proxy}")
                .requestParameters(java.util.Map.of("integration.request.path.proxy", "method.request.path.proxy")));
        gw.createDeployment(b -> b.restApiId(apiId).stageName("prod"));
        return new Walkthrough(apiId, itemsId, proxyId, authorizerId, poolArn);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void walkthroughWhenDeployedToProdThenTheStageLookupHoldsExactlyThatDefinition(TestDatabase database) {
        try (TestServer server = TestServer.start(database); ApiGatewayClient gw = server.apiGateway()) {
            Walkthrough w = build(server, gw);

            DeployedStage prod = server.server().components().stageLookup().stage(w.apiId(), "prod").orElseThrow();
            assertThat(prod.region()).isEqualTo("us-east-1");
            assertThat(prod.stage().stageName()).isEqualTo("prod");
            assertThat(prod.definition().resources()).extracting(ApiResource::path)
                    .containsExactlyInAnyOrder("/", "/items", "/items/{proxy+}");
            ApiResource items = prod.definition().resourceAt("/items").orElseThrow();
            assertThat(items.methods()).containsOnlyKeys("GET", "POST");
            ApiMethod get = items.methods().get("GET");
            assertThat(get.authorizationType()).isEqualTo("COGNITO_USER_POOLS");
            assertThat(get.authorizerId()).isEqualTo(w.authorizerId());
            assertThat(get.authorizationScopes()).containsExactly("shop/get");
            assertThat(get.integration().type()).isEqualTo("HTTP_PROXY");
            assertThat(get.integration().uri()).isEqualTo("http://127.0.0.1:9/items");
            assertThat(get.integration().timeoutInMillis()).isEqualTo(29_000);
            ApiMethod any = prod.definition().resourceAt("/items/{proxy+}").orElseThrow().methods().get("ANY");
            assertThat(any.integration().requestParameters())
                    .containsEntry("integration.request.path.proxy", "method.request.path.proxy");
            assertThat(prod.definition().authorizer(w.authorizerId()).orElseThrow().providerArns())
                    .containsExactly(w.poolArn());
            assertThat(prod.definition().authorizer(w.authorizerId()).orElseThrow().resultTtlSeconds()).isEqualTo(300);

            GetResourcesResponse resources = gw.getResources(b -> b.restApiId(w.apiId()).embed("methods"));
            Resource itemsOut = resources.items().stream().filter(r -> r.path().equals("/items")).findFirst().orElseThrow();
            assertThat(itemsOut.resourceMethods().get("GET").methodIntegration().uri()).isEqualTo("http://127.0.0.1:9/items");
            assertThat(itemsOut.resourceMethods().get("GET").authorizationScopes()).containsExactly("shop/get");
            assertThat(gw.getStage(b -> b.restApiId(w.apiId()).stageName("prod")).deploymentId())
                    .isEqualTo(prod.stage().deploymentId());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void updatesWhenPatchedThenScopesChangeAndOnlyARedeploySwapsTheStage(TestDatabase database) {
        try (TestServer server = TestServer.start(database); ApiGatewayClient gw = server.apiGateway()) {
            Walkthrough w = build(server, gw);
            var updated = gw.updateMethod(b -> b.restApiId(w.apiId()).resourceId(w.itemsId()).httpMethod("GET")
                    .patchOperations(PatchOperation.builder().op(Op.ADD).path("/authorizationScopes").value("shop/admin").build(),
                            PatchOperation.builder().op(Op.REMOVE).path("/authorizationScopes").value("shop/get").build()));
            assertThat(updated.authorizationScopes()).containsExactly("shop/admin");
            var lookup = server.server().components().stageLookup();
            assertThat(lookup.stage(w.apiId(), "prod").orElseThrow().definition().resourceAt("/items").orElseThrow()
                    .methods().get("GET").authorizationScopes()).containsExactly("shop/get");
            String oldDeployment = lookup.stage(w.apiId(), "prod").orElseThrow().stage().deploymentId();

            String newDeployment = gw.createDeployment(b -> b.restApiId(w.apiId()).stageName("prod")).id();

            DeployedStage prod = lookup.stage(w.apiId(), "prod").orElseThrow();
            assertThat(prod.stage().deploymentId()).isEqualTo(newDeployment);
            assertThat(prod.definition().resourceAt("/items").orElseThrow().methods().get("GET").authorizationScopes())
                    .containsExactly("shop/admin");

            gw.updateStage(b -> b.restApiId(w.apiId()).stageName("prod").patchOperations(
                    PatchOperation.builder().op(Op.REPLACE).path("/deploymentId").value(oldDeployment).build(),
                    PatchOperation.builder().op(Op.REPLACE).path("/*/*/throttling/rateLimit").value("10").build(),
                    PatchOperation.builder().op(Op.REPLACE).path("/*/*/throttling/burstLimit").value("5").build(),
                    PatchOperation.builder().op(Op.REPLACE).path("/variables/backend").value("b1").build()));
            DeployedStage moved = lookup.stage(w.apiId(), "prod").orElseThrow();
            assertThat(moved.stage().deploymentId()).isEqualTo(oldDeployment);
            assertThat(moved.stage().throttle().rateLimit()).isEqualTo(10.0);
            assertThat(moved.stage().throttle().burstLimit()).isEqualTo(5);
            assertThat(moved.stage().variables()).containsEntry("backend", "b1");
            assertThat(moved.definition().resourceAt("/items").orElseThrow().methods().get("GET").authorizationScopes())
                    .containsExactly("shop/get");
            assertThat(gw.getStage(b -> b.restApiId(w.apiId()).stageName("prod")).methodSettings().get("*/*")
                    .throttlingRateLimit()).isEqualTo(10.0);

            gw.deleteStage(b -> b.restApiId(w.apiId()).stageName("prod"));
            assertThat(lookup.stage(w.apiId(), "prod")).isEmpty();
            gw.deleteDeployment(b -> b.restApiId(w.apiId()).deploymentId(newDeployment));
            gw.deleteRestApi(b -> b.restApiId(w.apiId()));
            assertThatThrownBy(() -> gw.getRestApi(b -> b.restApiId(w.apiId()))).isInstanceOf(NotFoundException.class);
        }
    }

    record Refusal(String name, Class<? extends ApiGatewayException> type, String message) {
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void mistakesWhenMadeThenApiGatewaysExceptionsAndMessages(TestDatabase database) {
        try (TestServer server = TestServer.start(database); ApiGatewayClient gw = server.apiGateway()) {
            Walkthrough w = build(server, gw);
            String deployment = gw.getStage(b -> b.restApiId(w.apiId()).stageName("prod")).deploymentId();
            List<Object[]> cases = List.of(
                    refusal(() -> gw.getRestApi(b -> b.restApiId("nosuchapi1")), NotFoundException.class,
                            "Invalid API identifier specified 000000000000:nosuchapi1"),
                    refusal(() -> gw.getResource(b -> b.restApiId(w.apiId()).resourceId("nosuchres1")),
                            NotFoundException.class, "Invalid Resource identifier specified"),
                    refusal(() -> gw.getMethod(b -> b.restApiId(w.apiId()).resourceId(w.itemsId()).httpMethod("PUT")),
                            NotFoundException.class, "Invalid Method identifier specified"),
                    refusal(() -> gw.createResource(b -> b.restApiId(w.apiId()).parentId(
                            gw.getRestApi(r -> r.restApiId(w.apiId())).rootResourceId()).pathPart("items")),
                            ConflictException.class, "Another resource with the same parent already has this name: items"),
                    refusal(() -> gw.createResource(b -> b.restApiId(w.apiId()).parentId(w.proxyId()).pathPart("x")),
                            BadRequestException.class, "Cannot create a child of a resource with a greedy path variable: {proxy+}"),
                    refusal(() -> gw.deleteDeployment(b -> b.restApiId(w.apiId()).deploymentId(deployment)),
                            BadRequestException.class, "Active stages pointing to this deployment must be moved or deleted"),
                    refusal(() -> gw.updateMethod(b -> b.restApiId(w.apiId()).resourceId(w.itemsId()).httpMethod("GET")
                                    .patchOperations(PatchOperation.builder().op(Op.REPLACE).path("/nonsense").value("x").build())),
                            BadRequestException.class, "Invalid patch path '/nonsense' specified for op 'replace'"),
                    refusal(() -> gw.putMethod(b -> b.restApiId(w.apiId()).resourceId(w.itemsId()).httpMethod("DELETE")
                                    .authorizationType("COGNITO_USER_POOLS").authorizerId("nosuchauth")),
                            BadRequestException.class, "Invalid authorizer ID specified. Setting the authorization type to "
                                    + "COGNITO_USER_POOLS requires a valid authorizer."),
                    refusal(() -> gw.putMethod(b -> b.restApiId(w.apiId()).resourceId(w.itemsId()).httpMethod("GET")
                                    .authorizationType("NONE")),
                            ConflictException.class, "Method already exists for this resource"),
                    refusal(() -> gw.createAuthorizer(b -> b.restApiId(w.apiId()).name("x").type("COGNITO_USER_POOLS")
                                    .providerARNs("arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_nosuch")),
                            BadRequestException.class, "Invalid Cognito user pool specified: "
                                    + "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_nosuch"));
            for (Object[] c : cases) {
                @SuppressWarnings("unchecked")
                Supplier<Object> call = (Supplier<Object>) c[0];
                assertThatThrownBy(call::get).as(String.valueOf(c[2])).isInstanceOf((Class<?>) c[1])
                        .satisfies(e -> assertThat(((ApiGatewayException) e).awsErrorDetails().errorMessage())
                                .isEqualTo(c[2]));
            }
        }
    }

    private static Object[] refusal(Supplier<Object> call, Class<?> type, String message) {
        return new Object[] {call, type, message};
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void listsWhenPagedOrAskedFromAnotherRegionThenEachApiOnceAndRegionsApart(TestDatabase database) throws Exception {
        try (TestServer server = TestServer.start(database); ApiGatewayClient gw = server.apiGateway();
             ApiGatewayClient eu = server.apiGateway("eu-west-1")) {
            Set<String> created = new HashSet<>();
            for (int i = 0; i < 5; i++) {
                String name = "api-" + i;
                created.add(gw.createRestApi(b -> b.name(name)).id());
            }
            Set<String> seen = new HashSet<>();
            String position = null;
            int pages = 0;
            do {
                String from = position;
                GetRestApisResponse page = gw.getRestApis(b -> b.limit(2).position(from));
                assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
                page.items().forEach(api -> assertThat(seen.add(api.id())).isTrue());
                position = page.position();
                pages++;
            } while (position != null);
            assertThat(seen).isEqualTo(created);
            assertThat(pages).isEqualTo(3);

            assertThat(eu.getRestApis(b -> b.limit(500)).items()).isEmpty();
            String one = created.iterator().next();
            assertThatThrownBy(() -> eu.getRestApi(b -> b.restApiId(one))).isInstanceOf(NotFoundException.class);

            HttpResponse<String> unsigned = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(server.baseUrl() + "/restapis")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(unsigned.statusCode()).isEqualTo(403);
            assertThat(unsigned.headers().firstValue("x-amzn-ErrorType")).hasValue("MissingAuthenticationTokenException");
            assertThat(unsigned.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
        }
    }
}
