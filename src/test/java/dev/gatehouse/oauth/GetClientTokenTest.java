package dev.gatehouse.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ClientAuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GetClientTokenRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static dev.gatehouse.oauth.OAuthFixtures.CID_A;
import static dev.gatehouse.oauth.OAuthFixtures.CID_TOKEN;
import static dev.gatehouse.oauth.OAuthFixtures.POOL_A;
import static dev.gatehouse.oauth.OAuthFixtures.SEC_A;
import static dev.gatehouse.oauth.OAuthFixtures.SEC_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Cognito API: GetClientToken through the real AWS SDK v2 client (SPEC §1.7). */
class GetClientTokenTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Refusal(String name, String clientId, String secret, List<String> scopes,
                   Class<? extends AwsServiceException> type, String message) {
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void getClientTokenWhenSecretAndScopesThenAccessToken(TestDatabase database) throws Exception {
        try (TestServer server = TestServer.start(database); CognitoIdentityProviderClient cognito = server.cognito()) {
            OAuthFixtures.create(server);

            ClientAuthenticationResultType all = cognito.getClientToken(GetClientTokenRequest.builder()
                    .clientId(CID_TOKEN).secret(SEC_TOKEN).build()).clientAuthenticationResult();
            assertThat(all.tokenType()).isEqualTo("Bearer");
            assertThat(all.expiresIn()).isEqualTo(3600);
            JsonNode claims = claims(all.accessToken());
            assertThat(claims.get("scope").textValue()).isEqualTo("api/read api/write");
            assertThat(claims.get("client_id").textValue()).isEqualTo(CID_TOKEN);
            assertThat(claims.get("sub").textValue()).isEqualTo(CID_TOKEN);
            assertThat(claims.get("token_use").textValue()).isEqualTo("access");
            assertThat(claims.get("iss").textValue()).isEqualTo(server.issuer(POOL_A));
            assertThat(claims.size()).isEqualTo(10);

            ClientAuthenticationResultType one = cognito.getClientToken(GetClientTokenRequest.builder()
                    .clientId(CID_TOKEN).secret(SEC_TOKEN).scopes("api/write", "api/write").build())
                    .clientAuthenticationResult();
            assertThat(claims(one.accessToken()).get("scope").textValue()).isEqualTo("api/write");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void getClientTokenWhenRefusedThenCognitoExceptions(TestDatabase database) {
        List<Refusal> refusals = List.of(
                new Refusal("wrong secret", CID_TOKEN, "wrong_secret_of_the_right_length_0000", null, NotAuthorizedException.class,
                        "Incorrect client id or secret."),
                new Refusal("secret shorter than the model allows", CID_TOKEN, "short", null,
                        InvalidParameterException.class, "1 validation error detected: Value at 'secret' failed to "
                                + "satisfy constraint: Member must have length greater than or equal to 24"),
                new Refusal("unknown client", "unknownclient0000000000000", SEC_TOKEN, null,
                        NotAuthorizedException.class, "Incorrect client id or secret."),
                new Refusal("client without ALLOW_CLIENT_TOKEN_AUTH", CID_A, SEC_A, null, NotAuthorizedException.class,
                        "Client token authentication (ALLOW_CLIENT_TOKEN_AUTH) is not enabled for this client."),
                new Refusal("scope not allowed", CID_TOKEN, SEC_TOKEN, List.of("api/admin"),
                        InvalidParameterException.class, "Invalid scope requested."),
                new Refusal("standard scope", CID_TOKEN, SEC_TOKEN, List.of("openid"),
                        InvalidParameterException.class, "Invalid scope requested."),
                new Refusal("scope with a space", CID_TOKEN, SEC_TOKEN, List.of("api/read api/write"),
                        InvalidParameterException.class, "1 validation error detected: Value '[api/read api/write]' "
                                + "at 'scopes' failed to satisfy constraint: Member must satisfy constraint: [Member "
                                + "must have length less than or equal to 256, Member must have length greater than "
                                + "or equal to 1, Member must satisfy regular expression pattern: "
                                + "[\\x21\\x23-\\x5B\\x5D-\\x7E]+]"));
        try (TestServer server = TestServer.start(database); CognitoIdentityProviderClient cognito = server.cognito()) {
            OAuthFixtures.create(server);
            for (Refusal refusal : refusals) {
                GetClientTokenRequest.Builder request = GetClientTokenRequest.builder()
                        .clientId(refusal.clientId()).secret(refusal.secret());
                if (refusal.scopes() != null) {
                    request.scopes(refusal.scopes());
                }
                AwsServiceException error = catchThrowableOfType(() -> cognito.getClientToken(request.build()),
                        refusal.type());
                assertThat(error).as(refusal.name()).isNotNull();
                assertThat(error.awsErrorDetails().errorMessage()).as(refusal.name()).isEqualTo(refusal.message());
                assertThat(error.statusCode()).as(refusal.name()).isEqualTo(400);
            }
        }
    }

    private static JsonNode claims(String token) throws Exception {
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }
}
