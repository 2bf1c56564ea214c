package dev.gatehouse.admin.awsjson;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Coral's SerializationException texts for a JSON value of the wrong kind.
 *
 * <p>Observed against real AWS awsJson1.1 services (Athena, raw HTTP, 2026-09-23, as recorded by an
 * emulator's test table): {@code STRING_VALUE can not be converted to an Integer},
 * {@code NUMBER_VALUE can not be converted to a String}, {@code TRUE_VALUE}/{@code FALSE_VALUE ...},
 * {@code Start of list found where not expected}, {@code Start of structure or map found where not expected.}
 * (with the full stop), {@code Expected list or null}, {@code Expected null} (scalar for a structure).
 * {@code Expected map or null} is from dynalite's DynamoDB captures (older Coral, same wording).
 * Targets Boolean, Long, Double, Float, Blob and Timestamp follow the same pattern by analogy.
 */
final class CoralTypeMessages {

    static final String LIST_NOT_EXPECTED = StrictJsonParser.LIST_NOT_EXPECTED;
    static final String MAP_NOT_EXPECTED = "Start of structure or map found where not expected.";
    static final String EXPECTED_LIST = "Expected list or null";
    static final String EXPECTED_MAP = "Expected map or null";
    static final String EXPECTED_STRUCTURE = "Expected null";

    private CoralTypeMessages() {
    }

    /** The message for a scalar JSON value that cannot become {@code target}; containers have their own texts. */
    static String cannotConvert(JsonNode value, ShapeType target) {
        return valueKind(value) + " can not be converted to " + targetName(target);
    }

    /** Coral names the JSON token it found, not the Java type (newer Coral; 2013-era said "class java.lang.String"). */
    private static String valueKind(JsonNode value) {
        if (value.isTextual()) {
            return "STRING_VALUE";
        }
        if (value.isNumber()) {
            return "NUMBER_VALUE";
        }
        return value.booleanValue() ? "TRUE_VALUE" : "FALSE_VALUE";
    }

    private static String targetName(ShapeType target) {
        return switch (target) {
            case STRING -> "a String";
            case INTEGER -> "an Integer";
            case LONG -> "a Long";
            case FLOAT -> "a Float";
            case DOUBLE -> "a Double";
            case BOOLEAN -> "a Boolean";
            case BLOB -> "a Blob";
            case TIMESTAMP -> "a Timestamp";
            default -> throw new IllegalArgumentException("not a scalar: " + target);
        };
    }
}
