package dev.gatehouse.observe;

import java.time.Instant;

/**
 * One gateway request, with API Gateway's {@code $context} names (requestId, apiId, stage, resourcePath,
 * httpMethod, path, status, responseLatency, integrationLatency, authorizer error). Never a token: the
 * query is redacted by {@link AccessLog#redactQuery(String)} before it gets here.
 *
 * @param resourcePath       null when no route matched
 * @param integrationLatency milliseconds, -1 when no integration ran
 * @param clientId           from the verified token, null for anonymous or unverifiable callers
 * @param errorReason        the stable reason code of a refusal, null on success
 */
public record AccessLogEntry(Instant requestTime, String requestId, String apiId, String stage, String resourcePath,
                             String httpMethod, String path, String query, int status, long responseLatency,
                             long integrationLatency, String clientId, String sourceIp, String errorReason) {
}
