package dev.gatehouse.model.api;

import java.util.Objects;

/**
 * What the gateway serves at {@code {apiId}/{stage}}: the stage and the frozen definition of the
 * deployment it points to. Swapped as a whole when a new deployment is made or the stage moves.
 */
public record DeployedStage(String region, Stage stage, ApiDefinition definition) {

    public DeployedStage {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(definition, "definition");
    }
}
