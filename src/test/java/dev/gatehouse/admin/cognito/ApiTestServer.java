package dev.gatehouse.admin.cognito;

import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateUserPoolRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;
import org.assertj.core.api.ThrowableAssert;

import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One real server per test class and database; each test makes its own pools. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiTestServer {

    static final String ACCOUNT = "000000000000";

    TestServer server;
    CognitoIdentityProviderClient cognito;

    abstract TestDatabase database();

    @BeforeAll
    void start() {
        server = TestServer.start(database());
        cognito = server.cognito("us-east-1");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    UserPoolType createPool(String name) {
        return createPool(cognito, b -> b.poolName(name));
    }

    static UserPoolType createPool(CognitoIdentityProviderClient client,
                                   UnaryOperator<CreateUserPoolRequest.Builder> request) {
        return client.createUserPool(request.apply(CreateUserPoolRequest.builder()).build()).userPool();
    }

    static void assertRefused(ThrowableAssert.ThrowingCallable call, Class<? extends AwsServiceException> type,
                              String message) {
        assertThatThrownBy(call)
                .isInstanceOf(type)
                .satisfies(e -> org.assertj.core.api.Assertions
                        .assertThat(((AwsServiceException) e).awsErrorDetails().errorMessage()).isEqualTo(message));
    }
}
