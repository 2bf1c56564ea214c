package dev.gatehouse.admin.awsjson;

import java.util.Objects;
import java.util.Optional;

/**
 * The model's {@code metadata}: {@code protocol} is {@code json} (awsJson, {@code X-Amz-Target} dispatch) or
 * {@code rest-json} (HTTP method + URI dispatch, no target prefix).
 *
 * @param signingName SigV4 service name: {@code signingName}, else {@code endpointPrefix} (botocore's rule)
 */
public record ProtocolMetadata(
        String protocol,
        String apiVersion,
        String endpointPrefix,
        String signingName,
        Optional<String> jsonVersion,
        Optional<String> targetPrefix) {

    public ProtocolMetadata {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(endpointPrefix, "endpointPrefix");
        Objects.requireNonNull(signingName, "signingName");
        Objects.requireNonNull(jsonVersion, "jsonVersion");
        Objects.requireNonNull(targetPrefix, "targetPrefix");
    }
}
