package dev.gatehouse.admin.awsjson;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One operation of the service model.
 *
 * @param unauthenticated {@code authtype: none} in the model: called without SigV4 (InitiateAuth, RevokeToken, GetClientToken)
 */
public record Operation(
        String name,
        String httpMethod,
        String requestUri,
        Optional<String> input,
        Optional<String> output,
        List<String> errors,
        boolean unauthenticated) {

    public Operation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(httpMethod, "httpMethod");
        Objects.requireNonNull(requestUri, "requestUri");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        errors = List.copyOf(errors);
    }
}
