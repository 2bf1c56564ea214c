package dev.gatehouse.admin.awsjson;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The model constraints of one scalar shape and the Coral text for each.
 *
 * <p>Texts and order as observed: {@code Member must have length less than or equal to N},
 * {@code Member must have length greater than or equal to N}, {@code Member must satisfy regular
 * expression pattern: <model regex>}, {@code Member must satisfy enum value set: [..]},
 * {@code Member must have value less than or equal to N} / {@code greater than or equal to N}
 * (ACM, Lambda, Cognito, DynamoDB captures; lists print all of an element's constraints in this order).
 */
final class ScalarConstraints {

    private ScalarConstraints() {
    }

    /** The constraints {@code value} breaks, in Coral's order; each is its own error for a scalar member. */
    static List<String> failed(JsonNode value, Shape shape) {
        List<String> failed = new ArrayList<>();
        if (shape.type().isNumeric()) {
            if (value.isNumber()) {
                BigDecimal number = value.decimalValue();
                if (ValueRange.exceedsMax(number, shape)) {
                    failed.add(valueAtMost(shape));
                }
                if (ValueRange.belowMin(number, shape)) {
                    failed.add(valueAtLeast(shape));
                }
            }
            return failed;
        }
        if (shape.type() != ShapeType.STRING && shape.type() != ShapeType.BLOB) {
            return failed;
        }
        long length = length(value, shape);
        boolean tooLong = shape.max().map(max -> BigDecimal.valueOf(length).compareTo(max) > 0).orElse(false);
        if (tooLong) {
            failed.add(lengthAtMost(shape));
        }
        if (shape.min().map(min -> BigDecimal.valueOf(length).compareTo(min) < 0).orElse(false)) {
            failed.add(lengthAtLeast(shape));
        }
        // Matching stops at the length limit: patterns such as `.*\{####\}.*` backtrack quadratically,
        // and a value over its maximum is refused anyway. Coral may list the pattern too; Gatehouse does not.
        if (shape.type() == ShapeType.STRING && !tooLong && shape.pattern().isPresent()
                && !shape.pattern().get().matcher(value.textValue()).matches()) {
            failed.add(pattern(shape));
        }
        if (shape.isEnum() && !shape.enumValues().contains(value.asText())) {
            failed.add(enumSet(shape));
        }
        return failed;
    }

    /** Every constraint of the shape, for Coral's "Member must satisfy constraint: [...]" on list elements and map keys/values. */
    static List<String> all(Shape shape) {
        List<String> all = new ArrayList<>();
        if (shape.type().isNumeric()) {
            shape.max().ifPresent(max -> all.add(valueAtMost(shape)));
            shape.min().ifPresent(min -> all.add(valueAtLeast(shape)));
            return all;
        }
        shape.max().ifPresent(max -> all.add(lengthAtMost(shape)));
        shape.min().ifPresent(min -> all.add(lengthAtLeast(shape)));
        shape.patternSource().ifPresent(p -> all.add(pattern(shape)));
        if (shape.isEnum()) {
            all.add(enumSet(shape));
        }
        return all;
    }

    /**
     * Smithy {@code @length} counts Unicode scalar values for strings and bytes for blobs. Coral's own
     * counting of supplementary characters is unobserved; code points follow the specification.
     */
    private static long length(JsonNode value, Shape shape) {
        if (shape.type() == ShapeType.BLOB) {
            return Base64.getDecoder().decode(value.textValue()).length;
        }
        String text = value.asText();
        return text.codePointCount(0, text.length());
    }

    private static String lengthAtMost(Shape shape) {
        return "Member must have length less than or equal to " + plain(shape.max().orElseThrow());
    }

    private static String lengthAtLeast(Shape shape) {
        return "Member must have length greater than or equal to " + plain(shape.min().orElseThrow());
    }

    private static String valueAtMost(Shape shape) {
        return "Member must have value less than or equal to " + plain(shape.max().orElseThrow());
    }

    private static String valueAtLeast(Shape shape) {
        return "Member must have value greater than or equal to " + plain(shape.min().orElseThrow());
    }

    private static String pattern(Shape shape) {
        return "Member must satisfy regular expression pattern: " + shape.patternSource().orElseThrow();
    }

    private static String enumSet(Shape shape) {
        return "Member must satisfy enum value set: " + shape.enumMessageOrder();
    }

    private static String plain(BigDecimal number) {
        return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
    }
}
