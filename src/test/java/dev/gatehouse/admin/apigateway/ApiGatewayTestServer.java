package dev.gatehouse.admin.apigateway;

import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiGatewayException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One real server per test class and database (as the Cognito API tests); each test makes its own APIs. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiGatewayTestServer {

    TestServer server;
    ApiGatewayClient gw;

    abstract TestDatabase database();

    @BeforeAll
    void start() {
        server = TestServer.start(database());
        gw = server.apiGateway();
    }

    @AfterAll
    void stop() {
        if (gw != null) {
            gw.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** An API whose {@code /items} has a GET (NONE) with a MOCK integration: the ids. */
    record Items(String apiId, String rootId, String itemsId) {
    }

    Items items(String name) {
        var api = gw.createRestApi(b -> b.name(name));
        String itemsId = gw.createResource(b -> b.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("items")).id();
        gw.putMethod(b -> b.restApiId(api.id()).resourceId(itemsId).httpMethod("GET").authorizationType("NONE"));
        gw.putIntegration(b -> b.restApiId(api.id()).resourceId(itemsId).httpMethod("GET").type("MOCK")
                .requestTemplates(java.util.Map.of("application/json", "{\"statusCode\": 200}")));
        return new Items(api.id(), api.rootResourceId(), itemsId);
    }

    /** The SDK raises {@code type} with exactly {@code message} (the wire's {@code {"message"}}). */
    static void assertRefused(ThrowableAssert.ThrowingCallable call, Class<? extends ApiGatewayException> type,
                              String message) {
        assertThatThrownBy(call).as(message).isInstanceOf(type)
                .satisfies(e -> assertThat(((ApiGatewayException) e).awsErrorDetails().errorMessage()).isEqualTo(message));
    }
}
