package dev.gatehouse.model;

import java.util.Objects;

/** A custom scope of a resource server; its full name is {@code {identifier}/{name}}. */
public record Scope(String name, String description) {

    public Scope {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
    }
}
