package dev.gatehouse.admin.awsjson;

import java.util.Locale;

/** The shape types of the AWS service model (botocore {@code service-2.json}, Smithy simple and aggregate types). */
public enum ShapeType {
    STRUCTURE, LIST, MAP, DOCUMENT,
    STRING, INTEGER, LONG, FLOAT, DOUBLE, BOOLEAN, BLOB, TIMESTAMP;

    /** {@code "structure"} with {@code "document": true} is Smithy's untyped document. */
    static ShapeType fromModel(String type, boolean document) {
        if (document) {
            return DOCUMENT;
        }
        return switch (type) {
            case "structure" -> STRUCTURE;
            case "list" -> LIST;
            case "map" -> MAP;
            case "string" -> STRING;
            case "integer" -> INTEGER;
            case "long" -> LONG;
            case "float" -> FLOAT;
            case "double" -> DOUBLE;
            case "boolean" -> BOOLEAN;
            case "blob" -> BLOB;
            case "timestamp" -> TIMESTAMP;
            default -> throw new IllegalArgumentException("unsupported shape type: " + type.toLowerCase(Locale.ROOT));
        };
    }

    /** A value that Coral renders inline in validation messages and checks as a list element. */
    public boolean isScalar() {
        return this != STRUCTURE && this != LIST && this != MAP && this != DOCUMENT;
    }

    public boolean isNumeric() {
        return this == INTEGER || this == LONG || this == FLOAT || this == DOUBLE;
    }
}
