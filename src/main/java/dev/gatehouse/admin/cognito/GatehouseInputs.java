package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checked reads for Gatehouse's own operations, which no AWS model validates: each member's type
 * and range is checked here and refused with an InvalidParameterException naming the member.
 */
final class GatehouseInputs {

    /** Cognito API: UserPoolIdType, length 1–55. */
    private static final Pattern POOL_ID = Pattern.compile("^[\\w-]+_[0-9a-zA-Z]+$");

    private GatehouseInputs() {
    }

    /** Refuses members the operation does not define, so a misspelt option is never silently ignored. */
    static void onlyMembers(ObjectNode input, Set<String> members) {
        for (Iterator<String> names = input.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!members.contains(name)) {
                throw CognitoException.invalidParameter("Unknown member " + echo(name) + "; expected one of "
                        + String.join(", ", members.stream().sorted().toList()) + ".");
            }
        }
    }

    static String userPoolId(ObjectNode input) {
        JsonNode node = input.get("UserPoolId");
        if (node == null || node.isNull()) {
            throw CognitoException.invalidParameter("UserPoolId is required.");
        }
        if (!node.isTextual() || node.asText().length() > 55 || !POOL_ID.matcher(node.asText()).matches()) {
            throw CognitoException.invalidParameter("UserPoolId must be a user pool id such as us-east-1_EXAMPLE12.");
        }
        return node.asText();
    }

    static boolean optionalBoolean(ObjectNode input, String member) {
        JsonNode node = input.get(member);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw CognitoException.invalidParameter(member + " must be true or false.");
        }
        return node.booleanValue();
    }

    /** An optional whole number within [min, max]; null when absent. */
    static Integer optionalInteger(ObjectNode input, String member, int min, int max) {
        JsonNode node = input.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            throw CognitoException.invalidParameter(member + " must be a whole number between " + min + " and " + max + ".");
        }
        return node.intValue();
    }

    /** An optional string that must be one of {@code choices} exactly (case matters, as in JWS); null when absent. */
    static String optionalChoice(ObjectNode input, String member, List<String> choices) {
        JsonNode node = input.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || !choices.contains(node.textValue())) {
            throw CognitoException.invalidParameter(member + " must be one of " + String.join(", ", choices) + ".");
        }
        return node.textValue();
    }

    private static String echo(String name) {
        return name.length() <= 64 && name.matches("[A-Za-z0-9]+") ? "'" + name + "'" : "(not shown)";
    }
}
