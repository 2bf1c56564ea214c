package dev.gatehouse.admin.cognito;

import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateResourceServerResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LimitExceededException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListResourceServersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceServerScopeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceServerType;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResourceServersApiTest {

    private static final TestPools POOLS = new TestPools();

    @AfterAll
    static void stop() {
        POOLS.closeAll();
    }

    private static ResourceServerScopeType scope(String name, String description) {
        return ResourceServerScopeType.builder().scopeName(name).scopeDescription(description).build();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void lifecycleWhenCreatedUpdatedDeletedThenEchoedAndDirectoryFollows(TestDatabase database) {
        TestServer server = POOLS.server(database);
        CognitoIdentityProviderClient cognito = server.cognito();
        String pool = TestPools.create(server);

        CreateResourceServerResponse created = cognito.createResourceServer(r -> r.userPoolId(pool)
                .identifier("https://api.example.com").name("Orders API")
                .scopes(scope("orders.read", "Read orders"), scope("orders.write", "Write orders")));
        ResourceServerType expected = ResourceServerType.builder().userPoolId(pool)
                .identifier("https://api.example.com").name("Orders API")
                .scopes(scope("orders.read", "Read orders"), scope("orders.write", "Write orders")).build();
        assertThat(created.resourceServer()).isEqualTo(expected);
        assertThat(cognito.describeResourceServer(r -> r.userPoolId(pool).identifier("https://api.example.com"))
                .resourceServer()).isEqualTo(expected);
        assertThat(TestPools.directory(server).pool(pool).orElseThrow().definedScopes())
                .containsExactlyInAnyOrder("https://api.example.com/orders.read", "https://api.example.com/orders.write");

        // Full replacement: Scopes omitted means none (SPEC §3.6).
        ResourceServerType updated = cognito.updateResourceServer(r -> r.userPoolId(pool)
                .identifier("https://api.example.com").name("Orders")).resourceServer();
        assertThat(updated.name()).isEqualTo("Orders");
        assertThat(updated.scopes()).isEmpty();
        assertThat(cognito.describeResourceServer(r -> r.userPoolId(pool).identifier("https://api.example.com"))
                .resourceServer()).isEqualTo(updated);
        assertThat(TestPools.directory(server).pool(pool).orElseThrow().definedScopes()).isEmpty();

        cognito.deleteResourceServer(r -> r.userPoolId(pool).identifier("https://api.example.com"));
        assertThatThrownBy(() -> cognito.describeResourceServer(r -> r.userPoolId(pool).identifier("https://api.example.com")))
                .isInstanceOf(ResourceNotFoundException.class)
                .satisfies(e -> assertThat(((ResourceNotFoundException) e).awsErrorDetails().errorMessage())
                        .isEqualTo("Resource server https://api.example.com does not exist."));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void unknownServerWhenUpdatedOrDeletedThenResourceNotFound(TestDatabase database) {
        TestServer server = POOLS.server(database);
        CognitoIdentityProviderClient cognito = server.cognito();
        String pool = TestPools.create(server);
        assertThatThrownBy(() -> cognito.updateResourceServer(r -> r.userPoolId(pool).identifier("nope").name("n")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageStartingWith("Resource server nope does not exist.");
        assertThatThrownBy(() -> cognito.deleteResourceServer(r -> r.userPoolId(pool).identifier("nope")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageStartingWith("Resource server nope does not exist.");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void poolWhenUnknownOrOfAnotherRegionThenResourceNotFound(TestDatabase database) {
        TestServer server = POOLS.server(database);
        String pool = TestPools.create(server);
        assertThatThrownBy(() -> server.cognito().createResourceServer(r -> r.userPoolId("us-east-1_ZZZZZZZZZ")
                .identifier("api").name("api")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("User pool us-east-1_ZZZZZZZZZ does not exist.");
        assertThatThrownBy(() -> server.cognito("eu-west-1").listResourceServers(r -> r.userPoolId(pool).maxResults(10)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("User pool " + pool + " does not exist.");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void createWhenIdentifierTakenThenInvalidParameter(TestDatabase database) {
        TestServer server = POOLS.server(database);
        CognitoIdentityProviderClient cognito = server.cognito();
        String pool = TestPools.create(server);
        cognito.createResourceServer(r -> r.userPoolId(pool).identifier("api").name("first"));
        assertThatThrownBy(() -> cognito.createResourceServer(r -> r.userPoolId(pool).identifier("api").name("second")))
                .isInstanceOf(InvalidParameterException.class)
                .satisfies(e -> assertThat(((InvalidParameterException) e).awsErrorDetails().errorMessage())
                        .isEqualTo("A resource server with identifier api already exists in user pool " + pool + "."));
        // The same identifier in another pool is fine.
        String other = TestPools.create(server);
        cognito.createResourceServer(r -> r.userPoolId(other).identifier("api").name("other"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void scopesWhenDuplicatedTooLongOrTooManyThenRefused(TestDatabase database) {
        TestServer server = POOLS.server(database);
        CognitoIdentityProviderClient cognito = server.cognito();
        String pool = TestPools.create(server);
        assertThatThrownBy(() -> cognito.createResourceServer(r -> r.userPoolId(pool).identifier("api").name("api")
                .scopes(scope("read", "a"), scope("read", "b"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("Duplicate scope names are not allowed: read");
        String identifier = "i".repeat(200);
        String scopeName = "s".repeat(56);
        assertThatThrownBy(() -> cognito.createResourceServer(r -> r.userPoolId(pool).identifier(identifier).name("api")
                .scopes(scope(scopeName, "too long together"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("is longer than 256 characters.");
        cognito.createResourceServer(r -> r.userPoolId(pool).identifier(identifier).name("api")
                .scopes(scope("s".repeat(55), "exactly 256")));

        List<ResourceServerScopeType> hundred = IntStream.range(0, 100).mapToObj(i -> scope("s" + i, "d")).toList();
        cognito.createResourceServer(r -> r.userPoolId(pool).identifier("hundred").name("api").scopes(hundred));
        List<ResourceServerScopeType> tooMany = new ArrayList<>(hundred);
        tooMany.add(scope("s100", "d"));
        assertThatThrownBy(() -> cognito.createResourceServer(r -> r.userPoolId(pool).identifier("many").name("api")
                .scopes(tooMany)))
                .isInstanceOf(CognitoIdentityProviderException.class)
                .satisfies(e -> assertThat(((CognitoIdentityProviderException) e).statusCode()).isEqualTo(400));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void createWhenPoolHas25ServersThenLimitExceeded(TestDatabase database) {
        TestServer server = POOLS.server(database);
        CognitoIdentityProviderClient cognito = server.cognito();
        String pool = TestPools.create(server);
        for (int i = 0; i < 25; i++) {
            String identifier = "api" + i;
            cognito.createResourceServer(r -> r.userPoolId(pool).identifier(identifier).name("api"));
        }
        assertThatThrownBy(() -> cognito.createResourceServer(r -> r.userPoolId(pool).identifier("api25").name("api")))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageStartingWith("The user pool " + pool + " already has the maximum number of 25 resource servers.");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void listWhenMaxResultsTwoOverFiveThenThreePagesAndTokensBoundToPool(TestDatabase database) {
        TestServer server = POOLS.server(database);
        CognitoIdentityProviderClient cognito = server.cognito();
        String pool = TestPools.create(server);
        String other = TestPools.create(server);
        for (String id : List.of("e", "c", "a", "d", "b")) {
            cognito.createResourceServer(r -> r.userPoolId(pool).identifier(id).name("n-" + id)
                    .scopes(scope("read", "Read")));
        }
        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String token = null;
        String firstToken = null;
        do {
            String next = token;
            ListResourceServersResponse page = cognito.listResourceServers(r -> r.userPoolId(pool).maxResults(2).nextToken(next));
            page.resourceServers().forEach(s -> {
                assertThat(s.scopes()).containsExactly(scope("read", "Read"));
                seen.add(s.identifier());
            });
            sizes.add(page.resourceServers().size());
            token = page.nextToken();
            firstToken = firstToken == null ? token : firstToken;
        } while (token != null);
        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(seen).containsExactly("a", "b", "c", "d", "e");

        String replayed = firstToken;
        assertThatThrownBy(() -> cognito.listResourceServers(r -> r.userPoolId(other).maxResults(2).nextToken(replayed)))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("Invalid pagination token.");
        assertThatThrownBy(() -> cognito.listUserPoolClients(r -> r.userPoolId(pool).maxResults(2).nextToken(replayed)))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("Invalid pagination token.");
        assertThatThrownBy(() -> cognito.listResourceServers(r -> r.userPoolId(pool).maxResults(51)))
                .isInstanceOf(InvalidParameterException.class);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void deleteWhenClientsUseItsScopesThenAssociationsStayButScopesBecomeInactive(TestDatabase database) {
        TestServer server = POOLS.server(database);
        CognitoIdentityProviderClient cognito = server.cognito();
        String pool = TestPools.create(server);
        cognito.createResourceServer(r -> r.userPoolId(pool).identifier("api").name("api").scopes(scope("read", "Read")));
        String clientId = cognito.createUserPoolClient(r -> r.userPoolId(pool).clientName("m2m").generateSecret(true)
                .allowedOAuthFlowsWithStrings("client_credentials").allowedOAuthScopes("api/read")
                .allowedOAuthFlowsUserPoolClient(true)).userPoolClient().clientId();

        cognito.deleteResourceServer(r -> r.userPoolId(pool).identifier("api"));

        assertThat(cognito.describeUserPoolClient(r -> r.userPoolId(pool).clientId(clientId))
                .userPoolClient().allowedOAuthScopes()).containsExactly("api/read");
        assertThat(TestPools.directory(server).client(clientId).orElseThrow().client().allowedOAuthScopes())
                .containsExactly("api/read");
        assertThat(TestPools.directory(server).pool(pool).orElseThrow().definedScopes()).isEmpty();
    }
}
