package dev.gatehouse.model.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything that routes and authorizes requests of one REST API: its resources (with their
 * methods and integrations) and its authorizers. A deployment freezes one of these; a stage serves
 * the frozen copy, so later edits reach callers only through a new deployment (as on API Gateway).
 */
public record ApiDefinition(String apiId, String name, List<ApiResource> resources, List<Authorizer> authorizers) {

    public ApiDefinition {
        Objects.requireNonNull(apiId, "apiId");
        Objects.requireNonNull(name, "name");
        resources = List.copyOf(resources);
        authorizers = List.copyOf(authorizers);
    }

    /** Looked up on every gateway request: a plain loop over the few authorizers, no stream. */
    public Optional<Authorizer> authorizer(String id) {
        for (Authorizer authorizer : authorizers) {
            if (authorizer.id().equals(id)) {
                return Optional.of(authorizer);
            }
        }
        return Optional.empty();
    }

    public Optional<ApiResource> resourceAt(String path) {
        return resources.stream().filter(r -> r.path().equals(path)).findFirst();
    }
}
