package dev.gatehouse.model.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A REST API's own settings (API Gateway: RestApi); its resources and authorizers are its
 * {@link ApiDefinition}. APIs of different regions live apart, as pools do.
 */
public record RestApi(String id, String region, String name, String description, Instant createdDate,
                      String rootResourceId, Map<String, String> tags) {

    public RestApi {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdDate, "createdDate");
        Objects.requireNonNull(rootResourceId, "rootResourceId");
        tags = Map.copyOf(tags);
    }

    public RestApi withName(String newName) {
        return new RestApi(id, region, newName, description, createdDate, rootResourceId, tags);
    }

    public RestApi withDescription(String newDescription) {
        return new RestApi(id, region, name, newDescription, createdDate, rootResourceId, tags);
    }

    public RestApi withTags(Map<String, String> newTags) {
        return new RestApi(id, region, name, description, createdDate, rootResourceId, newTags);
    }
}
