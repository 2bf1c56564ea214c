package dev.gatehouse.admin.cognito;

import dev.gatehouse.testing.SignedHttp;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The management plane's wire contract, independent of any one operation: who may call, which
 * targets exist, and that every bad request gets the AWS JSON error shape with an accurate Date.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CognitoProtocolTest {

    private static final String JSON = "application/x-amz-json-1.1";
    private static final String LIST_POOLS = "AWSCognitoIdentityProviderService.ListUserPools";
    private TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.start(TestDatabase.H2);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("unknown operation", "AWSCognitoIdentityProviderService.DoesNotExist", JSON, "{}", 400,
                        "UnknownOperationException"),
                Arguments.of("target of another service", "DynamoDB_20120810.ListTables", JSON, "{}", 400,
                        "UnknownOperationException"),
                Arguments.of("no target", null, JSON, "{}", 400, "UnknownOperationException"),
                Arguments.of("unknown Gatehouse operation", "GatehouseService.DoesNotExist", JSON, "{}", 400,
                        "UnknownOperationException"),
                Arguments.of("operation Gatehouse does not implement", "AWSCognitoIdentityProviderService.AdminCreateUser",
                        JSON, "{}", 400, "UnsupportedOperationException"),
                Arguments.of("text/plain body", LIST_POOLS, "text/plain", "{\"MaxResults\":1}", 400, "SerializationException"),
                Arguments.of("broken JSON", LIST_POOLS, JSON, "{\"MaxResults\":", 400, "SerializationException"),
                Arguments.of("duplicate keys", LIST_POOLS, JSON, "{\"MaxResults\":1,\"MaxResults\":2}", 400,
                        "SerializationException"),
                Arguments.of("wrong type", LIST_POOLS, JSON, "{\"MaxResults\":\"10\"}", 400, "SerializationException"),
                Arguments.of("out of range", LIST_POOLS, JSON, "{\"MaxResults\":61}", 400, "InvalidParameterException"),
                Arguments.of("deep nesting", LIST_POOLS, JSON, "[".repeat(100_000), 400, "SerializationException"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void callWhenMalformedThenAwsJsonErrorShape(String name, String target, String contentType, String body,
                                                int status, String type) throws Exception {
        HttpResponse<String> response = SignedHttp.cognito(server, target, contentType, body);

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.body()).contains("\"__type\":\"" + type + "\"").doesNotContain("Exception:").doesNotContain("\tat ");
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue(type);
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(response.headers().firstValue("Date")).isPresent();
        assertThat(response.headers().firstValue("Content-Type")).hasValue(JSON);
    }

    @Test
    void callWhenUnsignedThenMissingAuthenticationToken() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/"))
                .header("X-Amz-Target", LIST_POOLS).header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofString("{\"MaxResults\":1}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("MissingAuthenticationTokenException");
    }

    @Test
    void callWhenSignedWithWrongSecretThenInvalidSignatureAndNoSecretInTheAnswer() throws Exception {
        HttpResponse<String> response = SignedHttp.send(server, LIST_POOLS, JSON,
                "{\"MaxResults\":1}".getBytes(StandardCharsets.UTF_8), "wrong-secret-key-000000000000000000000000");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("InvalidSignatureException").doesNotContain(TestServer.SECRET_KEY);
    }

    @Test
    void sdkWhenAccessKeyUnknownThenUnrecognizedClientException() {
        try (CognitoIdentityProviderClient stranger = CognitoIdentityProviderClient.builder()
                .endpointOverride(URI.create(server.baseUrl()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIAUNKNOWN000000000", TestServer.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            CognitoIdentityProviderException refused = catchThrowableOfType(CognitoIdentityProviderException.class,
                    () -> stranger.listUserPools(r -> r.maxResults(1)));

            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
            assertThat(refused.awsErrorDetails().errorMessage())
                    .isEqualTo("The security token included in the request is invalid.");
        }
    }

    @Test
    void callWhenBodyLargerThanTheLimitThenRefusedInTheAwsShape() throws Exception {
        byte[] huge = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        HttpResponse<String> response = SignedHttp.send(server, LIST_POOLS, JSON, huge, TestServer.SECRET_KEY);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"__type\":\"SerializationException\"");
    }
}
