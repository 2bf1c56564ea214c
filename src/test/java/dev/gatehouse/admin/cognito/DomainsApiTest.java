package dev.gatehouse.admin.cognito;

import dev.gatehouse.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateUserPoolDomainResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DomainDescriptionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DomainStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** CreateUserPoolDomain, DescribeUserPoolDomain, UpdateUserPoolDomain, DeleteUserPoolDomain through the real SDK. */
abstract class DomainsApiTest extends ApiTestServer {

    static final class H2DomainsApiTest extends DomainsApiTest {
        @Override
        TestDatabase database() {
            return TestDatabase.H2;
        }
    }

    static final class PostgresDomainsApiTest extends DomainsApiTest {
        @Override
        TestDatabase database() {
            return TestDatabase.POSTGRES;
        }
    }

    private static final String CERT = "arn:aws:acm:us-east-1:000000000000:certificate/11111111-2222-3333-4444-555555555555";
    private static final String REGEX_MESSAGE = "The domain name contains an invalid character. Domain names can only "
            + "contain lower-case letters, numbers, and hyphens. Please enter a different name that follows this "
            + "format: ^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$";

    private static String unique(String stem) {
        return stem + "-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    }

    @Test
    void createWhenPrefixThenDescribedActiveAndShownOnThePool() {
        UserPoolType pool = createPool("prefix");
        String prefix = unique("login");

        CreateUserPoolDomainResponse created = cognito.createUserPoolDomain(r -> r.userPoolId(pool.id()).domain(prefix));
        assertThat(created.cloudFrontDomain()).isNull();
        assertThat(created.managedLoginVersion()).isEqualTo(1);

        DomainDescriptionType description = cognito.describeUserPoolDomain(r -> r.domain(prefix)).domainDescription();
        assertThat(description.userPoolId()).isEqualTo(pool.id());
        assertThat(description.awsAccountId()).isEqualTo(ACCOUNT);
        assertThat(description.domain()).isEqualTo(prefix);
        assertThat(description.cloudFrontDistribution()).matches("d[a-z0-9]{13}\\.cloudfront\\.net");
        assertThat(description.status()).isEqualTo(DomainStatusType.ACTIVE);
        assertThat(description.customDomainConfig()).isNull();
        assertThat(description.managedLoginVersion()).isEqualTo(1);

        UserPoolType described = cognito.describeUserPool(r -> r.userPoolId(pool.id())).userPool();
        assertThat(described.domain()).isEqualTo(prefix);
        assertThat(described.customDomain()).isNull();
    }

    @Test
    void createWhenCustomDomainThenCloudFrontNameAndCertificateAreKept() {
        UserPoolType pool = createPool("custom");
        String fqdn = unique("auth") + ".example.com";

        CreateUserPoolDomainResponse created = cognito.createUserPoolDomain(r -> r.userPoolId(pool.id()).domain(fqdn)
                .managedLoginVersion(2).customDomainConfig(c -> c.certificateArn(CERT).securityPolicy("TLS_V1_2_2021")));
        assertThat(created.cloudFrontDomain()).matches("d[a-z0-9]{13}\\.cloudfront\\.net");
        assertThat(created.managedLoginVersion()).isEqualTo(2);

        DomainDescriptionType description = cognito.describeUserPoolDomain(r -> r.domain(fqdn)).domainDescription();
        assertThat(description.cloudFrontDistribution()).isEqualTo(created.cloudFrontDomain());
        assertThat(description.customDomainConfig().certificateArn()).isEqualTo(CERT);
        assertThat(description.customDomainConfig().securityPolicyAsString()).isEqualTo("TLS_V1_2_2021");
        assertThat(description.managedLoginVersion()).isEqualTo(2);
        assertThat(cognito.describeUserPool(r -> r.userPoolId(pool.id())).userPool().customDomain()).isEqualTo(fqdn);
    }

    @Test
    void describeWhenUnknownDomainThenEmptyDescription() {
        DomainDescriptionType description = cognito.describeUserPoolDomain(r -> r.domain(unique("nobody")))
                .domainDescription();
        assertThat(description).isNotNull();
        assertThat(description.domain()).isNull();
        assertThat(description.userPoolId()).isNull();
        assertThat(description.status()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"aws, aws", "my-amazon-x, amazon", "newcognito1, cognito"})
    void createWhenPrefixContainsReservedWordThenInvalidParameter(String prefix, String word) {
        UserPoolType pool = createPool("reserved");
        assertRefused(() -> cognito.createUserPoolDomain(r -> r.userPoolId(pool.id()).domain(prefix)),
                InvalidParameterException.class, "Domain cannot contain reserved word: " + word);
    }

    @ParameterizedTest
    @ValueSource(strings = {"My-Login", "-login", "login-", "log_in", "auth.example.com", "a b"})
    void createWhenPrefixBreaksThePatternThenInvalidParameter(String prefix) {
        UserPoolType pool = createPool("pattern");
        assertRefused(() -> cognito.createUserPoolDomain(r -> r.userPoolId(pool.id()).domain(prefix)),
                InvalidParameterException.class, REGEX_MESSAGE);
    }

    @Test
    void createWhenPrefixTakenByAnotherPoolThenInvalidParameter() {
        String prefix = unique("shared");
        cognito.createUserPoolDomain(r -> r.userPoolId(createPool("first").id()).domain(prefix));
        UserPoolType second = createPool("second");

        assertRefused(() -> cognito.createUserPoolDomain(r -> r.userPoolId(second.id()).domain(prefix)),
                InvalidParameterException.class, "Domain already associated with another user pool.");
    }

    @Test
    void createWhenPoolAlreadyHasPrefixDomainThenInvalidParameter() {
        UserPoolType pool = createPool("two");
        cognito.createUserPoolDomain(r -> r.userPoolId(pool.id()).domain(unique("one")));

        assertRefused(() -> cognito.createUserPoolDomain(r -> r.userPoolId(pool.id()).domain(unique("two"))),
                InvalidParameterException.class, "User pool already has a domain configured.");
        // ...but a custom domain beside the prefix is allowed (UserPoolType.Domain and .CustomDomain).
        cognito.createUserPoolDomain(r -> r.userPoolId(pool.id()).domain(unique("id") + ".example.org")
                .customDomainConfig(c -> c.certificateArn(CERT)));
    }

    @Test
    void createWhenPrefixUsedInAnotherRegionThenAllowed() {
        String prefix = unique("regional");
        cognito.createUserPoolDomain(r -> r.userPoolId(createPool("use1").id()).domain(prefix));
        var ireland = server.cognito("eu-west-1");
        UserPoolType euPool = createPool(ireland, b -> b.poolName("euw1"));

        ireland.createUserPoolDomain(r -> r.userPoolId(euPool.id()).domain(prefix));

        assertThat(ireland.describeUserPoolDomain(r -> r.domain(prefix)).domainDescription().userPoolId())
                .isEqualTo(euPool.id());
        assertThat(cognito.describeUserPoolDomain(r -> r.domain(prefix)).domainDescription().userPoolId())
                .isNotEqualTo(euPool.id());
    }

    @Test
    void createWhenPoolUnknownThenResourceNotFound() {
        assertRefused(() -> cognito.createUserPoolDomain(r -> r.userPoolId("us-east-1_Nope12345").domain(unique("x"))),
                ResourceNotFoundException.class, "User pool us-east-1_Nope12345 does not exist.");
    }

    @Test
    void updateWhenManagedLoginVersionOrCertificateChangesThenDescribed() {
        UserPoolType pool = createPool("update");
        String prefix = unique("upd");
        String fqdn = unique("upd") + ".example.net";
        cognito.createUserPoolDomain(r -> r.userPoolId(pool.id()).domain(prefix));
        cognito.createUserPoolDomain(r -> r.userPoolId(pool.id()).domain(fqdn).customDomainConfig(c -> c.certificateArn(CERT)));

        assertThat(cognito.updateUserPoolDomain(r -> r.userPoolId(pool.id()).domain(prefix).managedLoginVersion(2))
                .managedLoginVersion()).isEqualTo(2);
        String newCert = CERT.replace("5555", "6666");
        cognito.updateUserPoolDomain(r -> r.userPoolId(pool.id()).domain(fqdn).customDomainConfig(c -> c.certificateArn(newCert)));

        assertThat(cognito.describeUserPoolDomain(r -> r.domain(prefix)).domainDescription().managedLoginVersion())
                .isEqualTo(2);
        assertThat(cognito.describeUserPoolDomain(r -> r.domain(fqdn)).domainDescription().customDomainConfig()
                .certificateArn()).isEqualTo(newCert);
    }

    @Test
    void updateOrDeleteWhenDomainUnknownOrOfAnotherPoolThenInvalidParameter() {
        String prefix = unique("owned");
        UserPoolType owner = createPool("owner");
        UserPoolType other = createPool("other");
        cognito.createUserPoolDomain(r -> r.userPoolId(owner.id()).domain(prefix));

        assertRefused(() -> cognito.updateUserPoolDomain(r -> r.userPoolId(other.id()).domain(prefix).managedLoginVersion(2)),
                InvalidParameterException.class, "No such domain or user pool exists.");
        assertRefused(() -> cognito.deleteUserPoolDomain(r -> r.userPoolId(other.id()).domain(prefix)),
                InvalidParameterException.class, "No such domain or user pool exists.");
        assertRefused(() -> cognito.deleteUserPoolDomain(r -> r.userPoolId(owner.id()).domain(unique("ghost"))),
                InvalidParameterException.class, "No such domain or user pool exists.");
        assertRefused(() -> cognito.updateUserPoolDomain(r -> r.userPoolId(owner.id()).domain(prefix)
                        .customDomainConfig(c -> c.certificateArn(CERT))),
                InvalidParameterException.class, "CustomDomainConfig can only be updated for a custom domain.");
        assertThat(cognito.describeUserPoolDomain(r -> r.domain(prefix)).domainDescription().userPoolId())
                .isEqualTo(owner.id());
    }

    @Test
    void deleteWhenOwnedThenGoneAndPrefixFreeAgain() {
        String prefix = unique("gone");
        UserPoolType pool = createPool("delete-domain");
        cognito.createUserPoolDomain(r -> r.userPoolId(pool.id()).domain(prefix));

        cognito.deleteUserPoolDomain(r -> r.userPoolId(pool.id()).domain(prefix));

        assertThat(cognito.describeUserPoolDomain(r -> r.domain(prefix)).domainDescription().domain()).isNull();
        assertThat(cognito.describeUserPool(r -> r.userPoolId(pool.id())).userPool().domain()).isNull();
        assertThat(server.server().components().directory().current().poolOfDomain("us-east-1", prefix)).isEmpty();
        UserPoolType next = createPool("reuse");
        cognito.createUserPoolDomain(r -> r.userPoolId(next.id()).domain(prefix));
    }
}
