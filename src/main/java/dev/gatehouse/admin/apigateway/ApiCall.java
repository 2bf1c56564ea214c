package dev.gatehouse.admin.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One management call: the caller's region (from its signature), the URI parameters of the
 * matched route (decoded), the query string, the JSON body (empty object when there is none or the
 * route takes its body raw), the body's bytes as received, and the request headers (names lower case).
 */
public record ApiCall(String region, Map<String, String> params, Map<String, List<String>> query, ObjectNode body,
                      byte[] rawBody, Map<String, String> headers) {

    /** The body exactly as received (ImportRestApi / PutRestApi: the OpenAPI document). */
    public byte[] rawBody() {
        return rawBody.clone();
    }

    /** The first value of a request header, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String param(String name) {
        return params.get(name);
    }

    public String queryValue(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String string(String member) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiGatewayException.badRequest("Invalid value for " + member + ": expected a string");
        }
        return node.asText();
    }

    public Boolean bool(String member) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw ApiGatewayException.badRequest("Invalid value for " + member + ": expected a boolean");
        }
        return node.asBoolean();
    }

    public Integer integer(String member) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw ApiGatewayException.badRequest("Invalid value for " + member + ": expected an integer");
        }
        return node.asInt();
    }

    public List<String> strings(String member) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw ApiGatewayException.badRequest("Invalid value for " + member + ": expected a list");
        }
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        node.forEach(item -> {
            if (!item.isTextual()) {
                throw ApiGatewayException.badRequest("Invalid value for " + member + ": expected strings");
            }
            out.add(item.asText());
        });
        return out;
    }

    public <V> Map<String, V> map(String member, Class<V> valueType) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw ApiGatewayException.badRequest("Invalid value for " + member + ": expected a map");
        }
        java.util.LinkedHashMap<String, V> out = new java.util.LinkedHashMap<>();
        node.properties().forEach(entry -> {
            JsonNode value = entry.getValue();
            boolean ok = valueType == String.class ? value.isTextual() : value.isBoolean();
            if (!ok) {
                throw ApiGatewayException.badRequest("Invalid value for " + member + "." + entry.getKey());
            }
            out.put(entry.getKey(), valueType.cast(valueType == String.class ? value.asText() : (Object) value.asBoolean()));
        });
        return out;
    }

    /** {@code limit} of a Get* list call: 1–500, default 25 (API Gateway). */
    public int limit() {
        String value = queryValue("limit");
        if (value == null) {
            return 25;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit < 1 || limit > 500) {
                throw ApiGatewayException.badRequest("Invalid limit: must be between 1 and 500");
            }
            return limit;
        } catch (NumberFormatException e) {
            throw ApiGatewayException.badRequest("Invalid limit: must be a number");
        }
    }
}
