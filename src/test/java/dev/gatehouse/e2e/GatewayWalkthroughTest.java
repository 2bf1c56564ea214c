package dev.gatehouse.e2e;

import dev.gatehouse.config.NetworkTransport;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.transport.Transport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.CreateRestApiResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceServerScopeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 4's walkthrough through real clients only, on one Gatehouse: the AWS SDK's Cognito client
 * makes a pool, scopes and an M2M client; its API Gateway client makes a REST API with a
 * COGNITO_USER_POOLS authorizer, scoped methods and HTTP_PROXY integrations to a real backend, and
 * deploys it to {@code prod}; then plain HTTP, as curl sends it, calls
 * {@code {apiId}.execute-api.us-east-1.localhost/prod/items} with and without a token.
 */
class GatewayWalkthroughTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void walkthroughWhenDeployedThenTheGatewayAdmitsOnlyTokensWithTheMethodsScope(TestDatabase database)
            throws Exception {
        walkthrough(database, NetworkTransport.AUTO);
    }

    /** The same on each transport this host can run (the suite's other tests run on the default one). */
    @ParameterizedTest
    @EnumSource(value = NetworkTransport.class, names = {"IO_URING", "EPOLL", "NIO"})
    void walkthroughOnEachTransportThenTheSameAnswers(NetworkTransport transport) throws Exception {
        Transport vertxTransport = switch (transport) {
            case IO_URING -> Transport.IO_URING;
            case EPOLL -> Transport.EPOLL;
            default -> Transport.NIO;
        };
        assumeTrue(vertxTransport.available(), transport.optionName() + " is not available on this host");
        walkthrough(TestDatabase.H2, transport);
    }

    private static void walkthrough(TestDatabase database, NetworkTransport transport) throws Exception {
        Vertx vertx = Vertx.vertx();
        HttpServer backend = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body ->
                request.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                        .put("method", request.method().name())
                        .put("uri", request.uri())
                        .put("caller", request.getHeader("X-Caller-Client"))
                        .encode()))).listen(0, "127.0.0.1").await();
        try (TestServer server = TestServer.start(database, config -> config.withTransport(transport));
             CognitoIdentityProviderClient cognito = server.cognito();
             ApiGatewayClient gw = server.apiGateway()) {
            if (transport != NetworkTransport.AUTO) {
                assertThat(server.server().components().transportName()).isEqualTo(transport.optionName());
            }
            String poolId = cognito.createUserPool(r -> r.poolName("shop")).userPool().id();
            String poolArn = cognito.describeUserPool(r -> r.userPoolId(poolId)).userPool().arn();
            cognito.createResourceServer(r -> r.userPoolId(poolId).identifier("shop").name("Shop").scopes(
                    scope("get"), scope("post"), scope("read")));
            UserPoolClientType client = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("reader")
                    .generateSecret(true).allowedOAuthFlows(OAuthFlowType.CLIENT_CREDENTIALS)
                    .allowedOAuthScopes("shop/get", "shop/read").allowedOAuthFlowsUserPoolClient(true)).userPoolClient();

            String origin = "http://127.0.0.1:" + backend.actualPort();
            CreateRestApiResponse api = gw.createRestApi(r -> r.name("shop-api"));
            String apiId = api.id();
            String items = gw.createResource(r -> r.restApiId(apiId).parentId(api.rootResourceId()).pathPart("items")).id();
            String proxy = gw.createResource(r -> r.restApiId(apiId).parentId(items).pathPart("{proxy+}")).id();
            String authorizer = gw.createAuthorizer(r -> r.restApiId(apiId).name("pool").type("COGNITO_USER_POOLS")
                    .providerARNs(poolArn).identitySource("method.request.header.Authorization")).id();
            for (String method : List.of("GET", "POST")) {
                gw.putMethod(r -> r.restApiId(apiId).resourceId(items).httpMethod(method)
                        .authorizationType("COGNITO_USER_POOLS").authorizerId(authorizer)
                        .authorizationScopes("shop/" + method.toLowerCase(Locale.ROOT)));
                gw.putIntegration(r -> r.restApiId(apiId).resourceId(items).httpMethod(method).type("HTTP_PROXY")
                        .integrationHttpMethod(method).uri(origin + "/items")
                        .requestParameters(Map.of("integration.request.header.X-Caller-Client",
                                "context.authorizer.claims.client_id")));
            }
            gw.putMethod(r -> r.restApiId(apiId).resourceId(proxy).httpMethod("ANY")
                    .authorizationType("COGNITO_USER_POOLS").authorizerId(authorizer).authorizationScopes("shop/read")
                    .requestParameters(Map.of("method.request.path.proxy", true)));
            gw.putIntegration(r -> r.restApiId(apiId).resourceId(proxy).httpMethod("ANY").type("HTTP_PROXY")
                    .integrationHttpMethod("ANY").uri(origin + "/items/{proxy}")
                    .requestParameters(Map.of("integration.request.path.proxy", "method.request.path.proxy")));
            gw.createDeployment(r -> r.restApiId(apiId).stageName("prod"));

            String host = apiId + ".execute-api.us-east-1.localhost";
            String token = Curl.token("localhost", server.port(), client.clientId(), client.clientSecret(),
                    "grant_type=client_credentials").accessToken();

            Curl.Response anonymous = call(server, host, "GET", "/prod/items", null);
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.body()).isEqualTo("{\"message\":\"Unauthorized\"}");

            Curl.Response allowed = call(server, host, "GET", "/prod/items?page=2", token);
            assertThat(allowed.status()).isEqualTo(200);
            assertThat(allowed.json().get("uri").textValue()).isEqualTo("/items?page=2");
            assertThat(allowed.json().get("caller").textValue()).isEqualTo(client.clientId());

            Curl.Response wrongScope = call(server, host, "POST", "/prod/items", token);
            assertThat(wrongScope.status()).isEqualTo(401);
            assertThat(wrongScope.body()).isEqualTo("{\"message\":\"Unauthorized\"}");

            Curl.Response greedy = call(server, host, "DELETE", "/prod/items/a/b", token);
            assertThat(greedy.status()).isEqualTo(200);
            assertThat(greedy.json().get("method").textValue()).isEqualTo("DELETE");
            assertThat(greedy.json().get("uri").textValue()).isEqualTo("/items/a/b");

            Curl.Response unknown = call(server, host, "GET", "/prod/nothing-here", token);
            assertThat(unknown.status()).isEqualTo(403);
            assertThat(unknown.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");

            Curl.Response pathForm = call(server, "localhost", "GET",
                    "/restapis/" + apiId + "/prod/_user_request_/items", token);
            assertThat(pathForm.status()).isEqualTo(200);
            assertThat(pathForm.json().get("uri").textValue()).isEqualTo("/items");
        } finally {
            vertx.close().await();
        }
    }

    private static ResourceServerScopeType scope(String name) {
        return ResourceServerScopeType.builder().scopeName(name).scopeDescription(name).build();
    }

    private static Curl.Response call(TestServer server, String host, String method, String path, String token) {
        return Curl.send(server.port(), method + " " + path + " HTTP/1.1\r\n"
                + "Host: " + host + ":" + server.port() + "\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                + "User-Agent: curl/7.88.1\r\n"
                + "Accept: */*\r\n"
                + "\r\n");
    }
}
