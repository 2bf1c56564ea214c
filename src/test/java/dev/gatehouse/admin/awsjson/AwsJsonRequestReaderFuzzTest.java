package dev.gatehouse.admin.awsjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whatever the bytes, the reader answers with a result or an {@link AwsJsonException} — never another
 * exception (which would become a 500). Fixed seed, so a failure reproduces.
 */
class AwsJsonRequestReaderFuzzTest {

    private static final AwsJsonRequestReader READER = new AwsJsonRequestReader(ServiceModel.cognitoIdentityProvider());
    private static final long SEED = 20_260_917L;
    private static final List<String[]> VALID = List.of(
            new String[] {"CreateUserPoolClient", "{\"UserPoolId\":\"us-east-1_AbCdEfGhI\",\"ClientName\":\"m2m\",\"GenerateSecret\":true,"
                    + "\"AllowedOAuthFlows\":[\"client_credentials\"],\"AllowedOAuthScopes\":[\"api/read\"],\"AllowedOAuthFlowsUserPoolClient\":true,"
                    + "\"AccessTokenValidity\":60,\"TokenValidityUnits\":{\"AccessToken\":\"minutes\"},\"ExplicitAuthFlows\":[\"ALLOW_CLIENT_TOKEN_AUTH\"],"
                    + "\"RefreshTokenRotation\":{\"Feature\":\"DISABLED\",\"RetryGracePeriodSeconds\":0}}"},
            new String[] {"CreateUserPool", "{\"PoolName\":\"p\",\"UserPoolTags\":{\"k\":\"v\"},\"Schema\":[{\"Name\":\"n\",\"AttributeDataType\":\"String\","
                    + "\"StringAttributeConstraints\":{\"MinLength\":\"1\",\"MaxLength\":\"8\"}}],\"UserPoolTier\":\"ESSENTIALS\","
                    + "\"KeyConfiguration\":{\"KeyType\":\"AWS_OWNED_KEY\"},\"IssuerConfiguration\":{\"Type\":\"ORIGINAL\"}}"},
            new String[] {"ListUserPoolClients", "{\"UserPoolId\":\"us-east-1_AbCdEfGhI\",\"MaxResults\":60,\"NextToken\":\"abc\"}"},
            new String[] {"GetClientToken", "{\"ClientId\":\"abc\",\"Secret\":\"" + "s".repeat(24) + "\",\"Scopes\":[\"api/read\"],\"ClientMetadata\":{\"a\":\"b\"}}"},
            new String[] {"CreateResourceServer", "{\"UserPoolId\":\"us-east-1_AbCdEfGhI\",\"Identifier\":\"api\",\"Name\":\"API\","
                    + "\"Scopes\":[{\"ScopeName\":\"read\",\"ScopeDescription\":\"r\"}]}"});
    private static final byte[] INTERESTING = "{}[]\":,0123456789.eE-+ntrufalsn\\u\u00ff\u0000 ".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void validBodiesWhenUnchangedThenAccepted() {
        for (String[] valid : VALID) {
            assertThat(READER.read(valid[0], valid[1].getBytes(StandardCharsets.UTF_8))).isNotNull();
        }
    }

    @Test
    void readWhenRandomBytesThenOnlyAwsJsonException() {
        Random random = new Random(SEED);
        for (int i = 0; i < 3_000; i++) {
            byte[] body = new byte[random.nextInt(64)];
            random.nextBytes(body);
            readExpectingNothingElse(VALID.get(i % VALID.size())[0], body);
        }
    }

    @Test
    void readWhenValidBodyMutatedThenOnlyAwsJsonException() {
        Random random = new Random(SEED);
        for (int i = 0; i < 5_000; i++) {
            String[] valid = VALID.get(i % VALID.size());
            readExpectingNothingElse(valid[0], mutate(valid[1].getBytes(StandardCharsets.UTF_8), random));
        }
    }

    private static byte[] mutate(byte[] body, Random random) {
        byte[] mutated = body.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(mutated.length);
            switch (random.nextInt(3)) {
                case 0 -> mutated[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                case 1 -> mutated[at] = (byte) random.nextInt(256);
                default -> {
                    byte[] shorter = new byte[mutated.length - 1];
                    System.arraycopy(mutated, 0, shorter, 0, at);
                    System.arraycopy(mutated, at + 1, shorter, at, mutated.length - at - 1);
                    mutated = shorter.length == 0 ? mutated : shorter;
                }
            }
        }
        return mutated;
    }

    private static void readExpectingNothingElse(String operation, byte[] body) {
        try {
            READER.read(operation, body);
        } catch (AwsJsonException expected) {
            assertThat(expected.httpStatus()).isEqualTo(400);
        } catch (RuntimeException | StackOverflowError unexpected) {
            fail("%s on %s body %s", unexpected, operation, new String(body, StandardCharsets.ISO_8859_1), unexpected);
        }
    }
}
