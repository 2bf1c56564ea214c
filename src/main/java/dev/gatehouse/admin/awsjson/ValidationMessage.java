package dev.gatehouse.admin.awsjson;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Coral's summary line. Observed: {@code 1 validation error detected: <v>} and
 * {@code 2 validation errors detected: <v1>; <v2>} (Cognito SignUp password length + pattern).
 */
final class ValidationMessage {

    private ValidationMessage() {
    }

    static String of(List<ConstraintViolation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("no violations");
        }
        int count = violations.size();
        return count + (count == 1 ? " validation error detected: " : " validation errors detected: ")
                + violations.stream().map(ConstraintViolation::message).collect(Collectors.joining("; "));
    }
}
