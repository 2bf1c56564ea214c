package dev.gatehouse.admin.cognito;

import dev.gatehouse.model.TimeUnit;
import dev.gatehouse.store.Directory;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AnalyticsConfigurationType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateUserPoolClientRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidOAuthFlowException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUserPoolClientsResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceServerScopeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ScopeDoesNotExistException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientDescription;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientsApiTest {

    private static final TestPools POOLS = new TestPools();
    /** One pool per database with resource server {@code api} (scopes read, write) for the rule tables. */
    private static final Map<TestDatabase, String> RULE_POOLS = new EnumMap<>(TestDatabase.class);

    @AfterAll
    static void stop() {
        POOLS.closeAll();
    }

    private static String poolWithApi(TestServer server) {
        String pool = TestPools.create(server);
        server.cognito().createResourceServer(r -> r.userPoolId(pool).identifier("api").name("api").scopes(
                ResourceServerScopeType.builder().scopeName("read").scopeDescription("Read").build(),
                ResourceServerScopeType.builder().scopeName("write").scopeDescription("Write").build()));
        return pool;
    }

    private static String rulePool(TestDatabase database) {
        return RULE_POOLS.computeIfAbsent(database, db -> poolWithApi(POOLS.server(db)));
    }

    private static String message(Throwable e) {
        return ((AwsServiceException) e).awsErrorDetails().errorMessage();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void createWhenOnlyNameThenDefaultsEchoedAndNoSecret(TestDatabase database) {
        TestServer server = POOLS.server(database);
        CognitoIdentityProviderClient cognito = server.cognito();
        String pool = TestPools.create(server);

        UserPoolClientType created = cognito.createUserPoolClient(r -> r.userPoolId(pool).clientName("web"))
                .userPoolClient();

        assertThat(created.clientId()).matches("[a-z0-9]{26}");
        assertThat(created.userPoolId()).isEqualTo(pool);
        assertThat(created.clientName()).isEqualTo("web");
        assertThat(created.clientSecret()).isNull();
        assertThat(created.creationDate()).isEqualTo(created.lastModifiedDate());
        assertThat(created.refreshTokenValidity()).isEqualTo(30);
        assertThat(created.accessTokenValidity()).isEqualTo(60);
        assertThat(created.idTokenValidity()).isEqualTo(60);
        assertThat(created.tokenValidityUnits().accessTokenAsString()).isEqualTo("minutes");
        assertThat(created.tokenValidityUnits().idTokenAsString()).isEqualTo("minutes");
        assertThat(created.tokenValidityUnits().refreshTokenAsString()).isEqualTo("days");
        assertThat(created.explicitAuthFlowsAsStrings())
                .containsExactly("ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH");
        assertThat(created.hasReadAttributes()).isFalse();
        assertThat(created.hasSupportedIdentityProviders()).isFalse();
        assertThat(created.hasCallbackURLs()).isFalse();
        assertThat(created.hasAllowedOAuthFlows()).isFalse();
        assertThat(created.hasAllowedOAuthScopes()).isFalse();
        assertThat(created.defaultRedirectURI()).isNull();
        assertThat(created.allowedOAuthFlowsUserPoolClient()).isFalse();
        assertThat(created.preventUserExistenceErrorsAsString()).isEqualTo("LEGACY");
        assertThat(created.enableTokenRevocation()).isTrue();
        assertThat(created.enablePropagateAdditionalUserContextData()).isFalse();
        assertThat(created.authSessionValidity()).isEqualTo(3);
        assertThat(created.refreshTokenRotation()).isNull();

        assertThat(cognito.describeUserPoolClient(r -> r.userPoolId(pool).clientId(created.clientId()))
                .userPoolClient()).isEqualTo(created);
        Directory.ClientEntry entry = TestPools.directory(server).client(created.clientId()).orElseThrow();
        assertThat(entry.secretDigests()).isEmpty();
        assertThat(entry.client().validity().accessSeconds()).isEqualTo(3600);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void createWhenM2mClientWithEveryMemberThenAllEchoedAndDirectoryHasSecret(TestDatabase database) throws Exception {
        TestServer server = POOLS.server(database);
        CognitoIdentityProviderClient cognito = server.cognito();
        String pool = poolWithApi(server);

        UserPoolClientType created = cognito.createUserPoolClient(r -> r.userPoolId(pool).clientName("m2m")
                .generateSecret(true)
                .accessTokenValidity(15).idTokenValidity(2).refreshTokenValidity(10)
                .tokenValidityUnits(u -> u.accessToken("minutes").idToken("hours").refreshToken("days"))
                .readAttributes("email").writeAttributes("name")
                .explicitAuthFlowsWithStrings("ALLOW_REFRESH_TOKEN_AUTH")
                .supportedIdentityProviders("COGNITO")
                .callbackURLs("https://app.example.com/cb").logoutURLs("https://app.example.com/out")
                .defaultRedirectURI("https://app.example.com/cb")
                .allowedOAuthFlowsWithStrings("client_credentials")
                .allowedOAuthScopes("api/read", "api/write")
                .allowedOAuthFlowsUserPoolClient(true)
                .analyticsConfiguration(AnalyticsConfigurationType.builder().applicationId("0a1b2c3d").userDataShared(true).build())
                .preventUserExistenceErrors("ENABLED")
                .enableTokenRevocation(false)
                .enablePropagateAdditionalUserContextData(true)
                .authSessionValidity(7)
                .refreshTokenRotation(t -> t.feature("ENABLED").retryGracePeriodSeconds(10)))
                .userPoolClient();

        assertThat(created.clientSecret()).matches("[a-z0-9]{51}");
        assertThat(created.accessTokenValidity()).isEqualTo(15);
        assertThat(created.idTokenValidity()).isEqualTo(2);
        assertThat(created.refreshTokenValidity()).isEqualTo(10);
        assertThat(created.tokenValidityUnits().accessTokenAsString()).isEqualTo("minutes");
        assertThat(created.tokenValidityUnits().idTokenAsString()).isEqualTo("hours");
        assertThat(created.tokenValidityUnits().refreshTokenAsString()).isEqualTo("days");
        assertThat(created.readAttributes()).containsExactly("email");
        assertThat(created.writeAttributes()).containsExactly("name");
        assertThat(created.explicitAuthFlowsAsStrings()).containsExactly("ALLOW_REFRESH_TOKEN_AUTH");
        assertThat(created.supportedIdentityProviders()).containsExactly("COGNITO");
        assertThat(created.callbackURLs()).containsExactly("https://app.example.com/cb");
        assertThat(created.logoutURLs()).containsExactly("https://app.example.com/out");
        assertThat(created.defaultRedirectURI()).isEqualTo("https://app.example.com/cb");
        assertThat(created.allowedOAuthFlowsAsStrings()).containsExactly("client_credentials");
        assertThat(created.allowedOAuthScopes()).containsExactly("api/read", "api/write");
        assertThat(created.allowedOAuthFlowsUserPoolClient()).isTrue();
        assertThat(created.analyticsConfiguration().applicationId()).isEqualTo("0a1b2c3d");
        assertThat(created.analyticsConfiguration().userDataShared()).isTrue();
        assertThat(created.preventUserExistenceErrorsAsString()).isEqualTo("ENABLED");
        assertThat(created.enableTokenRevocation()).isFalse();
        assertThat(created.enablePropagateAdditionalUserContextData()).isTrue();
        assertThat(created.authSessionValidity()).isEqualTo(7);
        assertThat(created.refreshTokenRotation().featureAsString()).isEqualTo("ENABLED");
        assertThat(created.refreshTokenRotation().retryGracePeriodSeconds()).isEqualTo(10);

        assertThat(cognito.describeUserPoolClient(r -> r.userPoolId(pool).clientId(created.clientId()))
                .userPoolClient()).isEqualTo(created);
        Directory.ClientEntry entry = TestPools.directory(server).client(created.clientId()).orElseThrow();
        assertThat(entry.client().allowsClientCredentials()).isTrue();
        assertThat(entry.client().validity().accessSeconds()).isEqualTo(900);
        assertThat(entry.secretDigests()).hasSize(1);
        assertThat(MessageDigest.isEqual(entry.secretDigests().get(0), Directory.digest(created.clientSecret()))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void createWhenCustomSecretThenDescribedAndDirectoryUsesIt(TestDatabase database) {
        TestServer server = POOLS.server(database);
        CognitoIdentityProviderClient cognito = server.cognito();
        String pool = TestPools.create(server);
        String secret = "my_own+secret_value_0123456789";
        UserPoolClientType created = cognito.createUserPoolClient(r -> r.userPoolId(pool).clientName("c")
                .clientSecret(secret)).userPoolClient();
        assertThat(created.clientSecret()).isEqualTo(secret);
        assertThat(cognito.describeUserPoolClient(r -> r.userPoolId(pool).clientId(created.clientId()))
                .userPoolClient().clientSecret()).isEqualTo(secret);
        assertThat(TestPools.directory(server).client(created.clientId()).orElseThrow().secretDigests().get(0))
                .isEqualTo(Directory.digest(secret));
        assertThatThrownBy(() -> cognito.createUserPoolClient(r -> r.userPoolId(pool).clientName("c").clientSecret("short")))
                .isInstanceOf(InvalidParameterException.class)
                .satisfies(e -> assertThat(message(e)).contains("clientSecret").doesNotContain("short"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void updateWhenMembersOmittedThenResetToDefaultsButSecretAndCreationDateKept(TestDatabase database) throws Exception {
        TestServer server = POOLS.server(database);
        CognitoIdentityProviderClient cognito = server.cognito();
        String pool = poolWithApi(server);
        UserPoolClientType created = cognito.createUserPoolClient(r -> r.userPoolId(pool).clientName("m2m")
                .generateSecret(true).accessTokenValidity(10).tokenValidityUnits(u -> u.accessToken("minutes"))
                .allowedOAuthFlowsWithStrings("client_credentials").allowedOAuthScopes("api/read")
                .allowedOAuthFlowsUserPoolClient(true).enableTokenRevocation(false).authSessionValidity(10)
                .readAttributes("email")).userPoolClient();
        Thread.sleep(5);

        UserPoolClientType updated = cognito.updateUserPoolClient(r -> r.userPoolId(pool).clientId(created.clientId())
                .clientName("renamed")).userPoolClient();

        assertThat(updated.clientName()).isEqualTo("renamed");
        assertThat(updated.clientSecret()).isEqualTo(created.clientSecret());
        assertThat(updated.creationDate()).isEqualTo(created.creationDate());
        assertThat(updated.lastModifiedDate()).isAfter(created.lastModifiedDate());
        assertThat(updated.accessTokenValidity()).isEqualTo(60);
        assertThat(updated.tokenValidityUnits().accessTokenAsString()).isEqualTo("minutes");
        assertThat(updated.hasAllowedOAuthFlows()).isFalse();
        assertThat(updated.hasAllowedOAuthScopes()).isFalse();
        assertThat(updated.allowedOAuthFlowsUserPoolClient()).isFalse();
        assertThat(updated.enableTokenRevocation()).isTrue();
        assertThat(updated.authSessionValidity()).isEqualTo(3);
        assertThat(updated.hasReadAttributes()).isFalse();
        assertThat(cognito.describeUserPoolClient(r -> r.userPoolId(pool).clientId(created.clientId()))
                .userPoolClient()).isEqualTo(updated);
        Directory.ClientEntry entry = TestPools.directory(server).client(created.clientId()).orElseThrow();
        assertThat(entry.client().clientName()).isEqualTo("renamed");
        assertThat(entry.client().allowsClientCredentials()).isFalse();
        assertThat(entry.secretDigests()).hasSize(1);

        // Omitting ClientName keeps the current name (it is optional in UpdateUserPoolClient).
        assertThat(cognito.updateUserPoolClient(r -> r.userPoolId(pool).clientId(created.clientId()))
                .userPoolClient().clientName()).isEqualTo("renamed");
    }

    /** SPEC §3.5: input, exception class, exact message. */
    static Stream<Arguments> crossFieldRules() {
        List<Object[]> rules = List.of(
                new Object[] {"client_credentials without a secret",
                        (Consumer<CreateUserPoolClientRequest.Builder>) b -> b.allowedOAuthFlowsWithStrings("client_credentials")
                                .allowedOAuthScopes("api/read").allowedOAuthFlowsUserPoolClient(true),
                        InvalidOAuthFlowException.class,
                        "client_credentials flow can not be selected if client does not have a client secret."},
                new Object[] {"client_credentials with code",
                        (Consumer<CreateUserPoolClientRequest.Builder>) b -> b.generateSecret(true)
                                .allowedOAuthFlowsWithStrings("client_credentials", "code")
                                .allowedOAuthScopes("api/read").allowedOAuthFlowsUserPoolClient(true)
                                .callbackURLs("https://app.example.com/cb"),
                        InvalidOAuthFlowException.class,
                        "client_credentials flow can not be selected along with code flow or implicit flow."},
                new Object[] {"client_credentials with implicit",
                        (Consumer<CreateUserPoolClientRequest.Builder>) b -> b.generateSecret(true)
                                .allowedOAuthFlowsWithStrings("implicit", "client_credentials")
                                .allowedOAuthScopes("api/read").allowedOAuthFlowsUserPoolClient(true),
                        InvalidOAuthFlowException.class,
                        "client_credentials flow can not be selected along with code flow or implicit flow."},
                new Object[] {"openid with client_credentials",
                        (Consumer<CreateUserPoolClientRequest.Builder>) b -> b.generateSecret(true)
                                .allowedOAuthFlowsWithStrings("client_credentials")
                                .allowedOAuthScopes("api/read", "openid").allowedOAuthFlowsUserPoolClient(true),
                        InvalidOAuthFlowException.class, "openid is not supported with client_credentials flow"},
                new Object[] {"email with client_credentials",
                        (Consumer<CreateUserPoolClientRequest.Builder>) b -> b.generateSecret(true)
                                .allowedOAuthFlowsWithStrings("client_credentials")
                                .allowedOAuthScopes("email").allowedOAuthFlowsUserPoolClient(true),
                        InvalidOAuthFlowException.class, "email is not supported with client_credentials flow"},
                new Object[] {"OAuth enabled without flows",
                        (Consumer<CreateUserPoolClientRequest.Builder>) b -> b.generateSecret(true)
                                .allowedOAuthScopes("api/read").allowedOAuthFlowsUserPoolClient(true),
                        InvalidParameterException.class,
                        "AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows."},
                new Object[] {"OAuth enabled without scopes",
                        (Consumer<CreateUserPoolClientRequest.Builder>) b -> b.generateSecret(true)
                                .allowedOAuthFlowsWithStrings("client_credentials").allowedOAuthFlowsUserPoolClient(true),
                        InvalidParameterException.class,
                        "AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows."},
                new Object[] {"undefined scope",
                        (Consumer<CreateUserPoolClientRequest.Builder>) b -> b.generateSecret(true)
                                .allowedOAuthFlowsWithStrings("client_credentials")
                                .allowedOAuthScopes("api/read", "api/delete").allowedOAuthFlowsUserPoolClient(true),
                        ScopeDoesNotExistException.class, "Invalid scope requested: api/delete"},
                new Object[] {"GenerateSecret with ClientSecret",
                        (Consumer<CreateUserPoolClientRequest.Builder>) b -> b.generateSecret(true)
                                .clientSecret("abcdefghijklmnopqrstuvwxyz"),
                        InvalidParameterException.class,
                        "You cannot specify both GenerateSecret as true and a ClientSecret value."},
                new Object[] {"user context data without a secret",
                        (Consumer<CreateUserPoolClientRequest.Builder>) b -> b.enablePropagateAdditionalUserContextData(true),
                        InvalidParameterException.class,
                        "EnablePropagateAdditionalUserContextData can only be enabled for an app client with a client secret."},
                new Object[] {"access validity out of range",
                        (Consumer<CreateUserPoolClientRequest.Builder>) b -> b.accessTokenValidity(25),
                        InvalidParameterException.class, "Invalid range for token validity."});
        List<Arguments> out = new ArrayList<>();
        for (TestDatabase database : TestDatabase.values()) {
            for (Object[] rule : rules) {
                out.add(Arguments.of(database, rule[0], rule[1], rule[2], rule[3]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("crossFieldRules")
    void createWhenCrossFieldRuleBrokenThenCognitosExceptionAndMessage(TestDatabase database, String rule,
            Consumer<CreateUserPoolClientRequest.Builder> input, Class<? extends Throwable> type, String expected) {
        TestServer server = POOLS.server(database);
        String pool = rulePool(database);
        int before = server.server().components().store().countClients(pool);
        assertThatThrownBy(() -> server.cognito().createUserPoolClient(b -> input.accept(b.userPoolId(pool).clientName("c"))))
                .isInstanceOf(type)
                .satisfies(e -> assertThat(message(e)).isEqualTo(expected));
        assertThat(server.server().components().store().countClients(pool)).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void updateWhenCrossFieldRuleBrokenThenRefusedAndNothingChanged(TestDatabase database) {
        TestServer server = POOLS.server(database);
        CognitoIdentityProviderClient cognito = server.cognito();
        String pool = rulePool(database);
        String publicClient = cognito.createUserPoolClient(r -> r.userPoolId(pool).clientName("public"))
                .userPoolClient().clientId();
        assertThatThrownBy(() -> cognito.updateUserPoolClient(r -> r.userPoolId(pool).clientId(publicClient)
                .allowedOAuthFlowsWithStrings("client_credentials").allowedOAuthScopes("api/read")
                .allowedOAuthFlowsUserPoolClient(true)))
                .isInstanceOf(InvalidOAuthFlowException.class)
                .satisfies(e -> assertThat(message(e))
                        .isEqualTo("client_credentials flow can not be selected if client does not have a client secret."));
        String m2m = cognito.createUserPoolClient(r -> r.userPoolId(pool).clientName("m2m").generateSecret(true))
                .userPoolClient().clientId();
        assertThatThrownBy(() -> cognito.updateUserPoolClient(r -> r.userPoolId(pool).clientId(m2m)
                .allowedOAuthFlowsWithStrings("client_credentials").allowedOAuthScopes("profile")
                .allowedOAuthFlowsUserPoolClient(true)))
                .isInstanceOf(InvalidOAuthFlowException.class)
                .satisfies(e -> assertThat(message(e)).isEqualTo("profile is not supported with client_credentials flow"));
        assertThat(TestPools.directory(server).client(m2m).orElseThrow().client().allowedOAuthFlows()).isEmpty();
        // With a secret the same settings are accepted; OAuth settings with the switch off are accepted too (SPEC §3.5).
        UserPoolClientType accepted = cognito.updateUserPoolClient(r -> r.userPoolId(pool).clientId(m2m)
                .allowedOAuthFlowsWithStrings("client_credentials").allowedOAuthScopes("api/read")).userPoolClient();
        assertThat(accepted.allowedOAuthFlowsUserPoolClient()).isFalse();
        assertThat(TestPools.directory(server).client(m2m).orElseThrow().client().allowsClientCredentials()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void createWhenScopeOfAnotherPoolThenScopeDoesNotExist(TestDatabase database) {
        TestServer server = POOLS.server(database);
        String otherPool = poolWithApi(server);
        String pool = TestPools.create(server);
        server.cognito().createResourceServer(r -> r.userPoolId(otherPool).identifier("billing").name("b")
                .scopes(ResourceServerScopeType.builder().scopeName("pay").scopeDescription("Pay").build()));
        assertThatThrownBy(() -> server.cognito().createUserPoolClient(r -> r.userPoolId(pool).clientName("c")
                .generateSecret(true).allowedOAuthFlowsWithStrings("client_credentials")
                .allowedOAuthScopes("billing/pay").allowedOAuthFlowsUserPoolClient(true)))
                .isInstanceOf(ScopeDoesNotExistException.class)
                .satisfies(e -> assertThat(message(e)).isEqualTo("Invalid scope requested: billing/pay"));
    }

    /** value, unit (null = the default unit), member, accepted seconds (or null for refused). */
    static Stream<Arguments> validities() {
        List<Object[]> rows = List.of(
                new Object[] {"access", 5, "minutes", 300L},
                new Object[] {"access", 4, "minutes", null},
                new Object[] {"access", 300, "seconds", 300L},
                new Object[] {"access", 299, "seconds", null},
                new Object[] {"access", 86400, "seconds", 86400L},
                new Object[] {"access", 1441, "minutes", null},
                new Object[] {"access", 24, "hours", 86400L},
                new Object[] {"access", 25, "hours", null},
                new Object[] {"access", 1, "days", 86400L},
                new Object[] {"access", 2, "days", null},
                new Object[] {"access", 1, null, 3600L},
                new Object[] {"access", 25, null, null},
                new Object[] {"id", 5, "minutes", 300L},
                new Object[] {"id", 299, "seconds", null},
                new Object[] {"id", 24, null, 86400L},
                new Object[] {"id", 1441, "minutes", null},
                new Object[] {"refresh", 60, "minutes", 3600L},
                new Object[] {"refresh", 59, "minutes", null},
                new Object[] {"refresh", 3600, "seconds", 3600L},
                new Object[] {"refresh", 3599, "seconds", null},
                new Object[] {"refresh", 3650, "days", 315_360_000L},
                new Object[] {"refresh", 3651, "days", null},
                new Object[] {"refresh", 3650, null, 315_360_000L},
                new Object[] {"refresh", 0, null, 2_592_000L});
        List<Arguments> out = new ArrayList<>();
        for (TestDatabase database : TestDatabase.values()) {
            for (Object[] row : rows) {
                out.add(Arguments.of(database, row[0], row[1], row[2], row[3]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1} {2} {3} -> {4}")
    @MethodSource("validities")
    void createWhenValidityGivenThenValueTimesUnitWithinBounds(TestDatabase database, String member, int value,
                                                                String unit, Long seconds) {
        TestServer server = POOLS.server(database);
        String pool = rulePool(database);
        Consumer<CreateUserPoolClientRequest.Builder> input = b -> {
            b.userPoolId(pool).clientName("v");
            switch (member) {
                case "access" -> b.accessTokenValidity(value).tokenValidityUnits(u -> u.accessToken(unit));
                case "id" -> b.idTokenValidity(value).tokenValidityUnits(u -> u.idToken(unit));
                default -> b.refreshTokenValidity(value).tokenValidityUnits(u -> u.refreshToken(unit));
            }
        };
        if (seconds == null) {
            assertThatThrownBy(() -> server.cognito().createUserPoolClient(input))
                    .isInstanceOf(InvalidParameterException.class)
                    .satisfies(e -> assertThat(message(e)).isEqualTo("Invalid range for token validity."));
            return;
        }
        UserPoolClientType created = server.cognito().createUserPoolClient(input).userPoolClient();
        var validity = TestPools.directory(server).client(created.clientId()).orElseThrow().client().validity();
        switch (member) {
            case "access" -> {
                assertThat(validity.accessSeconds()).isEqualTo(seconds);
                assertThat(created.accessTokenValidity()).isEqualTo(value);
                assertThat(created.tokenValidityUnits().accessTokenAsString()).isEqualTo(unit != null ? unit : "hours");
            }
            case "id" -> {
                assertThat(validity.idSeconds()).isEqualTo(seconds);
                assertThat(created.idTokenValidity()).isEqualTo(value);
                assertThat(created.tokenValidityUnits().idTokenAsString()).isEqualTo(unit != null ? unit : "hours");
            }
            default -> {
                assertThat(validity.refreshSeconds()).isEqualTo(seconds);
                assertThat(created.refreshTokenValidity()).isEqualTo(value == 0 ? 30 : value);
                assertThat(TimeUnit.fromWire(created.tokenValidityUnits().refreshTokenAsString()))
                        .isEqualTo(unit != null ? TimeUnit.fromWire(unit) : TimeUnit.DAYS);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void listWhenMaxResultsTwoOverFiveThenThreePagesWithoutSecrets(TestDatabase database) {
        TestServer server = POOLS.server(database);
        CognitoIdentityProviderClient cognito = server.cognito();
        String pool = TestPools.create(server);
        String other = TestPools.create(server);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String name = "client-" + i;
            created.add(cognito.createUserPoolClient(r -> r.userPoolId(pool).clientName(name).generateSecret(true))
                    .userPoolClient().clientId());
        }
        List<UserPoolClientDescription> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String token = null;
        String firstToken = null;
        do {
            String next = token;
            ListUserPoolClientsResponse page = cognito.listUserPoolClients(r -> r.userPoolId(pool).maxResults(2).nextToken(next));
            seen.addAll(page.userPoolClients());
            sizes.add(page.userPoolClients().size());
            token = page.nextToken();
            firstToken = firstToken == null ? token : firstToken;
        } while (token != null);
        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(seen).extracting(UserPoolClientDescription::clientId).containsExactlyInAnyOrderElementsOf(created);
        assertThat(seen).allSatisfy(d -> {
            assertThat(d.userPoolId()).isEqualTo(pool);
            assertThat(d.clientName()).startsWith("client-");
        });
        assertThat(cognito.listUserPoolClients(r -> r.userPoolId(pool)).userPoolClients()).hasSize(5);

        String replayed = firstToken;
        assertThatThrownBy(() -> cognito.listUserPoolClients(r -> r.userPoolId(other).maxResults(2).nextToken(replayed)))
                .isInstanceOf(InvalidParameterException.class)
                .satisfies(e -> assertThat(message(e)).isEqualTo("Invalid pagination token."));
        assertThatThrownBy(() -> cognito.listUserPoolClients(r -> r.userPoolId(pool).maxResults(2)
                .nextToken(replayed.substring(1))))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> cognito.listUserPoolClients(r -> r.userPoolId(pool).maxResults(61)))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> cognito.listUserPoolClients(r -> r.userPoolId(pool).maxResults(0)))
                .isInstanceOf(InvalidParameterException.class);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void describeWhenUnknownOrOfAnotherPoolThenSameNotFound(TestDatabase database) {
        TestServer server = POOLS.server(database);
        CognitoIdentityProviderClient cognito = server.cognito();
        String pool = TestPools.create(server);
        String other = TestPools.create(server);
        String foreign = cognito.createUserPoolClient(r -> r.userPoolId(other).clientName("x")).userPoolClient().clientId();
        assertThatThrownBy(() -> cognito.describeUserPoolClient(r -> r.userPoolId(pool).clientId(foreign)))
                .isInstanceOf(ResourceNotFoundException.class)
                .satisfies(e -> assertThat(message(e)).isEqualTo("User pool client " + foreign + " does not exist."));
        assertThatThrownBy(() -> cognito.describeUserPoolClient(r -> r.userPoolId(pool).clientId("unknownclient")))
                .isInstanceOf(ResourceNotFoundException.class)
                .satisfies(e -> assertThat(message(e)).isEqualTo("User pool client unknownclient does not exist."));
        assertThatThrownBy(() -> cognito.deleteUserPoolClient(r -> r.userPoolId(pool).clientId(foreign)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> cognito.updateUserPoolClient(r -> r.userPoolId(pool).clientId(foreign).clientName("y")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(TestPools.directory(server).client(foreign).orElseThrow().client().clientName()).isEqualTo("x");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void deleteWhenClientHasSecretsThenClientAndSecretsGone(TestDatabase database) {
        TestServer server = POOLS.server(database);
        CognitoIdentityProviderClient cognito = server.cognito();
        String pool = TestPools.create(server);
        String clientId = cognito.createUserPoolClient(r -> r.userPoolId(pool).clientName("x").generateSecret(true))
                .userPoolClient().clientId();
        cognito.addUserPoolClientSecret(r -> r.userPoolId(pool).clientId(clientId));
        assertThat(TestPools.directory(server).client(clientId)).isPresent();

        cognito.deleteUserPoolClient(r -> r.userPoolId(pool).clientId(clientId));

        assertThat(TestPools.directory(server).client(clientId)).isEmpty();
        assertThat(server.server().components().store().secretsOf(clientId)).isEmpty();
        assertThatThrownBy(() -> cognito.describeUserPoolClient(r -> r.userPoolId(pool).clientId(clientId)))
                .isInstanceOf(ResourceNotFoundException.class);
    }
}
