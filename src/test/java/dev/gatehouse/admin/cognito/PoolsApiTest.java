package dev.gatehouse.admin.cognito;

import dev.gatehouse.model.KeyPurpose;
import dev.gatehouse.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AccountRecoverySettingType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeDataType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeletionProtectionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUserPoolsResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordPolicyType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RecoveryOptionNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolDescriptionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolTierType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** CreateUserPool, DescribeUserPool, ListUserPools, UpdateUserPool, DeleteUserPool through the real SDK. */
abstract class PoolsApiTest extends ApiTestServer {

    static final class H2PoolsApiTest extends PoolsApiTest {
        @Override
        TestDatabase database() {
            return TestDatabase.H2;
        }
    }

    static final class PostgresPoolsApiTest extends PoolsApiTest {
        @Override
        TestDatabase database() {
            return TestDatabase.POSTGRES;
        }
    }

    private static final List<String> STANDARD = List.of("sub", "name", "given_name", "family_name", "middle_name",
            "nickname", "preferred_username", "profile", "picture", "website", "email", "email_verified", "gender",
            "birthdate", "zoneinfo", "locale", "phone_number", "phone_number_verified", "address", "updated_at");

    @Test
    void createWhenOnlyNameThenCognitoDefaultsAreReturned() {
        Instant before = Instant.now().minusSeconds(1);
        UserPoolType pool = createPool("defaults");

        assertThat(pool.id()).matches("us-east-1_[A-Za-z0-9]{9}");
        assertThat(pool.name()).isEqualTo("defaults");
        assertThat(pool.policies().passwordPolicy()).isEqualTo(PasswordPolicyType.builder().minimumLength(8)
                .requireUppercase(true).requireLowercase(true).requireNumbers(true).requireSymbols(true)
                .temporaryPasswordValidityDays(7).build());
        assertThat(pool.deletionProtection()).isEqualTo(DeletionProtectionType.INACTIVE);
        assertThat(pool.lambdaConfig()).isNotNull();
        assertThat(pool.lambdaConfig().preTokenGeneration()).isNull();
        assertThat(pool.status()).isNull();
        assertThat(pool.creationDate()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
        assertThat(pool.lastModifiedDate()).isEqualTo(pool.creationDate());
        assertThat(pool.schemaAttributes()).extracting(SchemaAttributeType::name).containsExactlyElementsOf(STANDARD);
        assertThat(pool.schemaAttributes().get(0)).isEqualTo(SchemaAttributeType.builder().name("sub")
                .attributeDataType(AttributeDataType.STRING).developerOnlyAttribute(false).mutable(false)
                .required(true).stringAttributeConstraints(c -> c.minLength("1").maxLength("2048")).build());
        assertThat(pool.schemaAttributes().get(13).stringAttributeConstraints().minLength()).isEqualTo("10");
        assertThat(pool.schemaAttributes().get(19).attributeDataType()).isEqualTo(AttributeDataType.NUMBER);
        assertThat(pool.verificationMessageTemplate().defaultEmailOptionAsString()).isEqualTo("CONFIRM_WITH_CODE");
        assertThat(pool.mfaConfiguration()).isEqualTo(UserPoolMfaType.OFF);
        assertThat(pool.estimatedNumberOfUsers()).isZero();
        assertThat(pool.emailConfiguration().emailSendingAccountAsString()).isEqualTo("COGNITO_DEFAULT");
        assertThat(pool.userPoolTags()).isEmpty();
        assertThat(pool.adminCreateUserConfig().allowAdminCreateUserOnly()).isFalse();
        assertThat(pool.adminCreateUserConfig().unusedAccountValidityDays()).isEqualTo(7);
        assertThat(pool.arn()).isEqualTo("arn:aws:cognito-idp:us-east-1:" + ACCOUNT + ":userpool/" + pool.id());
        assertThat(pool.userPoolTier()).isEqualTo(UserPoolTierType.ESSENTIALS);
        assertThat(pool.domain()).isNull();
        assertThat(pool.accountRecoverySetting()).isNull();

        assertThat(cognito.describeUserPool(r -> r.userPoolId(pool.id())).userPool()).isEqualTo(pool);
    }

    @Test
    void createWhenPoolCreatedThenTwoActiveSigningKeysAreServed() {
        UserPoolType pool = createPool("keys");

        var entry = server.server().components().directory().current().pool(pool.id()).orElseThrow();
        assertThat(entry.keys()).hasSize(2);
        assertThat(entry.activeKey(KeyPurpose.ACCESS, java.time.Instant.now())).isPresent();
        assertThat(entry.activeKey(KeyPurpose.ID, java.time.Instant.now())).isPresent();
    }

    @Test
    void createWhenSignInMembersGivenThenTheyRoundTrip() {
        UserPoolType pool = createPool(cognito, b -> b.poolName("full")
                .policies(p -> p.passwordPolicy(pp -> pp.minimumLength(12).requireNumbers(true)
                        .temporaryPasswordValidityDays(3)))
                .deletionProtection(DeletionProtectionType.ACTIVE)
                .lambdaConfig(l -> l.preTokenGenerationConfig(c -> c.lambdaVersion("V3_0")
                        .lambdaArn("arn:aws:lambda:us-east-1:000000000000:function:pre")))
                .autoVerifiedAttributesWithStrings("email")
                .usernameAttributesWithStrings("email")
                .emailVerificationSubject("Your code")
                .mfaConfiguration(UserPoolMfaType.OPTIONAL)
                .deviceConfiguration(d -> d.challengeRequiredOnNewDevice(true))
                .usernameConfiguration(u -> u.caseSensitive(false))
                .accountRecoverySetting(a -> a.recoveryMechanisms(m -> m.name(RecoveryOptionNameType.ADMIN_ONLY).priority(1)))
                .schema(SchemaAttributeType.builder().name("email").required(true).mutable(true).build(),
                        SchemaAttributeType.builder().name("tenant").attributeDataType(AttributeDataType.STRING)
                                .mutable(false).stringAttributeConstraints(c -> c.minLength("1").maxLength("64")).build(),
                        SchemaAttributeType.builder().name("level").attributeDataType(AttributeDataType.NUMBER)
                                .developerOnlyAttribute(true).build())
                .userPoolTier(UserPoolTierType.PLUS)
                .userPoolTags(Map.of("team", "identity", "env", "test")));

        assertThat(pool.policies().passwordPolicy()).isEqualTo(PasswordPolicyType.builder().minimumLength(12)
                .requireUppercase(false).requireLowercase(false).requireNumbers(true).requireSymbols(false)
                .temporaryPasswordValidityDays(3).build());
        assertThat(pool.deletionProtection()).isEqualTo(DeletionProtectionType.ACTIVE);
        assertThat(pool.lambdaConfig().preTokenGenerationConfig().lambdaArn()).endsWith("function:pre");
        assertThat(pool.lambdaConfig().preTokenGenerationConfig().lambdaVersionAsString()).isEqualTo("V3_0");
        assertThat(pool.autoVerifiedAttributesAsStrings()).containsExactly("email");
        assertThat(pool.usernameAttributesAsStrings()).containsExactly("email");
        assertThat(pool.emailVerificationSubject()).isEqualTo("Your code");
        assertThat(pool.mfaConfiguration()).isEqualTo(UserPoolMfaType.OPTIONAL);
        assertThat(pool.deviceConfiguration().challengeRequiredOnNewDevice()).isTrue();
        assertThat(pool.usernameConfiguration().caseSensitive()).isFalse();
        assertThat(pool.accountRecoverySetting()).isEqualTo(AccountRecoverySettingType.builder()
                .recoveryMechanisms(m -> m.name(RecoveryOptionNameType.ADMIN_ONLY).priority(1)).build());
        assertThat(pool.userPoolTier()).isEqualTo(UserPoolTierType.PLUS);
        assertThat(pool.userPoolTags()).isEqualTo(Map.of("team", "identity", "env", "test"));
        assertThat(pool.schemaAttributes()).hasSize(STANDARD.size() + 2);
        SchemaAttributeType email = pool.schemaAttributes().get(STANDARD.indexOf("email"));
        assertThat(email.required()).isTrue();
        assertThat(email.stringAttributeConstraints().maxLength()).isEqualTo("2048");
        assertThat(pool.schemaAttributes().get(STANDARD.size())).isEqualTo(SchemaAttributeType.builder()
                .name("custom:tenant").attributeDataType(AttributeDataType.STRING).developerOnlyAttribute(false)
                .mutable(false).required(false).stringAttributeConstraints(c -> c.minLength("1").maxLength("64"))
                .build());
        assertThat(pool.schemaAttributes().get(STANDARD.size() + 1).name()).isEqualTo("dev:custom:level");

        assertThat(cognito.describeUserPool(r -> r.userPoolId(pool.id())).userPool()).isEqualTo(pool);
    }

    @Test
    void createWhenSchemaBreaksCognitoRulesThenInvalidParameter() {
        assertRefused(() -> createPool(cognito, b -> b.poolName("dup").schema(
                        SchemaAttributeType.builder().name("tenant").attributeDataType(AttributeDataType.STRING).build(),
                        SchemaAttributeType.builder().name("tenant").attributeDataType(AttributeDataType.NUMBER).build())),
                InvalidParameterException.class,
                "custom:tenant: Existing attribute already has name custom:tenant.");
        assertRefused(() -> createPool(cognito, b -> b.poolName("req").schema(
                        SchemaAttributeType.builder().name("tenant").required(true).build())),
                InvalidParameterException.class, "Required custom attributes are not supported currently.");
    }

    @Test
    void createWhenMoreThanFiftyTagsThenInvalidParameter() {
        Map<String, String> tags = new HashMap<>();
        for (int i = 0; i < 51; i++) {
            tags.put("k" + i, "v");
        }
        assertRefused(() -> createPool(cognito, b -> b.poolName("tags").userPoolTags(tags)),
                InvalidParameterException.class, "A user pool can have at most 50 tags.");
    }

    @Test
    void describeWhenUnknownOrOtherRegionThenResourceNotFound() {
        UserPoolType pool = createPool(server.cognito("eu-west-1"), b -> b.poolName("eu"));
        assertThat(pool.id()).startsWith("eu-west-1_");
        assertThat(pool.arn()).startsWith("arn:aws:cognito-idp:eu-west-1:");

        assertRefused(() -> cognito.describeUserPool(r -> r.userPoolId(pool.id())),
                ResourceNotFoundException.class, "User pool " + pool.id() + " does not exist.");
        assertRefused(() -> cognito.describeUserPool(r -> r.userPoolId("us-east-1_Nope12345")),
                ResourceNotFoundException.class, "User pool us-east-1_Nope12345 does not exist.");
        assertThat(cognito.listUserPools(r -> r.maxResults(60)).userPools())
                .extracting(UserPoolDescriptionType::id).doesNotContain(pool.id());
    }

    @Test
    void listWhenSevenPoolsAndMaxThreeThenThreePagesEachPoolOnce() {
        CognitoIdentityProviderClient mumbai = server.cognito("ap-south-1");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            int n = i;
            created.add(createPool(mumbai, b -> b.poolName("page-" + n)).id());
        }
        createPool(server.cognito("ap-south-2"), b -> b.poolName("elsewhere"));

        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListUserPoolsResponse page = mumbai.listUserPools(r -> r.maxResults(3).nextToken(next));
            page.userPools().forEach(p -> {
                assertThat(p.name()).startsWith("page-");
                assertThat(p.creationDate()).isNotNull();
                assertThat(p.lastModifiedDate()).isNotNull();
                assertThat(p.lambdaConfig()).isNotNull();
            });
            page.userPools().forEach(p -> seen.add(p.id()));
            sizes.add(page.userPools().size());
            token = page.nextToken();
        } while (token != null);

        assertThat(sizes).containsExactly(3, 3, 1);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(created).doesNotHaveDuplicates();
        assertThat(seen).isSorted();
    }

    @Test
    void listWhenPoolHasLambdaConfigThenItsDescriptionCarriesIt() {
        CognitoIdentityProviderClient oregon = server.cognito("us-west-2");
        String id = createPool(oregon, b -> b.poolName("with-lambda")
                .policies(p -> p.passwordPolicy(pp -> pp.minimumLength(12)))
                .lambdaConfig(l -> l.preTokenGenerationConfig(c -> c.lambdaVersion("V2_0")
                        .lambdaArn("arn:aws:lambda:us-west-2:000000000000:function:pre")))).id();

        UserPoolDescriptionType listed = oregon.listUserPools(r -> r.maxResults(60)).userPools().stream()
                .filter(p -> p.id().equals(id)).findFirst().orElseThrow();

        assertThat(listed.name()).isEqualTo("with-lambda");
        assertThat(listed.lambdaConfig().preTokenGenerationConfig().lambdaArn()).endsWith("function:pre");
        assertThat(listed.lambdaConfig().preTokenGenerationConfig().lambdaVersionAsString()).isEqualTo("V2_0");
    }

    @Test
    void listWhenTokenFromAnotherRegionOrEditedThenInvalidParameter() {
        CognitoIdentityProviderClient sydney = server.cognito("ap-southeast-2");
        for (int i = 0; i < 3; i++) {
            createPool(sydney, b -> b.poolName("token"));
        }
        String token = sydney.listUserPools(r -> r.maxResults(1)).nextToken();
        assertThat(token).isNotNull();

        assertRefused(() -> cognito.listUserPools(r -> r.maxResults(1).nextToken(token)),
                InvalidParameterException.class, "Invalid pagination token.");
        String edited = (token.charAt(0) == 'A' ? 'B' : 'A') + token.substring(1);
        assertRefused(() -> sydney.listUserPools(r -> r.maxResults(1).nextToken(edited)),
                InvalidParameterException.class, "Invalid pagination token.");
        assertRefused(() -> sydney.listUserPools(r -> r.maxResults(1).nextToken("garbage")),
                InvalidParameterException.class, "Invalid pagination token.");
        assertThat(sydney.listUserPools(r -> r.maxResults(1).nextToken(token)).userPools()).hasSize(1);
    }

    @Test
    void updateWhenMembersOmittedThenTheyResetToDefaults() {
        UserPoolType created = createPool(cognito, b -> b.poolName("replace")
                .policies(p -> p.passwordPolicy(pp -> pp.minimumLength(20)))
                .deletionProtection(DeletionProtectionType.ACTIVE)
                .mfaConfiguration(UserPoolMfaType.OPTIONAL)
                .emailVerificationSubject("old subject")
                .usernameAttributesWithStrings("email")
                .schema(SchemaAttributeType.builder().name("tenant").build())
                .userPoolTier(UserPoolTierType.PLUS)
                .userPoolTags(Map.of("keep", "me")));

        cognito.updateUserPool(r -> r.userPoolId(created.id()).autoVerifiedAttributesWithStrings("email"));
        UserPoolType updated = cognito.describeUserPool(r -> r.userPoolId(created.id())).userPool();

        assertThat(updated.name()).isEqualTo("replace");
        assertThat(updated.policies().passwordPolicy().minimumLength()).isEqualTo(8);
        assertThat(updated.policies().passwordPolicy().requireSymbols()).isTrue();
        assertThat(updated.deletionProtection()).isEqualTo(DeletionProtectionType.INACTIVE);
        assertThat(updated.mfaConfiguration()).isEqualTo(UserPoolMfaType.OFF);
        assertThat(updated.emailVerificationSubject()).isNull();
        assertThat(updated.userPoolTier()).isEqualTo(UserPoolTierType.ESSENTIALS);
        assertThat(updated.autoVerifiedAttributesAsStrings()).containsExactly("email");
        // Not settable by UpdateUserPool, so kept.
        assertThat(updated.usernameAttributesAsStrings()).containsExactly("email");
        assertThat(updated.schemaAttributes()).isEqualTo(created.schemaAttributes());
        assertThat(updated.userPoolTags()).isEqualTo(Map.of("keep", "me"));
        assertThat(updated.creationDate()).isEqualTo(created.creationDate());
        assertThat(updated.lastModifiedDate()).isAfter(created.lastModifiedDate());

        cognito.updateUserPool(r -> r.userPoolId(created.id()).poolName("renamed")
                .userPoolTags(Map.of("new", "tag")));
        UserPoolType renamed = cognito.describeUserPool(r -> r.userPoolId(created.id())).userPool();
        assertThat(renamed.name()).isEqualTo("renamed");
        assertThat(renamed.userPoolTags()).isEqualTo(Map.of("new", "tag"));
        assertThat(renamed.autoVerifiedAttributes()).isEmpty();
    }

    @Test
    void updateWhenPoolOfOtherRegionThenResourceNotFound() {
        UserPoolType pool = createPool(server.cognito("eu-central-1"), b -> b.poolName("far"));
        assertRefused(() -> cognito.updateUserPool(r -> r.userPoolId(pool.id())),
                ResourceNotFoundException.class, "User pool " + pool.id() + " does not exist.");
    }

    @Test
    void deleteWhenDeletionProtectionActiveThenRefusedUntilDeactivated() {
        UserPoolType pool = createPool(cognito, b -> b.poolName("protected")
                .deletionProtection(DeletionProtectionType.ACTIVE));

        assertRefused(() -> cognito.deleteUserPool(r -> r.userPoolId(pool.id())), InvalidParameterException.class,
                "The user pool cannot be deleted because deletion protection is activated. "
                        + "Deletion protection must be inactivated first.");
        assertThat(cognito.describeUserPool(r -> r.userPoolId(pool.id())).userPool().id()).isEqualTo(pool.id());

        cognito.updateUserPool(r -> r.userPoolId(pool.id()).deletionProtection(DeletionProtectionType.INACTIVE));
        cognito.deleteUserPool(r -> r.userPoolId(pool.id()));

        assertRefused(() -> cognito.describeUserPool(r -> r.userPoolId(pool.id())),
                ResourceNotFoundException.class, "User pool " + pool.id() + " does not exist.");
    }

    @Test
    void deleteWhenPoolHasDomainThenRefusedUntilDomainDeleted() {
        UserPoolType pool = createPool("with-domain");
        String prefix = "gh-del-" + database().name().toLowerCase(java.util.Locale.ROOT);
        cognito.createUserPoolDomain(r -> r.userPoolId(pool.id()).domain(prefix));

        assertRefused(() -> cognito.deleteUserPool(r -> r.userPoolId(pool.id())), InvalidParameterException.class,
                "User pool cannot be deleted. It has a domain configured that should be deleted first.");

        cognito.deleteUserPoolDomain(r -> r.userPoolId(pool.id()).domain(prefix));
        cognito.deleteUserPool(r -> r.userPoolId(pool.id()));
    }

    @Test
    void deleteWhenPoolDeletedThenKeysAndSnapshotEntryAreGone() {
        UserPoolType pool = createPool("cascade");
        var components = server.server().components();
        assertThat(components.store().keysOf(pool.id())).hasSize(2);

        cognito.deleteUserPool(r -> r.userPoolId(pool.id()));

        assertThat(components.store().keysOf(pool.id())).isEmpty();
        assertThat(components.directory().current().pool(pool.id())).isEmpty();
        assertRefused(() -> cognito.deleteUserPool(r -> r.userPoolId(pool.id())),
                ResourceNotFoundException.class, "User pool " + pool.id() + " does not exist.");
    }

    @Test
    void listWhenMaxResultsOutOfRangeThenInvalidParameter() {
        assertRefused(() -> cognito.listUserPools(r -> r.maxResults(0)), InvalidParameterException.class,
                "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 1");
    }
}
