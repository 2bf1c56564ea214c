package dev.gatehouse.manage;

import dev.gatehouse.model.api.ApiFailure;

import java.util.Locale;
import java.util.Map;

/** AWS's tag rules, as API Gateway applies them to REST APIs and stages. */
final class ApiTags {

    static final int MAX_TAGS = 50;
    static final int MAX_KEY_LENGTH = 128;
    static final int MAX_VALUE_LENGTH = 256;

    private ApiTags() {
    }

    /** The tags a resource would hold: at most 50; keys 1–128 characters, not {@code aws:}; values up to 256. */
    static void check(Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw ApiFailure.badRequest("Too many tags: a resource can have at most " + MAX_TAGS + " tags");
        }
        tags.forEach((key, value) -> {
            if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
                throw ApiFailure.badRequest("Invalid tag key: must be 1 to " + MAX_KEY_LENGTH + " characters");
            }
            if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw ApiFailure.badRequest("Invalid tag key: the prefix 'aws:' is reserved for AWS use");
            }
            if (value == null || value.length() > MAX_VALUE_LENGTH) {
                throw ApiFailure.badRequest("Invalid tag value for key '" + key + "': must be at most "
                        + MAX_VALUE_LENGTH + " characters");
            }
        });
    }
}
