package dev.gatehouse.admin.awsjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks each JSON value against the kind its shape expects, in document order (as Coral's streaming
 * deserializer does: the first wrong value fails the request), and returns a copy holding only what the
 * model knows.
 *
 * <p>What the copy leaves out, and why:
 * <ul>
 *   <li>Unknown members: AWS ignores them so older services accept newer clients (forward compatibility);
 *       dropping them means no handler can read an unvalidated value.</li>
 *   <li>Explicit {@code null} members, list elements and map values: Coral treats a null member as absent
 *       (optional: accepted; required: "Member must not be null"), and accepts null list elements
 *       (Athena, raw HTTP, 2026-09-23). Null map values are dropped by analogy [unverified].</li>
 * </ul>
 * Integral numbers become int/long nodes. A number outside the Java type's range stays exact when the
 * model's min/max will reject it (so the caller sees the range message, SECURITY AD-09), else it is a
 * SerializationException; a fractional number for an integer is a SerializationException — a Gatehouse
 * choice: real Coral was seen truncating 1.5 to 1, which would hide client bugs.
 */
final class InputTypeChecker {

    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    // awsJson: floats may travel as these strings (Smithy awsJson1_1 protocol, "Shape serialization").
    private static final Set<String> NON_FINITE = Set.of("NaN", "Infinity", "-Infinity");

    private final ServiceModel model;
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    InputTypeChecker(ServiceModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    ObjectNode check(ObjectNode input, Shape shape) {
        return structure(input, shape);
    }

    private JsonNode value(JsonNode value, Shape shape) {
        return switch (shape.type()) {
            case STRUCTURE -> structure(value, shape);
            case LIST -> list(value, shape);
            case MAP -> map(value, shape);
            case DOCUMENT -> value.deepCopy();
            case STRING -> string(value, shape);
            case INTEGER -> integral(value, shape, INT_MIN, INT_MAX);
            case LONG -> integral(value, shape, LONG_MIN, LONG_MAX);
            case FLOAT, DOUBLE -> floating(value, shape);
            case BOOLEAN -> bool(value, shape);
            case BLOB -> blob(value, shape);
            case TIMESTAMP -> timestamp(value, shape);
        };
    }

    private ObjectNode structure(JsonNode value, Shape shape) {
        if (!value.isObject()) {
            throw AwsJsonException.serialization(value.isArray() ? CoralTypeMessages.LIST_NOT_EXPECTED : CoralTypeMessages.EXPECTED_STRUCTURE);
        }
        ObjectNode result = nodes.objectNode();
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            if (field.getValue().isNull()) {
                continue;
            }
            shape.memberByJsonName(field.getKey()).ifPresent(member ->
                    result.set(member.jsonName(), value(field.getValue(), model.shape(member.target()))));
        }
        return result;
    }

    private ArrayNode list(JsonNode value, Shape shape) {
        if (!value.isArray()) {
            throw AwsJsonException.serialization(value.isObject() ? CoralTypeMessages.MAP_NOT_EXPECTED : CoralTypeMessages.EXPECTED_LIST);
        }
        Shape member = model.shape(shape.listMember().orElseThrow());
        ArrayNode result = nodes.arrayNode();
        for (JsonNode element : value) {
            if (!element.isNull()) {
                result.add(value(element, member));
            }
        }
        return result;
    }

    private ObjectNode map(JsonNode value, Shape shape) {
        if (!value.isObject()) {
            throw AwsJsonException.serialization(value.isArray() ? CoralTypeMessages.LIST_NOT_EXPECTED : CoralTypeMessages.EXPECTED_MAP);
        }
        Shape valueShape = model.shape(shape.mapValue().orElseThrow());
        ObjectNode result = nodes.objectNode();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            if (!entry.getValue().isNull()) {
                result.set(entry.getKey(), value(entry.getValue(), valueShape));
            }
        }
        return result;
    }

    private JsonNode string(JsonNode value, Shape shape) {
        requireScalar(value);
        if (!value.isTextual()) {
            throw AwsJsonException.serialization(CoralTypeMessages.cannotConvert(value, shape.type()));
        }
        return value;
    }

    private JsonNode integral(JsonNode value, Shape shape, BigDecimal typeMin, BigDecimal typeMax) {
        requireScalar(value);
        if (!value.isNumber()) {
            throw AwsJsonException.serialization(CoralTypeMessages.cannotConvert(value, shape.type()));
        }
        BigDecimal number = value.decimalValue();
        if (!isIntegral(number)) {
            throw AwsJsonException.serialization(CoralTypeMessages.cannotConvert(value, shape.type()));
        }
        if (number.compareTo(typeMin) < 0 || number.compareTo(typeMax) > 0) {
            if (ValueRange.violates(number, shape)) {
                return value;
            }
            throw AwsJsonException.serialization(CoralTypeMessages.cannotConvert(value, shape.type()));
        }
        return shape.type() == ShapeType.INTEGER ? nodes.numberNode(number.intValueExact()) : nodes.numberNode(number.longValueExact());
    }

    private JsonNode floating(JsonNode value, Shape shape) {
        requireScalar(value);
        if (value.isNumber() || (value.isTextual() && NON_FINITE.contains(value.textValue()))) {
            return value;
        }
        throw AwsJsonException.serialization(CoralTypeMessages.cannotConvert(value, shape.type()));
    }

    private JsonNode bool(JsonNode value, Shape shape) {
        requireScalar(value);
        if (!value.isBoolean()) {
            throw AwsJsonException.serialization(CoralTypeMessages.cannotConvert(value, shape.type()));
        }
        return value;
    }

    /** awsJson blobs are base64 text; the invalid text itself is not echoed. */
    private JsonNode blob(JsonNode value, Shape shape) {
        requireScalar(value);
        if (!value.isTextual() || !isBase64(value.textValue())) {
            throw AwsJsonException.serialization(CoralTypeMessages.cannotConvert(value, shape.type()));
        }
        return value;
    }

    /** awsJson timestamps default to epoch seconds as a JSON number. */
    private JsonNode timestamp(JsonNode value, Shape shape) {
        requireScalar(value);
        if (!value.isNumber()) {
            throw AwsJsonException.serialization(CoralTypeMessages.cannotConvert(value, shape.type()));
        }
        return value;
    }

    private static void requireScalar(JsonNode value) {
        if (value.isArray()) {
            throw AwsJsonException.serialization(CoralTypeMessages.LIST_NOT_EXPECTED);
        }
        if (value.isObject()) {
            throw AwsJsonException.serialization(CoralTypeMessages.MAP_NOT_EXPECTED);
        }
    }

    private static boolean isIntegral(BigDecimal number) {
        return number.signum() == 0 || number.scale() <= 0 || number.stripTrailingZeros().scale() <= 0;
    }

    private static boolean isBase64(String text) {
        try {
            Base64.getDecoder().decode(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
