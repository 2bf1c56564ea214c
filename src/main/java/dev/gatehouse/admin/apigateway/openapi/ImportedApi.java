package dev.gatehouse.admin.apigateway.openapi;

import dev.gatehouse.model.api.ApiDefinition;

import java.util.List;
import java.util.Objects;

/**
 * The result of an import: the API's descriptive fields from {@code info} and the definition to
 * store. {@code warnings} are API Gateway's import warnings (returned on the RestApi when
 * {@code failonwarnings} is false).
 */
public record ImportedApi(String name, String description, String version, ApiDefinition definition,
                          List<String> warnings) {

    public ImportedApi {
        Objects.requireNonNull(definition, "definition");
        warnings = List.copyOf(warnings);
    }
}
