package dev.gatehouse.admin.apigateway.openapi;

import dev.gatehouse.model.api.ApiDefinition;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How to import (API Gateway ImportRestApi / PutRestApi query parameters).
 *
 * @param apiId          the id of the API the definition belongs to (new for ImportRestApi)
 * @param mode           {@code overwrite} replaces the whole definition; {@code merge} adds or replaces
 *                       what the document defines and keeps the rest (PutRestApi {@code mode})
 * @param failOnWarnings {@code failonwarnings}: any warning aborts the import
 * @param existing       the current definition (PutRestApi), or null for a new API
 * @param ids            generates resource and authorizer ids (the management API's AWS-style ids)
 * @param basePath       {@code basepath}: what the document's base path does to resource paths
 * @param ignoreDocumentation {@code ignore=documentation}: documentation extensions are dropped without a warning
 */
public record ImportOptions(String apiId, Mode mode, boolean failOnWarnings, ApiDefinition existing,
                            Supplier<String> ids, BasePath basePath, boolean ignoreDocumentation) {

    public enum Mode {
        OVERWRITE, MERGE;

        /** PutRestApi {@code mode}: {@code merge} (the default when absent) or {@code overwrite}. */
        public static Mode parse(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "overwrite" -> OVERWRITE;
                case "merge" -> MERGE;
                default -> throw OpenApiException.error("Invalid mode: " + value + " (expected merge or overwrite)");
            };
        }
    }

    public ImportOptions {
        Objects.requireNonNull(apiId, "apiId");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(basePath, "basePath");
    }

    /** ImportRestApi: a new API. */
    public static ImportOptions newApi(String apiId, boolean failOnWarnings, Supplier<String> ids) {
        return new ImportOptions(apiId, Mode.OVERWRITE, failOnWarnings, null, ids, BasePath.IGNORE, false);
    }

    /** PutRestApi: into an existing API. */
    public static ImportOptions into(ApiDefinition existing, Mode mode, boolean failOnWarnings, Supplier<String> ids) {
        return new ImportOptions(existing.apiId(), mode, failOnWarnings, existing, ids, BasePath.IGNORE, false);
    }

    /** The same options with API Gateway's {@code basepath} and {@code ignore=documentation} parameters. */
    public ImportOptions with(BasePath newBasePath, boolean newIgnoreDocumentation) {
        return new ImportOptions(apiId, mode, failOnWarnings, existing, ids, newBasePath, newIgnoreDocumentation);
    }
}
