package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * One validated management call: the operation, the region of the caller's SigV4 credential scope
 * (pools of different regions live side by side), who signed it, and its input.
 *
 * @param accessKeyId the admin access key that signed the call, or null for secret-authorized
 *                    operations such as GetClientToken
 * @param source      the caller's address (net.ClientAddress: the peer, or X-Forwarded-For from a trusted proxy)
 */
public record CognitoCall(String operation, String region, String accessKeyId, ObjectNode input, Instant now,
                          String source) {

    public CognitoCall(String operation, String region, String accessKeyId, ObjectNode input, Instant now) {
        this(operation, region, accessKeyId, input, now, null);
    }
}
