package dev.gatehouse.model.api;

import java.util.Map;
import java.util.Objects;

/**
 * A path of the API: {@code /}, {@code /items}, {@code /items/{id}}, {@code /items/{proxy+}}.
 *
 * @param parentId null for the root resource
 * @param pathPart the last segment: a literal, {@code {name}} or the greedy {@code {name+}}; "" for the root
 * @param path     the full path from the root
 * @param methods  by HTTP method name, {@code ANY} included
 */
public record ApiResource(String id, String parentId, String pathPart, String path, Map<String, ApiMethod> methods) {

    public ApiResource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(pathPart, "pathPart");
        Objects.requireNonNull(path, "path");
        methods = Map.copyOf(methods);
    }
}
