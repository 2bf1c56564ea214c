package dev.gatehouse.admin.apigateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed, null-safe reads of the document tree: a wrong type reads as null, never as an exception. */
final class Json {

    private Json() {
    }

    /** A scalar member as text (numbers and booleans too: YAML writes {@code statusCode: 200}). */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    static Integer integer(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.intValue();
        }
        if (value.isTextual() && value.asText().matches("-?\\d{1,9}")) {
            return Integer.parseInt(value.asText());
        }
        return null;
    }

    /** A list of scalars as strings; null when it is not one. */
    static List<String> strings(JsonNode value) {
        if (value == null || !value.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isValueNode() || item.isNull()) {
                return null;
            }
            out.add(item.asText());
        }
        return out;
    }

    /** An object of scalars as a string map; null when it is not one. */
    static Map<String, String> stringMap(JsonNode value) {
        if (value == null || !value.isObject()) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : value.properties()) {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                return null;
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }
}
