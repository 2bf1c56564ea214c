package dev.gatehouse.admin.awsjson;

import java.math.BigDecimal;

/** The model's {@code min}/{@code max} as a numeric range (Smithy {@code @range}). */
final class ValueRange {

    private ValueRange() {
    }

    static boolean violates(BigDecimal number, Shape shape) {
        return exceedsMax(number, shape) || belowMin(number, shape);
    }

    static boolean exceedsMax(BigDecimal number, Shape shape) {
        return shape.max().map(max -> number.compareTo(max) > 0).orElse(false);
    }

    static boolean belowMin(BigDecimal number, Shape shape) {
        return shape.min().map(min -> number.compareTo(min) < 0).orElse(false);
    }
}
