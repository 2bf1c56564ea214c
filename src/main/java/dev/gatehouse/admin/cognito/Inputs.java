package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of an already validated operation input (types, lengths, patterns and required
 * members were checked against the AWS model before an action runs). Absent and JSON null read as
 * absent.
 */
public final class Inputs {

    private Inputs() {
    }

    public static String string(ObjectNode input, String member) {
        JsonNode node = input.get(member);
        return node == null || node.isNull() ? null : node.asText();
    }

    /** A member the model marks required: present after validation, so absence is a bug here. */
    public static String required(ObjectNode input, String member) {
        String value = string(input, member);
        if (value == null) {
            throw CognitoException.invalidParameter("1 validation error detected: Value null at '"
                    + Character.toLowerCase(member.charAt(0)) + member.substring(1)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    public static Integer integer(ObjectNode input, String member) {
        JsonNode node = input.get(member);
        return node == null || node.isNull() ? null : node.intValue();
    }

    public static Boolean bool(ObjectNode input, String member) {
        JsonNode node = input.get(member);
        return node == null || node.isNull() ? null : node.booleanValue();
    }

    public static boolean bool(ObjectNode input, String member, boolean defaultValue) {
        Boolean value = bool(input, member);
        return value == null ? defaultValue : value;
    }

    /** A list of strings; absent reads as null so callers can tell "omitted" from "empty". */
    public static List<String> strings(ObjectNode input, String member) {
        JsonNode node = input.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        List<String> values = new ArrayList<>(node.size());
        node.forEach(item -> values.add(item.asText()));
        return values;
    }

    public static List<String> strings(ObjectNode input, String member, List<String> defaultValue) {
        List<String> values = strings(input, member);
        return values == null ? defaultValue : values;
    }

    public static Map<String, String> stringMap(ObjectNode input, String member) {
        JsonNode node = input.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        node.fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue().asText()));
        return values;
    }

    public static ObjectNode object(ObjectNode input, String member) {
        JsonNode node = input.get(member);
        return node instanceof ObjectNode object ? object : null;
    }
}
