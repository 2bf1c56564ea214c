package dev.gatehouse.e2e;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceServerScopeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolDescriptionType;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README quickstart, end to end, through real clients only: the AWS SDK v2 sets up a pool, a
 * domain, a resource server and an M2M app client; curl's exact bytes get a token from the pool's
 * domain; a verifier that knows only the issuer's discovery URL accepts it. Then the client is
 * deleted and the same curl request is refused at once.
 */
class QuickstartWalkthroughTest {

    private static final String PREFIX = "quickstart-demo";

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void quickstartWhenFollowedWithRealClientsThenTokenVerifiesAndDeletionRevokesAtOnce(TestDatabase database)
            throws Exception {
        try (TestServer server = TestServer.start(database);
             CognitoIdentityProviderClient cognito = server.cognito()) {
            // aws cognito-idp create-user-pool --pool-name quickstart
            String poolId = cognito.createUserPool(r -> r.poolName("quickstart")).userPool().id();
            // aws cognito-idp create-user-pool-domain --domain quickstart-demo --user-pool-id …
            cognito.createUserPoolDomain(r -> r.userPoolId(poolId).domain(PREFIX));
            // aws cognito-idp create-resource-server --identifier orders --name Orders --scopes …
            cognito.createResourceServer(r -> r.userPoolId(poolId).identifier("orders").name("Orders")
                    .scopes(ResourceServerScopeType.builder().scopeName("read").scopeDescription("Read orders").build(),
                            ResourceServerScopeType.builder().scopeName("write").scopeDescription("Write orders").build()));
            // aws cognito-idp create-user-pool-client --generate-secret --allowed-o-auth-flows client_credentials …
            UserPoolClientType client = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("billing-job")
                    .generateSecret(true)
                    .allowedOAuthFlows(OAuthFlowType.CLIENT_CREDENTIALS)
                    .allowedOAuthScopes("orders/read")
                    .allowedOAuthFlowsUserPoolClient(true)).userPoolClient();
            String clientId = client.clientId();
            String secret = client.clientSecret();
            assertThat(secret).isNotBlank();

            // curl -X POST -u "$CLIENT_ID:$CLIENT_SECRET" -d 'grant_type=client_credentials&scope=orders%2Fread' \
            //   http://quickstart-demo.auth.us-east-1.localhost:PORT/oauth2/token
            String host = PREFIX + ".auth.us-east-1.localhost";
            String form = "grant_type=client_credentials&scope=orders%2Fread";
            Curl.Response issued = Curl.token(host, server.port(), clientId, secret, form);
            assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
            assertThat(issued.json().get("token_type").textValue()).isEqualTo("Bearer");
            assertThat(issued.json().get("expires_in").intValue()).isEqualTo(3600);
            String token = issued.accessToken();

            // A resource server's verifier that knows only the issuer.
            String issuer = server.issuer(poolId);
            JWTClaimsSet claims = IndependentVerifier.fromDiscovery(issuer).verify(token);
            assertThat(IndependentVerifier.claimNames(claims))
                    .containsExactlyInAnyOrderElementsOf(IndependentVerifier.CLAIMS);
            assertThat(claims.getIssuer()).isEqualTo("http://localhost:" + server.port() + "/" + poolId);
            assertThat(claims.getSubject()).isEqualTo(clientId);
            assertThat(claims.getStringClaim("client_id")).isEqualTo(clientId);
            assertThat(claims.getStringClaim("token_use")).isEqualTo("access");
            assertThat(claims.getStringClaim("scope")).isEqualTo("orders/read");
            assertThat(claims.getLongClaim("version")).isEqualTo(2L);
            assertThat(claims.getStringClaim("jti")).matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
            long now = System.currentTimeMillis() / 1000;
            long iat = claims.getIssueTime().getTime() / 1000;
            assertThat(iat).isBetween(now - 30, now + 1);
            assertThat(claims.getDateClaim("auth_time").getTime() / 1000).isEqualTo(iat);
            assertThat(claims.getExpirationTime().getTime() / 1000 - iat).isEqualTo(3600);

            // The SDK sees the same world.
            assertThat(cognito.describeUserPoolClient(r -> r.userPoolId(poolId).clientId(clientId))
                    .userPoolClient().clientSecret()).isEqualTo(secret);
            List<UserPoolDescriptionType> pools = cognito.listUserPools(r -> r.maxResults(60)).userPools();
            assertThat(pools).extracting(UserPoolDescriptionType::id).containsExactly(poolId);
            assertThat(pools.get(0).name()).isEqualTo("quickstart");

            // aws cognito-idp delete-user-pool-client … : the very next token request is refused.
            cognito.deleteUserPoolClient(r -> r.userPoolId(poolId).clientId(clientId));
            Curl.Response refused = Curl.token(host, server.port(), clientId, secret, form);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
            assertThat(refused.json().get("error").textValue()).isEqualTo("invalid_client");
            assertThat(refused.body()).doesNotContain(secret);
        }
    }
}
