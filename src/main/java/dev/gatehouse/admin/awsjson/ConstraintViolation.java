package dev.gatehouse.admin.awsjson;

import java.util.Objects;

/**
 * One failed model constraint, rendered as Coral does:
 * {@code Value 'x' at 'path' failed to satisfy constraint: <constraint>}.
 *
 * @param valueClause {@code Value 'x'}, {@code Value null} or, for sensitive or unprintable values, {@code Value}
 * @param path        lowerCamelCase member names joined by {@code .}; list elements as {@code name.<1-based index>.member}
 * @param constraint  e.g. {@code Member must have length less than or equal to 128}
 */
record ConstraintViolation(String valueClause, String path, String constraint) {

    ConstraintViolation {
        Objects.requireNonNull(valueClause, "valueClause");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(constraint, "constraint");
    }

    String message() {
        return valueClause + " at '" + path + "' failed to satisfy constraint: " + constraint;
    }
}
