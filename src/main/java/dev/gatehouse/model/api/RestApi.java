package dev.gatehouse.model.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A REST API's own settings (API Gateway: RestApi); its resources and authorizers are its
 * {@link ApiDefinition}. APIs of different regions live apart, as pools do.
 *
 * @param version the API's own version label (CreateRestApi {@code version}, an import's {@code info.version}); may be null
 */
public record RestApi(String id, String region, String name, String description, String version, Instant createdDate,
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
        return new RestApi(id, region, newName, description, version, createdDate, rootResourceId, tags);
    }

    public RestApi withDescription(String newDescription) {
        return new RestApi(id, region, name, newDescription, version, createdDate, rootResourceId, tags);
    }

    public RestApi withVersion(String newVersion) {
        return new RestApi(id, region, name, description, newVersion, createdDate, rootResourceId, tags);
    }

    public RestApi withTags(Map<String, String> newTags) {
        return new RestApi(id, region, name, description, version, createdDate, rootResourceId, newTags);
    }
}
