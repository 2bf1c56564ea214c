package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The MaxResults of a listing: its model range checked (so a bad value is never a 500), else a default. */
final class ListLimit {

    private ListLimit() {
    }

    static int read(ObjectNode input, int max) {
        Integer value = Inputs.integer(input, "MaxResults");
        if (value == null) {
            return max;
        }
        if (value < 1) {
            throw CognitoException.invalidParameter("1 validation error detected: Value '" + value
                    + "' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1");
        }
        if (value > max) {
            throw CognitoException.invalidParameter("1 validation error detected: Value '" + value
                    + "' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to " + max);
        }
        return value;
    }
}
