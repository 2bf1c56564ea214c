package dev.gatehouse.admin.apigateway.openapi;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How to export (API Gateway GetExport: {@code exportType} oas30|swagger, {@code Accept}
 * application/json|application/yaml, {@code parameters.extensions} "integrations,authorizers").
 *
 * @param invokeUrl the stage's invoke URL, e.g. {@code https://abc123.execute-api.localhost:9229/prod};
 *                  null omits {@code servers} / {@code host}
 */
public record ExportOptions(Type type, Syntax syntax, boolean integrations, boolean authorizers, String invokeUrl) {

    public enum Type {
        OAS30, SWAGGER;

        public static Type parse(String exportType) {
            return switch (exportType.toLowerCase(Locale.ROOT)) {
                case "oas30" -> OAS30;
                case "swagger" -> SWAGGER;
                default -> throw OpenApiException.error("Invalid export type: " + exportType + " (expected oas30 or swagger)");
            };
        }
    }

    public enum Syntax {
        JSON, YAML;

        /** From the {@code Accept} header; anything but YAML is JSON, as GetExport defaults. */
        public static Syntax fromAccept(String accept) {
            return accept != null && accept.toLowerCase(Locale.ROOT).contains("yaml") ? YAML : JSON;
        }
    }

    public ExportOptions {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(syntax, "syntax");
    }

    /** GetExport {@code parameters={"extensions": "integrations,authorizers"}} (also accepts {@code apigateway}: both). */
    public static ExportOptions of(Type type, Syntax syntax, String extensions, String invokeUrl) {
        List<String> wanted = extensions == null ? List.of() : List.of(extensions.toLowerCase(Locale.ROOT).replace(" ", "").split(","));
        boolean all = wanted.contains("apigateway");
        return new ExportOptions(type, syntax, all || wanted.contains("integrations"), all || wanted.contains("authorizers"), invokeUrl);
    }
}
