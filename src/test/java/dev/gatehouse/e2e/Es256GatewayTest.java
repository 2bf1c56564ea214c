package dev.gatehouse.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.testing.SignedHttp;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceServerScopeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway in front of an ES256 pool, everything through real clients: the AWS SDK makes the
 * pool and client, GatehouseService switches the pool to ES256 (SetSigningKeyPolicy, then an
 * emergency rotation so the new key signs at once), the SDK imports an API whose {@code /cup}
 * method uses a COGNITO_USER_POOLS authorizer and whose {@code /jwt} method a JWT authorizer with
 * the pool as issuer, and plain HTTP calls them with tokens from the token endpoint. Both accept
 * the ES256 token and refuse the same token with its header's {@code alg} swapped to RS256.
 */
class Es256GatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void gatewayWhenPoolSignsWithEs256ThenBothAuthorizersAdmitItsTokensAndRefuseAlgorithmSwaps(TestDatabase database)
            throws Exception {
        Vertx vertx = Vertx.vertx();
        HttpServer backend = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body ->
                request.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                        .put("uri", request.uri())
                        .put("caller", request.getHeader("X-Caller-Client"))
                        .encode()))).listen(0, "127.0.0.1").await();
        try (TestServer server = TestServer.start(database);
             CognitoIdentityProviderClient cognito = server.cognito();
             ApiGatewayClient gw = server.apiGateway()) {
            String poolId = cognito.createUserPool(r -> r.poolName("es256")).userPool().id();
            String poolArn = cognito.describeUserPool(r -> r.userPoolId(poolId)).userPool().arn();
            cognito.createResourceServer(r -> r.userPoolId(poolId).identifier("shop").name("Shop")
                    .scopes(ResourceServerScopeType.builder().scopeName("read").scopeDescription("read").build()));
            UserPoolClientType client = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("reader")
                    .generateSecret(true).allowedOAuthFlows(OAuthFlowType.CLIENT_CREDENTIALS)
                    .allowedOAuthScopes("shop/read").allowedOAuthFlowsUserPoolClient(true)).userPoolClient();
            String rsaToken = token(server, client);
            gatehouse(server, "SetSigningKeyPolicy", "{\"UserPoolId\":\"" + poolId + "\",\"SigningAlgorithm\":\"ES256\"}");
            gatehouse(server, "RotateSigningKeys", "{\"UserPoolId\":\"" + poolId + "\",\"Emergency\":true}");
            String ecToken = token(server, client);
            assertThat(alg(ecToken)).isEqualTo("ES256");

            String origin = "http://127.0.0.1:" + backend.actualPort();
            String apiId = gw.importRestApi(r -> r.failOnWarnings(true).body(SdkBytes.fromUtf8String(
                    document(poolArn, server.issuer(poolId), client.clientId(), origin)))).id();
            gw.createDeployment(r -> r.restApiId(apiId).stageName("prod"));
            String host = apiId + ".execute-api.us-east-1.localhost";

            String swapped = withAlg(ecToken, "RS256");
            for (String path : List.of("/prod/cup", "/prod/jwt")) {
                Curl.Response allowed = call(server, host, path, ecToken);
                assertThat(allowed.status()).as(path + " " + allowed.body()).isEqualTo(200);
                assertThat(allowed.json().get("caller").textValue()).as(path).isEqualTo(client.clientId());

                Curl.Response anonymous = call(server, host, path, null);
                assertThat(anonymous.status()).as(path).isEqualTo(401);
                Curl.Response confused = call(server, host, path, swapped);
                assertThat(confused.status()).as(path + ": ES256 signature under an RS256 header").isEqualTo(401);
                assertThat(confused.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
                Curl.Response revoked = call(server, host, path, rsaToken);
                assertThat(revoked.status()).as(path + ": the emergency rotation revoked the RSA key").isEqualTo(401);
            }
        } finally {
            vertx.close().await();
        }
    }

    private static String document(String poolArn, String issuer, String clientId, String origin) {
        return """
                openapi: "3.0.1"
                info: {title: es256-api, version: "1"}
                paths:
                  /cup:
                    get:
                      security:
                        - Pool: ["shop/read"]
                      responses: {}
                      x-amazon-apigateway-integration:
                        type: http_proxy
                        httpMethod: GET
                        uri: "ORIGIN/cup"
                        requestParameters:
                          integration.request.header.X-Caller-Client: context.authorizer.claims.client_id
                  /jwt:
                    get:
                      security:
                        - Jwt: ["shop/read"]
                      responses: {}
                      x-amazon-apigateway-integration:
                        type: http_proxy
                        httpMethod: GET
                        uri: "ORIGIN/jwt"
                        requestParameters:
                          integration.request.header.X-Caller-Client: context.authorizer.claims.client_id
                components:
                  securitySchemes:
                    Pool:
                      type: apiKey
                      name: Authorization
                      in: header
                      x-amazon-apigateway-authtype: cognito_user_pools
                      x-amazon-apigateway-authorizer:
                        type: cognito_user_pools
                        providerARNs: ["POOL_ARN"]
                    Jwt:
                      type: oauth2
                      flows: {}
                      x-amazon-apigateway-authorizer:
                        type: jwt
                        identitySource: "$request.header.Authorization"
                        jwtConfiguration:
                          issuer: "ISSUER"
                          audience: ["CLIENT_ID"]
                """.replace("POOL_ARN", poolArn).replace("ISSUER", issuer).replace("CLIENT_ID", clientId)
                .replace("ORIGIN", origin);
    }

    private static void gatehouse(TestServer server, String operation, String body) throws Exception {
        HttpResponse<String> response = SignedHttp.cognito(server, "GatehouseService." + operation,
                "application/x-amz-json-1.1", body);
        assertThat(response.statusCode()).as(operation + " " + response.body()).isEqualTo(200);
    }

    private static String token(TestServer server, UserPoolClientType client) {
        return Curl.token("localhost", server.port(), client.clientId(), client.clientSecret(),
                "grant_type=client_credentials").accessToken();
    }

    private static String alg(String token) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.')))).path("alg").asText();
    }

    /** The same token with its header's alg replaced (kid, payload and signature untouched). */
    private static String withAlg(String token, String alg) throws Exception {
        String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
        String changed = header.replace("\"alg\":\"" + alg(token) + "\"", "\"alg\":\"" + alg + "\"");
        assertThat(changed).isNotEqualTo(header);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(changed.getBytes(StandardCharsets.UTF_8))
                + token.substring(token.indexOf('.'));
    }

    private static Curl.Response call(TestServer server, String host, String path, String token) {
        return Curl.send(server.port(), "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + host + ":" + server.port() + "\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                + "User-Agent: curl/7.88.1\r\n"
                + "Accept: */*\r\n"
                + "\r\n");
    }
}
