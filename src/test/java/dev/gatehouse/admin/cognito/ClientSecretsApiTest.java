package dev.gatehouse.admin.cognito;

import dev.gatehouse.store.Directory;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ClientSecretDescriptorType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LimitExceededException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientSecretsApiTest {

    private static final TestPools POOLS = new TestPools();

    @AfterAll
    static void stop() {
        POOLS.closeAll();
    }

    private static String message(Throwable e) {
        return ((AwsServiceException) e).awsErrorDetails().errorMessage();
    }

    private static List<String> digestsOf(TestServer server, String clientId) {
        return TestPools.directory(server).client(clientId).orElseThrow().secretDigests().stream()
                .map(java.util.HexFormat.of()::formatHex).toList();
    }

    private static String hex(String secret) {
        return java.util.HexFormat.of().formatHex(Directory.digest(secret));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void rotationWhenAddListDeleteThenAtMostTwoAndDirectoryFollowsEachStep(TestDatabase database) {
        TestServer server = POOLS.server(database);
        CognitoIdentityProviderClient cognito = server.cognito();
        String pool = TestPools.create(server);
        UserPoolClientType client = cognito.createUserPoolClient(r -> r.userPoolId(pool).clientName("m2m")
                .generateSecret(true)).userPoolClient();
        String clientId = client.clientId();
        String first = client.clientSecret();
        assertThat(digestsOf(server, clientId)).containsExactly(hex(first));

        ClientSecretDescriptorType added = cognito.addUserPoolClientSecret(r -> r.userPoolId(pool).clientId(clientId))
                .clientSecretDescriptor();
        assertThat(added.clientSecretValue()).matches("[a-z0-9]{51}").isNotEqualTo(first);
        assertThat(added.clientSecretId()).isEqualTo(clientId + "--" + added.clientSecretCreateDate().toEpochMilli());
        assertThat(digestsOf(server, clientId)).containsExactly(hex(first), hex(added.clientSecretValue()));

        List<ClientSecretDescriptorType> listed = cognito.listUserPoolClientSecrets(r -> r.userPoolId(pool).clientId(clientId))
                .clientSecrets();
        assertThat(listed).hasSize(2).allSatisfy(d -> assertThat(d.clientSecretValue()).isNull());
        assertThat(listed.get(1).clientSecretId()).isEqualTo(added.clientSecretId());
        assertThat(listed.get(1).clientSecretCreateDate()).isEqualTo(added.clientSecretCreateDate());
        String firstId = listed.get(0).clientSecretId();
        assertThat(firstId).isEqualTo(clientId + "--" + client.creationDate().toEpochMilli());
        // Describe keeps showing the oldest active secret.
        assertThat(cognito.describeUserPoolClient(r -> r.userPoolId(pool).clientId(clientId)).userPoolClient()
                .clientSecret()).isEqualTo(first);

        assertThatThrownBy(() -> cognito.addUserPoolClientSecret(r -> r.userPoolId(pool).clientId(clientId)))
                .isInstanceOf(LimitExceededException.class)
                .satisfies(e -> assertThat(message(e))
                        .isEqualTo("App client " + clientId + " already has the maximum number of 2 client secrets."));
        assertThat(digestsOf(server, clientId)).hasSize(2);

        cognito.deleteUserPoolClientSecret(r -> r.userPoolId(pool).clientId(clientId).clientSecretId(firstId));
        assertThat(digestsOf(server, clientId)).containsExactly(hex(added.clientSecretValue()));
        assertThat(cognito.describeUserPoolClient(r -> r.userPoolId(pool).clientId(clientId)).userPoolClient()
                .clientSecret()).isEqualTo(added.clientSecretValue());

        assertThatThrownBy(() -> cognito.deleteUserPoolClientSecret(r -> r.userPoolId(pool).clientId(clientId)
                .clientSecretId(added.clientSecretId())))
                .isInstanceOf(InvalidParameterException.class)
                .satisfies(e -> assertThat(message(e)).isEqualTo("You cannot delete the last client secret of an app client."));
        assertThat(digestsOf(server, clientId)).containsExactly(hex(added.clientSecretValue()));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void addWhenCustomSecretThenNoValueReturnedAndDirectoryAcceptsIt(TestDatabase database) {
        TestServer server = POOLS.server(database);
        CognitoIdentityProviderClient cognito = server.cognito();
        String pool = TestPools.create(server);
        String clientId = cognito.createUserPoolClient(r -> r.userPoolId(pool).clientName("m2m").generateSecret(true))
                .userPoolClient().clientId();
        String custom = "rotated_secret+0123456789abcdef";

        ClientSecretDescriptorType added = cognito.addUserPoolClientSecret(r -> r.userPoolId(pool).clientId(clientId)
                .clientSecret(custom)).clientSecretDescriptor();

        assertThat(added.clientSecretValue()).isNull();
        assertThat(added.clientSecretId()).startsWith(clientId + "--");
        assertThat(digestsOf(server, clientId)).hasSize(2).contains(hex(custom));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void addWhenCustomSecretMalformedThenInvalidParameterWithoutEchoingIt(TestDatabase database) {
        TestServer server = POOLS.server(database);
        CognitoIdentityProviderClient cognito = server.cognito();
        String pool = TestPools.create(server);
        String clientId = cognito.createUserPoolClient(r -> r.userPoolId(pool).clientName("m2m").generateSecret(true))
                .userPoolClient().clientId();
        for (String bad : List.of("short_secret", "has spaces in it 0123456789", "x".repeat(65))) {
            assertThatThrownBy(() -> cognito.addUserPoolClientSecret(r -> r.userPoolId(pool).clientId(clientId)
                    .clientSecret(bad)))
                    .isInstanceOf(InvalidParameterException.class)
                    .satisfies(e -> assertThat(message(e)).contains("clientSecret").doesNotContain(bad));
        }
        assertThat(digestsOf(server, clientId)).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void addWhenClientIsPublicThenInvalidParameter(TestDatabase database) {
        TestServer server = POOLS.server(database);
        CognitoIdentityProviderClient cognito = server.cognito();
        String pool = TestPools.create(server);
        String clientId = cognito.createUserPoolClient(r -> r.userPoolId(pool).clientName("spa")).userPoolClient().clientId();
        assertThatThrownBy(() -> cognito.addUserPoolClientSecret(r -> r.userPoolId(pool).clientId(clientId)))
                .isInstanceOf(InvalidParameterException.class)
                .satisfies(e -> assertThat(message(e))
                        .isEqualTo("Client secrets can only be added to an app client that has a client secret."));
        assertThat(cognito.listUserPoolClientSecrets(r -> r.userPoolId(pool).clientId(clientId)).clientSecrets()).isEmpty();
        assertThat(digestsOf(server, clientId)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void deleteWhenSecretUnknownOrOfAnotherClientThenResourceNotFound(TestDatabase database) {
        TestServer server = POOLS.server(database);
        CognitoIdentityProviderClient cognito = server.cognito();
        String pool = TestPools.create(server);
        String a = cognito.createUserPoolClient(r -> r.userPoolId(pool).clientName("a").generateSecret(true))
                .userPoolClient().clientId();
        String b = cognito.createUserPoolClient(r -> r.userPoolId(pool).clientName("b").generateSecret(true))
                .userPoolClient().clientId();
        cognito.addUserPoolClientSecret(r -> r.userPoolId(pool).clientId(a));
        String secretOfB = cognito.listUserPoolClientSecrets(r -> r.userPoolId(pool).clientId(b)).clientSecrets()
                .get(0).clientSecretId();

        assertThatThrownBy(() -> cognito.deleteUserPoolClientSecret(r -> r.userPoolId(pool).clientId(a)
                .clientSecretId(secretOfB)))
                .isInstanceOf(ResourceNotFoundException.class)
                .satisfies(e -> assertThat(message(e)).isEqualTo("Client secret " + secretOfB + " does not exist."));
        assertThatThrownBy(() -> cognito.deleteUserPoolClientSecret(r -> r.userPoolId(pool).clientId(a)
                .clientSecretId(a + "--1")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> cognito.listUserPoolClientSecrets(r -> r.userPoolId(pool).clientId("nosuchclient")))
                .isInstanceOf(ResourceNotFoundException.class)
                .satisfies(e -> assertThat(message(e)).isEqualTo("User pool client nosuchclient does not exist."));
        assertThat(digestsOf(server, a)).hasSize(2);
        assertThat(digestsOf(server, b)).hasSize(1);
    }
}
