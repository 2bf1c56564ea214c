package dev.gatehouse.store;

import dev.gatehouse.model.api.ApiDefinition;
import dev.gatehouse.model.api.RestApi;

import java.util.Objects;

/** A REST API as stored: its settings and its current (undeployed) definition. */
public record ApiState(RestApi api, ApiDefinition definition) {

    public ApiState {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(definition, "definition");
    }
}
