package dev.gatehouse.admin.cognito;

import dev.gatehouse.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** TagResource, UntagResource, ListTagsForResource through the real SDK. */
abstract class TagsApiTest extends ApiTestServer {

    static final class H2TagsApiTest extends TagsApiTest {
        @Override
        TestDatabase database() {
            return TestDatabase.H2;
        }
    }

    static final class PostgresTagsApiTest extends TagsApiTest {
        @Override
        TestDatabase database() {
            return TestDatabase.POSTGRES;
        }
    }

    @Test
    void tagUntagListWhenPoolArnThenRoundTrip() {
        UserPoolType pool = createPool(cognito, b -> b.poolName("tags").userPoolTags(Map.of("a", "1")));

        cognito.tagResource(r -> r.resourceArn(pool.arn()).tags(Map.of("b", "2", "a", "3")));
        assertThat(cognito.listTagsForResource(r -> r.resourceArn(pool.arn())).tags())
                .isEqualTo(Map.of("a", "3", "b", "2"));

        cognito.untagResource(r -> r.resourceArn(pool.arn()).tagKeys("a", "missing"));
        assertThat(cognito.listTagsForResource(r -> r.resourceArn(pool.arn())).tags()).isEqualTo(Map.of("b", "2"));
        assertThat(cognito.describeUserPool(r -> r.userPoolId(pool.id())).userPool().userPoolTags())
                .isEqualTo(Map.of("b", "2"));
    }

    @Test
    void tagWhenPoolWouldExceedFiftyTagsThenInvalidParameter() {
        Map<String, String> fifty = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            fifty.put("k" + i, "v");
        }
        UserPoolType pool = createPool(cognito, b -> b.poolName("full").userPoolTags(fifty));
        cognito.tagResource(r -> r.resourceArn(pool.arn()).tags(Map.of("k0", "overwrite")));

        assertRefused(() -> cognito.tagResource(r -> r.resourceArn(pool.arn()).tags(Map.of("one-more", "x"))),
                InvalidParameterException.class, "A user pool can have at most 50 tags.");
        assertThat(cognito.listTagsForResource(r -> r.resourceArn(pool.arn())).tags()).hasSize(50)
                .containsEntry("k0", "overwrite").doesNotContainKey("one-more");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "arn:aws:cognito-idp:us-east-1:000000000000:userpool",
            "arn:aws:s3:::some-bucket-name",
            "arn:aws:cognito-idp:us-east-1:000000000000:identitypool/us-east-1_abc",
            "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_abc/client/x",
            "not-an-arn-at-all-really"})
    void tagWhenArnIsNotAUserPoolArnThenInvalidParameter(String arn) {
        // ARNs that fail the model's ArnType pattern are refused by model validation first, as on AWS.
        String message = arn.startsWith("arn:aws:cognito-idp:")
                ? "The resource ARN is not a valid user pool ARN."
                : "1 validation error detected: Value '" + arn + "' at 'resourceArn' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: "
                        + "arn:[\\w+=/,.@-]+:[\\w+=/,.@-]+:([\\w+=/,.@-]*)?:[0-9]+:[\\w+=/,.@-]+(:[\\w+=/,.@-]+)?(:[\\w+=/,.@-]+)?";
        assertRefused(() -> cognito.tagResource(r -> r.resourceArn(arn).tags(Map.of("a", "b"))),
                InvalidParameterException.class, message);
        assertRefused(() -> cognito.untagResource(r -> r.resourceArn(arn).tagKeys("a")),
                InvalidParameterException.class, message);
        assertRefused(() -> cognito.listTagsForResource(r -> r.resourceArn(arn)),
                InvalidParameterException.class, message);
    }

    @Test
    void tagWhenArnOfAnotherAccountRegionOrUnknownPoolThenResourceNotFound() {
        UserPoolType pool = createPool("mine");
        String otherAccount = pool.arn().replace(":" + ACCOUNT + ":", ":123456789012:");
        String otherRegion = pool.arn().replace(":us-east-1:", ":eu-west-1:");
        String unknown = "arn:aws:cognito-idp:us-east-1:" + ACCOUNT + ":userpool/us-east-1_Nope12345";

        for (String arn : new String[] {otherAccount, otherRegion}) {
            assertRefused(() -> cognito.listTagsForResource(r -> r.resourceArn(arn)),
                    ResourceNotFoundException.class, "User pool " + pool.id() + " does not exist.");
        }
        assertRefused(() -> cognito.tagResource(r -> r.resourceArn(unknown).tags(Map.of("a", "b"))),
                ResourceNotFoundException.class, "User pool us-east-1_Nope12345 does not exist.");
        UserPoolType euPool = createPool(server.cognito("eu-west-1"), b -> b.poolName("eu"));
        assertRefused(() -> cognito.listTagsForResource(r -> r.resourceArn(euPool.arn())),
                ResourceNotFoundException.class, "User pool " + euPool.id() + " does not exist.");
    }
}
