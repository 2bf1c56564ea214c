package dev.gatehouse.admin.awsjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AwsJsonRequestReaderTest {

    private static final AwsJsonRequestReader READER = new AwsJsonRequestReader(ServiceModel.cognitoIdentityProvider());

    private static final String SERIALIZATION = "SerializationException";
    private static final String INVALID_PARAMETER = "InvalidParameterException";
    private static final String POOL = "\"UserPoolId\":\"us-east-1_AbCdEfGhI\"";
    private static final String CLIENT = POOL + ",\"ClientName\":\"m2m\"";

    static Stream<Arguments> constraintViolations() {
        return Stream.of(
                // required
                fails("CreateUserPoolClient", "{}", INVALID_PARAMETER,
                        "2 validation errors detected: Value null at 'userPoolId' failed to satisfy constraint: Member must not be null; "
                                + "Value null at 'clientName' failed to satisfy constraint: Member must not be null"),
                fails("CreateUserPoolClient", "{" + POOL + ",\"ClientName\":null}", INVALID_PARAMETER,
                        "1 validation error detected: Value null at 'clientName' failed to satisfy constraint: Member must not be null"),
                fails("ListUserPools", "{}", INVALID_PARAMETER,
                        "1 validation error detected: Value null at 'maxResults' failed to satisfy constraint: Member must not be null"),
                // length
                fails("CreateUserPool", "{\"PoolName\":\"" + "p".repeat(129) + "\"}", INVALID_PARAMETER,
                        "1 validation error detected: Value '" + "p".repeat(129) + "' at 'poolName' failed to satisfy constraint: "
                                + "Member must have length less than or equal to 128"),
                fails("CreateUserPoolClient", "{" + POOL + ",\"ClientName\":\"\"}", INVALID_PARAMETER,
                        "2 validation errors detected: Value '' at 'clientName' failed to satisfy constraint: Member must have length greater than or equal to 1; "
                                + "Value '' at 'clientName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+"),
                // pattern
                fails("CreateUserPool", "{\"PoolName\":\"my pool!\"}", INVALID_PARAMETER,
                        "1 validation error detected: Value 'my pool!' at 'poolName' failed to satisfy constraint: "
                                + "Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+"),
                fails("DescribeUserPool", "{\"UserPoolId\":\"us-east-1_AbC\\n\"}", INVALID_PARAMETER,
                        "1 validation error detected: Value 'us-east-1_AbC\n' at 'userPoolId' failed to satisfy constraint: "
                                + "Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+"),
                fails("CreateResourceServer", "{" + POOL + ",\"Identifier\":\"https://api.example.com\",\"Name\":\"api\","
                                + "\"Scopes\":[{\"ScopeName\":\"https://api.example.com/read\",\"ScopeDescription\":\"r\"}]}", INVALID_PARAMETER,
                        "1 validation error detected: Value 'https://api.example.com/read' at 'scopes.1.member.scopeName' failed to satisfy constraint: "
                                + "Member must satisfy regular expression pattern: [\\x21\\x23-\\x2E\\x30-\\x5B\\x5D-\\x7E]+"),
                // sensitive shapes are never echoed (Cognito: "Value at 'password' failed to satisfy constraint")
                fails("CreateUserPoolClient", "{" + CLIENT + ",\"ClientSecret\":\"" + "s".repeat(23) + "\"}", INVALID_PARAMETER,
                        "1 validation error detected: Value at 'clientSecret' failed to satisfy constraint: Member must have length greater than or equal to 24"),
                fails("AddUserPoolClientSecret", "{" + POOL + ",\"ClientId\":\"abc\",\"ClientSecret\":\"" + "s".repeat(23) + "!\"}", INVALID_PARAMETER,
                        "1 validation error detected: Value at 'clientSecret' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+]+"),
                fails("DescribeUserPoolClient", "{" + POOL + ",\"ClientId\":\"not a client\"}", INVALID_PARAMETER,
                        "1 validation error detected: Value at 'clientId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+]+"),
                fails("GetClientToken", "{\"ClientId\":\"abc\",\"Secret\":\"short\"}", INVALID_PARAMETER,
                        "1 validation error detected: Value at 'secret' failed to satisfy constraint: Member must have length greater than or equal to 24"),
                // enum: SPEC §3.5, observed verbatim
                fails("CreateUserPoolClient", "{" + CLIENT + ",\"AllowedOAuthFlows\":[\"code\",\"token\"]}", INVALID_PARAMETER,
                        "1 validation error detected: Value '[code, token]' at 'allowedOAuthFlows' failed to satisfy constraint: "
                                + "Member must satisfy constraint: [Member must satisfy enum value set: [implicit, client_credentials, code]]"),
                fails("UpdateUserPoolClient", "{" + POOL + ",\"ClientId\":\"abc\",\"TokenValidityUnits\":{\"AccessToken\":\"weeks\"}}", INVALID_PARAMETER,
                        "1 validation error detected: Value 'weeks' at 'tokenValidityUnits.accessToken' failed to satisfy constraint: "
                                + "Member must satisfy enum value set: [seconds, hours, minutes, days]"),
                // range (SECURITY AD-09)
                fails("ListUserPoolClients", "{" + POOL + ",\"MaxResults\":0}", INVALID_PARAMETER,
                        "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"),
                fails("ListUserPoolClients", "{" + POOL + ",\"MaxResults\":-1}", INVALID_PARAMETER,
                        "1 validation error detected: Value '-1' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"),
                fails("ListUserPoolClients", "{" + POOL + ",\"MaxResults\":61}", INVALID_PARAMETER,
                        "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60"),
                fails("ListUserPoolClients", "{" + POOL + ",\"MaxResults\":2147483648}", INVALID_PARAMETER,
                        "1 validation error detected: Value '2147483648' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60"),
                fails("ListUserPoolClients", "{" + POOL + ",\"MaxResults\":-99999999999999999999}", INVALID_PARAMETER,
                        "1 validation error detected: Value '-99999999999999999999' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"),
                fails("ListUserPoolClients", "{" + POOL + ",\"MaxResults\":1e999999999}", INVALID_PARAMETER,
                        "1 validation error detected: Value '1E+999999999' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60"),
                // containers: list size, scalar elements, map keys and values
                fails("CreateUserPoolClient", "{" + CLIENT + ",\"AllowedOAuthScopes\":[" + scopes(51) + "]}", INVALID_PARAMETER,
                        "1 validation error detected: Value '[" + scopes(51).replace("\"", "").replace(",", ", ") + "]' at 'allowedOAuthScopes' "
                                + "failed to satisfy constraint: Member must have length less than or equal to 50"),
                fails("CreateUserPoolClient", "{" + CLIENT + ",\"AllowedOAuthScopes\":[\"api/read\",\"a b\"]}", INVALID_PARAMETER,
                        "1 validation error detected: Value '[api/read, a b]' at 'allowedOAuthScopes' failed to satisfy constraint: Member must satisfy constraint: "
                                + "[Member must have length less than or equal to 256, Member must have length greater than or equal to 1, "
                                + "Member must satisfy regular expression pattern: [\\x21\\x23-\\x5B\\x5D-\\x7E]+]"),
                fails("TagResource", "{\"ResourceArn\":\"arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEfGhI\","
                                + "\"Tags\":{\"\":\"v\",\"k\":\"" + "v".repeat(257) + "\"}}", INVALID_PARAMETER,
                        "2 validation errors detected: Value '{=v, k=" + "v".repeat(257) + "}' at 'tags' failed to satisfy constraint: "
                                + "Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]; "
                                + "Value '{=v, k=" + "v".repeat(257) + "}' at 'tags' failed to satisfy constraint: "
                                + "Map value must satisfy constraint: [Member must have length less than or equal to 256, Member must have length greater than or equal to 0]"),
                fails("CreateUserPool", "{\"PoolName\":\"p\",\"Schema\":[{\"Name\":\"ok\"},{\"Name\":\"" + "n".repeat(21) + "\",\"AttributeDataType\":\"Text\"}]}", INVALID_PARAMETER,
                        "2 validation errors detected: Value '" + "n".repeat(21) + "' at 'schema.2.member.name' failed to satisfy constraint: "
                                + "Member must have length less than or equal to 20; Value 'Text' at 'schema.2.member.attributeDataType' "
                                + "failed to satisfy constraint: Member must satisfy enum value set: [Number, String, Boolean, DateTime]"),
                // several members fail: one message, member order, "; "
                fails("CreateUserPoolClient", "{\"AllowedOAuthFlows\":[\"token\"],\"ClientName\":\"bad!\",\"UserPoolId\":\"x\","
                                + "\"RefreshTokenValidity\":315360001}", INVALID_PARAMETER,
                        "4 validation errors detected: Value 'x' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+; "
                                + "Value 'bad!' at 'clientName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+; "
                                + "Value '315360001' at 'refreshTokenValidity' failed to satisfy constraint: Member must have value less than or equal to 315360000; "
                                + "Value '[token]' at 'allowedOAuthFlows' failed to satisfy constraint: Member must satisfy constraint: "
                                + "[Member must satisfy enum value set: [implicit, client_credentials, code]]"));
    }

    static Stream<Arguments> wrongJsonTypes() {
        return Stream.of(
                fails("ListUserPoolClients", "{" + POOL + ",\"MaxResults\":\"10\"}", SERIALIZATION, "STRING_VALUE can not be converted to an Integer"),
                fails("ListUserPoolClients", "{" + POOL + ",\"MaxResults\":10.5}", SERIALIZATION, "NUMBER_VALUE can not be converted to an Integer"),
                fails("ListUserPoolClients", "{" + POOL + ",\"MaxResults\":1e-999999999}", SERIALIZATION, "NUMBER_VALUE can not be converted to an Integer"),
                fails("ListUserPoolClients", "{" + POOL + ",\"MaxResults\":true}", SERIALIZATION, "TRUE_VALUE can not be converted to an Integer"),
                fails("ListUserPoolClients", "{" + POOL + ",\"MaxResults\":[10]}", SERIALIZATION, "Start of list found where not expected"),
                fails("ListUserPoolClients", "{" + POOL + ",\"MaxResults\":{\"v\":10}}", SERIALIZATION, "Start of structure or map found where not expected."),
                fails("CreateUserPoolClient", "{" + POOL + ",\"ClientName\":{}}", SERIALIZATION, "Start of structure or map found where not expected."),
                fails("CreateUserPoolClient", "{" + POOL + ",\"ClientName\":[\"m2m\"]}", SERIALIZATION, "Start of list found where not expected"),
                fails("CreateUserPoolClient", "{" + POOL + ",\"ClientName\":42}", SERIALIZATION, "NUMBER_VALUE can not be converted to a String"),
                fails("CreateUserPoolClient", "{" + POOL + ",\"ClientName\":false}", SERIALIZATION, "FALSE_VALUE can not be converted to a String"),
                fails("CreateUserPoolClient", "{" + CLIENT + ",\"GenerateSecret\":\"true\"}", SERIALIZATION, "STRING_VALUE can not be converted to a Boolean"),
                fails("CreateUserPoolClient", "{" + CLIENT + ",\"GenerateSecret\":1}", SERIALIZATION, "NUMBER_VALUE can not be converted to a Boolean"),
                fails("CreateUserPoolClient", "{" + CLIENT + ",\"AllowedOAuthFlows\":\"code\"}", SERIALIZATION, "Expected list or null"),
                fails("CreateUserPoolClient", "{" + CLIENT + ",\"AllowedOAuthFlows\":{\"0\":\"code\"}}", SERIALIZATION, "Start of structure or map found where not expected."),
                fails("CreateUserPoolClient", "{" + CLIENT + ",\"AllowedOAuthScopes\":[1]}", SERIALIZATION, "NUMBER_VALUE can not be converted to a String"),
                fails("CreateUserPoolClient", "{" + CLIENT + ",\"TokenValidityUnits\":[]}", SERIALIZATION, "Start of list found where not expected"),
                fails("CreateUserPoolClient", "{" + CLIENT + ",\"TokenValidityUnits\":\"hours\"}", SERIALIZATION, "Expected null"),
                fails("CreateUserPool", "{\"PoolName\":\"p\",\"UserPoolTags\":[]}", SERIALIZATION, "Start of list found where not expected"),
                fails("CreateUserPool", "{\"PoolName\":\"p\",\"UserPoolTags\":\"k=v\"}", SERIALIZATION, "Expected map or null"),
                fails("CreateUserPool", "{\"PoolName\":\"p\",\"UserPoolTags\":{\"k\":1}}", SERIALIZATION, "NUMBER_VALUE can not be converted to a String"),
                // first wrong value in document order wins, before any constraint is looked at
                fails("CreateUserPoolClient", "{\"ClientName\":\"bad!\",\"AccessTokenValidity\":\"1\",\"IdTokenValidity\":true}", SERIALIZATION,
                        "STRING_VALUE can not be converted to an Integer"),
                fails("ListUserPools", "[]", SERIALIZATION, "Start of list found where not expected"),
                fails("ListUserPools", "[".repeat(100_000), SERIALIZATION, "Start of list found where not expected"));
    }

    /** Bodies Coral cannot read at all: SerializationException without a message (Athena raw-HTTP captures; dynalite). */
    static Stream<Arguments> malformedBodies() {
        return Stream.of(
                malformed("duplicate key", "{\"MaxResults\":10,\"MaxResults\":60}"),
                malformed("duplicate nested key", "{\"ClientName\":\"a\"," + POOL + ",\"TokenValidityUnits\":{\"AccessToken\":\"hours\",\"AccessToken\":\"days\"}}"),
                malformed("duplicate unknown key", "{\"MaxResults\":10,\"x\":1,\"x\":2}"),
                malformed("nesting bomb inside the object", "{\"x\":" + "[".repeat(100_000) + "}"),
                malformed("2 MiB string", "{\"NextToken\":\"" + "a".repeat(2 << 20) + "\",\"MaxResults\":10}"),
                malformed("2 MiB member name", "{\"" + "a".repeat(2 << 20) + "\":1,\"MaxResults\":10}"),
                malformed("1000-digit number", "{\"MaxResults\":" + "9".repeat(1000) + "}"),
                malformed("trailing object", "{}{}"),
                malformed("trailing garbage", "{\"MaxResults\":10} x"),
                malformed("truncated", "{\"MaxResults\":10"),
                malformed("comment", "/* c */{\"MaxResults\":10}"),
                malformed("trailing comma", "{\"MaxResults\":10,}"),
                malformed("NaN", "{\"MaxResults\":NaN}"),
                malformed("single quotes", "{'MaxResults':10}"),
                malformed("unescaped control character", "{\"NextToken\":\"a\u0001b\",\"MaxResults\":10}"),
                malformed("top-level null", "null"),
                malformed("top-level string", "\"{}\""),
                malformed("top-level number", "1"),
                malformed("whitespace only", "  \n"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource({"constraintViolations", "wrongJsonTypes"})
    void readWhenInputBreaksTheModelThenCoralErrorAndMessage(String operation, String body, String type, String message) {
        AwsJsonException e = readFailure(operation, body.getBytes(StandardCharsets.UTF_8));
        assertThat(e.errorType()).isEqualTo(type);
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.wireMessage()).contains(message);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("malformedBodies")
    void readWhenBodyIsNotStrictJsonThenSerializationExceptionWithoutMessage(String description, String body) {
        AwsJsonException e = readFailure("ListUserPools", body.getBytes(StandardCharsets.UTF_8));
        assertThat(e.errorType()).isEqualTo(SERIALIZATION);
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.wireMessage()).isEmpty();
        assertThat(e.getMessage()).hasSizeLessThan(100);
    }

    @Test
    void readWhenBodyIsInvalidUtf8ThenSerializationException() {
        byte[][] bodies = {
                {'{', '"', 'N', 'e', 'x', 't', 'T', 'o', 'k', 'e', 'n', '"', ':', '"', (byte) 0xFF, '"', '}'},
                {'{', '"', 'N', 'e', 'x', 't', 'T', 'o', 'k', 'e', 'n', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'},
                {'{', '"', 'N', 'e', 'x', 't', 'T', 'o', 'k', 'e', 'n', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'},
                {'{', '"', 'N', 'e', 'x', 't', 'T', 'o', 'k', 'e', 'n', '"', ':', '"', (byte) 0xE2, (byte) 0x82, '"', '}'},
        };
        for (byte[] body : bodies) {
            AwsJsonException e = readFailure("ListUserPools", body);
            assertThat(e.errorType()).isEqualTo(SERIALIZATION);
            assertThat(e.wireMessage()).isEmpty();
        }
    }

    @Test
    void readWhenEmptyBodyThenReadAsEmptyObject() {
        // AssociateSoftwareToken: an input without required members
        assertThat(READER.read("AssociateSoftwareToken", new byte[0]).size()).isZero();
        AwsJsonException e = readFailure("DescribeUserPool", new byte[0]);
        assertThat(e.wireMessage()).contains(
                "1 validation error detected: Value null at 'userPoolId' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void readWhenOperationUnknownThenUnknownOperationException() {
        AwsJsonException e = readFailure("DoesNotExist", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(e.errorType()).isEqualTo("UnknownOperationException");
        assertThat(e.httpStatus()).isEqualTo(400);
    }

    @Test
    void readWhenValidThenOnlyModelMembersWithoutNulls() {
        ObjectNode read = READER.read("CreateUserPoolClient", ("{" + CLIENT + ",\"GenerateSecret\":true,\"ClientSecret\":null,"
                + "\"AllowedOAuthScopes\":[\"api/read\",null],\"Unknown\":{\"deep\":[1,{\"x\":null}]},"
                + "\"TokenValidityUnits\":{\"AccessToken\":\"minutes\",\"Future\":1},\"AccessTokenValidity\":6e1,"
                + "\"ExplicitAuthFlows\":[\"ALLOW_CLIENT_TOKEN_AUTH\"]}").getBytes(StandardCharsets.UTF_8));
        assertThat(read.toString()).isEqualTo("{\"UserPoolId\":\"us-east-1_AbCdEfGhI\",\"ClientName\":\"m2m\",\"GenerateSecret\":true,"
                + "\"AllowedOAuthScopes\":[\"api/read\"],\"TokenValidityUnits\":{\"AccessToken\":\"minutes\"},\"AccessTokenValidity\":60,"
                + "\"ExplicitAuthFlows\":[\"ALLOW_CLIENT_TOKEN_AUTH\"]}");
    }

    @Test
    void readWhenCustomDomainFqdnThenLeftToTheDomainRules() {
        ObjectNode read = READER.read("CreateUserPoolDomain", ("{" + POOL + ",\"Domain\":\"auth.example.com\","
                + "\"CustomDomainConfig\":{\"CertificateArn\":\"arn:aws:acm:us-east-1:123456789012:certificate/abc\"}}")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(read.get("Domain").asText()).isEqualTo("auth.example.com");
    }

    @Test
    void readWhenLengthCountsSupplementaryCharactersThenCodePoints() {
        String emoji = "\uD83D\uDE00";
        ObjectNode read = READER.read("CreateUserPool", ("{\"PoolName\":\"p\",\"UserPoolTags\":{\"k\":\"" + emoji.repeat(256) + "\"}}")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(read.get("UserPoolTags").get("k").asText()).hasSize(512);
    }

    private static AwsJsonException readFailure(String operation, byte[] body) {
        AwsJsonException e = catchThrowableOfType(AwsJsonException.class, () -> READER.read(operation, body));
        assertThat(e).as("expected a refusal").isNotNull();
        return e;
    }

    private static Arguments fails(String operation, String body, String type, String message) {
        return Arguments.of(operation, body, type, message);
    }

    private static Arguments malformed(String description, String body) {
        return Arguments.of(description, body);
    }

    private static String scopes(int count) {
        return IntStream.range(0, count).mapToObj(i -> "\"api/s" + i + "\"").collect(Collectors.joining(","));
    }
}
