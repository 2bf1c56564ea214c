package dev.gatehouse.model.api;

import java.time.Instant;
import java.util.Objects;

/** A frozen copy of an API's definition (API Gateway: Deployment); the snapshot itself is stored beside it. */
public record Deployment(String id, String apiId, String description, Instant createdDate) {

    public Deployment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(apiId, "apiId");
        Objects.requireNonNull(createdDate, "createdDate");
    }
}
