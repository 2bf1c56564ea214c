package dev.gatehouse.model.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A named stage of a REST API serving one deployment.
 *
 * @param methodThrottles by method setting key {@code resourcePath/HTTPMETHOD} (e.g. {@code /items/GET},
 *                        {@code * /*} for all), as API Gateway's methodSettings
 * @param tags            the stage's own tags (TagResource on its ARN, CreateStage {@code tags})
 */
public record Stage(
        String apiId,
        String stageName,
        String deploymentId,
        String description,
        Map<String, String> variables,
        ThrottleSettings throttle,
        Map<String, ThrottleSettings> methodThrottles,
        Instant createdDate,
        Instant lastUpdatedDate,
        Map<String, String> tags) {

    public Stage {
        Objects.requireNonNull(apiId, "apiId");
        Objects.requireNonNull(stageName, "stageName");
        Objects.requireNonNull(deploymentId, "deploymentId");
        variables = Map.copyOf(variables);
        methodThrottles = Map.copyOf(methodThrottles);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** A stage without tags. */
    public Stage(String apiId, String stageName, String deploymentId, String description, Map<String, String> variables,
                 ThrottleSettings throttle, Map<String, ThrottleSettings> methodThrottles, Instant createdDate,
                 Instant lastUpdatedDate) {
        this(apiId, stageName, deploymentId, description, variables, throttle, methodThrottles, createdDate,
                lastUpdatedDate, Map.of());
    }

    public Stage withTags(Map<String, String> newTags) {
        return new Stage(apiId, stageName, deploymentId, description, variables, throttle, methodThrottles, createdDate,
                lastUpdatedDate, newTags);
    }
}
