package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.ManageContext;
import dev.gatehouse.manage.RevocationService;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Gatehouse's revocation operations (target prefix {@code GatehouseService.}), keyed by name, and
 * the input checks they share: no AWS model describes them, so each member is checked here with
 * Cognito's own constraints and Coral's message style.
 */
public final class RevocationActions {

    /** Cognito API: UserPoolIdType. */
    private static final Pattern POOL_ID = Pattern.compile("[\\w-]+_[0-9a-zA-Z]+");
    /** Cognito API: ClientIdType. */
    private static final Pattern CLIENT_ID = Pattern.compile("[\\w+]+");

    private RevocationActions() {
    }

    public static Map<String, CognitoAction> create(ManageContext manage) {
        RevocationService revocations = new RevocationService(manage);
        return Map.of(
                "RevokeClientTokens", new RevokeClientTokens(revocations),
                "DisableUserPoolClient", new DisableUserPoolClient(revocations),
                "EnableUserPoolClient", new EnableUserPoolClient(revocations));
    }

    /** UserPoolId: 1–55 characters of {@code [\w-]+_[0-9a-zA-Z]+}. */
    static String poolId(ObjectNode input) {
        return member(input, "UserPoolId", 55, POOL_ID);
    }

    /** ClientId: 1–128 characters of {@code [\w+]+}. */
    static String clientId(ObjectNode input) {
        return member(input, "ClientId", 128, CLIENT_ID);
    }

    private static String member(ObjectNode input, String member, int maxLength, Pattern pattern) {
        String path = Character.toLowerCase(member.charAt(0)) + member.substring(1);
        JsonNode node = input.get(member);
        if (node == null || node.isNull()) {
            throw CognitoException.invalidParameter("1 validation error detected: Value null at '" + path
                    + "' failed to satisfy constraint: Member must not be null");
        }
        if (!node.isTextual()) {
            throw new CognitoException("SerializationException", 400,
                    "Unexpected value type for " + member + ": expected a string.");
        }
        String value = node.textValue();
        if (value.isEmpty() || value.length() > maxLength || !pattern.matcher(value).matches()) {
            // The value is not echoed: it may be anything the caller sent.
            throw CognitoException.invalidParameter("1 validation error detected: Value at '" + path
                    + "' failed to satisfy constraint: Member must have length between 1 and " + maxLength
                    + " and satisfy regular expression pattern: " + pattern.pattern());
        }
        return value;
    }
}
