package dev.gatehouse.gateway;

import dev.gatehouse.model.api.DeployedStage;

import java.util.Optional;

/** Finds what a stage serves now; reads memory only (the directory snapshot), never the database. */
@FunctionalInterface
public interface StageLookup {

    Optional<DeployedStage> stage(String apiId, String stageName);
}
