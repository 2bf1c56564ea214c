package dev.gatehouse.model;

import java.util.Map;

/** Cognito tagging limits (Cognito API: TagResource; 50 tags per pool). */
public final class Tags {

    public static final int MAX_PER_RESOURCE = 50;

    private Tags() {
    }

    public static void validateCount(Map<String, String> tags) {
        if (tags.size() > MAX_PER_RESOURCE) {
            throw new Failure(Failure.Kind.INVALID_PARAMETER,
                    "A user pool can have at most " + MAX_PER_RESOURCE + " tags.");
        }
    }
}
