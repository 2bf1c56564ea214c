package dev.gatehouse.admin.awsjson;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

class ServiceModelTest {

    private static final ServiceModel MODEL = ServiceModel.cognitoIdentityProvider();

    /** The operations Gatehouse implements (SPEC §4.2). */
    static List<String> gatehouseOperations() {
        return List.of(
                "CreateUserPool", "DescribeUserPool", "ListUserPools", "UpdateUserPool", "DeleteUserPool",
                "CreateUserPoolDomain", "DescribeUserPoolDomain", "UpdateUserPoolDomain", "DeleteUserPoolDomain",
                "CreateResourceServer", "DescribeResourceServer", "ListResourceServers", "UpdateResourceServer",
                "DeleteResourceServer", "CreateUserPoolClient", "DescribeUserPoolClient", "ListUserPoolClients",
                "UpdateUserPoolClient", "DeleteUserPoolClient", "AddUserPoolClientSecret",
                "ListUserPoolClientSecrets", "DeleteUserPoolClientSecret", "GetClientToken",
                "TagResource", "UntagResource", "ListTagsForResource");
    }

    @Test
    void metadataWhenCognitoThenAwsJson11WithTargetPrefix() {
        assertThat(MODEL.metadata().protocol()).isEqualTo("json");
        assertThat(MODEL.metadata().jsonVersion()).contains("1.1");
        assertThat(MODEL.metadata().targetPrefix()).contains("AWSCognitoIdentityProviderService");
        assertThat(MODEL.metadata().signingName()).isEqualTo("cognito-idp");
    }

    @ParameterizedTest
    @MethodSource("gatehouseOperations")
    void operationWhenGatehouseImplementsItThenInModelAndInSdkClient(String name) {
        assertThat(MODEL.operation(name)).isPresent();
        assertThat(MODEL.operation(name).orElseThrow().input()).isPresent();
        assertThat(sdkOperationNames()).contains(name);
    }

    @Test
    void operationsWhenComparedWithSdkThenOnlyNewerSdkOperationsAreMissing() {
        Set<String> modelLower = MODEL.operationNames().stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Set<String> missing = new TreeSet<>();
        // SDK class names spell acronyms differently (SetUserMfaPreference vs SetUserMFAPreference).
        sdkOperationNames().stream().filter(n -> !modelLower.contains(n.toLowerCase(Locale.ROOT))).forEach(missing::add);
        // Newer than botocore 1.43.11 and not used by Gatehouse; recorded so an upgrade shows up here.
        assertThat(missing).isSubsetOf(
                "AdminDeleteSoftwareToken", "AdminGetUserAuthFactors", "CreateUserPoolReplica", "DeleteUserPoolReplica",
                "DescribeTermsByClient", "GetProvisionedLimit", "ListUserPoolReplicas", "UpdateProvisionedLimit",
                "UpdateUserPoolReplica");
    }

    @Test
    void operationWhenUnknownThenEmpty() {
        assertThat(MODEL.operation("DoesNotExist")).isEmpty();
        assertThat(MODEL.operation("createuserpool")).isEmpty();
    }

    @Test
    void getClientTokenWhenAddedByHandThenUnauthenticatedWithSensitiveSecret() {
        Operation op = MODEL.operation("GetClientToken").orElseThrow();
        assertThat(op.unauthenticated()).isTrue();
        assertThat(op.errors()).contains("InvalidParameterException", "NotAuthorizedException", "OperationNotEnabledException");
        Shape input = MODEL.shape(op.input().orElseThrow());
        assertThat(input.members()).extracting(Member::name).containsExactly("ClientId", "Secret", "Scopes", "ClientMetadata");
        assertThat(input.required()).containsExactlyInAnyOrder("ClientId", "Secret");
        assertThat(MODEL.shape(input.member("Secret").orElseThrow().target()).sensitive()).isTrue();
        Shape output = MODEL.shape(op.output().orElseThrow());
        Shape result = MODEL.shape(output.member("ClientAuthenticationResult").orElseThrow().target());
        assertThat(result.members()).extracting(Member::name).containsExactly("AccessToken", "ExpiresIn", "TokenType");
    }

    @Test
    void explicitAuthFlowsWhenDocsAheadOfModelThenClientTokenAuthAccepted() {
        assertThat(MODEL.shape("ExplicitAuthFlowsType").enumValues()).contains("ALLOW_CLIENT_TOKEN_AUTH", "ALLOW_USER_AUTH");
    }

    @Test
    void patternsWhenLoadedThenEveryOneCompiledAndMatchesAsBotocoreMeans() {
        List<Shape> withPattern = MODEL.shapeNames().stream().map(MODEL::shape).filter(s -> s.patternSource().isPresent()).toList();
        assertThat(withPattern).hasSizeGreaterThan(40).allSatisfy(s -> assertThat(s.pattern()).isPresent());
        // Spot checks of ECMA-262 semantics carried over: \w is ASCII-only, classes with a trailing '-' are literal.
        assertThat(MODEL.shape("UserPoolNameType").pattern().orElseThrow().matcher("pool é").matches()).isFalse();
        assertThat(MODEL.shape("TokenModelType").pattern().orElseThrow().matcher("a-b_c=d.e").matches()).isTrue();
        assertThat(MODEL.shape("ScopeType").pattern().orElseThrow().matcher("api/read").matches()).isTrue();
        assertThat(MODEL.shape("ResourceServerScopeNameType").pattern().orElseThrow().matcher("api/read").matches()).isFalse();
        // Removed on purpose (tools/*.additions.json removeTraits): custom domains are FQDNs in the same member (SPEC §3.2).
        assertThat(MODEL.shape("DomainType").pattern()).isEmpty();
        assertThat(MODEL.shape("RedirectUrlType").pattern().orElseThrow().matcher("https://example.com/cb?x=1").matches()).isTrue();
    }

    @Test
    void enumMessageOrderWhenOAuthFlowsThenAsCognitoPrintsIt() {
        assertThat(MODEL.shape("OAuthFlowType").enumMessageOrder()).containsExactly("implicit", "client_credentials", "code");
    }

    @Test
    void shapesWhenTrimmedThenOnlyReachableAndWithoutDocumentation() throws Exception {
        String text = new String(ServiceModelTest.class.getResourceAsStream(ServiceModel.COGNITO_IDP_RESOURCE).readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\"documentation\"");
        assertThat(MODEL.findShape("ClientSecretType")).isPresent();
    }

    static Set<String> sdkOperationNames() {
        return Arrays.stream(CognitoIdentityProviderClient.class.getMethods())
                .filter(m -> m.getParameterCount() == 1)
                .map(Method::getParameterTypes)
                .map(types -> types[0].getSimpleName())
                .filter(n -> n.endsWith("Request") && !n.equals("Request"))
                .map(n -> n.substring(0, n.length() - "Request".length()))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
