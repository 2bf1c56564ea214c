package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** Builders for operation outputs in AWS JSON 1.1 conventions (nulls omitted, epoch-second dates). */
public final class Outputs {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private Outputs() {
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** awsJson timestamps: epoch seconds as a JSON number with millisecond fraction, e.g. 1764212345.123. */
    public static DecimalNode timestamp(Instant instant) {
        return DecimalNode.valueOf(BigDecimal.valueOf(instant.toEpochMilli(), 3));
    }

    public static void putIfNotNull(ObjectNode target, String member, String value) {
        if (value != null) {
            target.put(member, value);
        }
    }

    public static void putIfNotNull(ObjectNode target, String member, Integer value) {
        if (value != null) {
            target.put(member, value);
        }
    }

    public static ArrayNode strings(Collection<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

    public static ObjectNode stringMap(Map<String, String> values) {
        ObjectNode object = NODES.objectNode();
        values.forEach(object::put);
        return object;
    }
}
