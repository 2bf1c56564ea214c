package dev.gatehouse.admin.apigateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API Gateway's {@code basepath} import parameter: what the document's base path (Swagger 2
 * {@code basePath}; OpenAPI 3 the first {@code basePath} server variable, else the path of the first
 * server URL) does to the resource paths. With base path {@code /a/b/c} and path {@code /e}:
 * {@code ignore} (the default) gives {@code /e}, {@code prepend} gives {@code /a/b/c/e}, {@code split}
 * drops the first part (taken as the stage) and gives {@code /b/c/e}.
 */
public enum BasePath {
    IGNORE, PREPEND, SPLIT;

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]*)}");

    /** The {@code basepath} parameter; null (absent) is {@code ignore}; IllegalArgumentException names the valid options. */
    public static BasePath parse(String value) {
        if (value == null) {
            return IGNORE;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "ignore" -> IGNORE;
            case "prepend" -> PREPEND;
            case "split" -> SPLIT;
            default -> throw new IllegalArgumentException("Invalid basepath parameter value: " + value
                    + ". Valid options are ignore,prepend,split");
        };
    }

    /** What goes before every document path: "" or a path such as {@code /a/b/c}, without a trailing slash. */
    String prefix(ObjectNode root, boolean swagger) {
        if (this == IGNORE) {
            return "";
        }
        String base = normalize(swagger ? Json.text(root, "basePath") : fromServers(root.get("servers")));
        if (this == SPLIT && !base.isEmpty()) {
            int second = base.indexOf('/', 1);
            return second < 0 ? "" : base.substring(second);
        }
        return base;
    }

    /** {@code prefix + path}, the root path becoming the prefix itself. */
    static String apply(String prefix, String path) {
        if (prefix.isEmpty()) {
            return path;
        }
        return path.equals("/") ? prefix : prefix + path;
    }

    private static String fromServers(JsonNode servers) {
        if (servers == null || !servers.isArray() || servers.isEmpty()) {
            return null;
        }
        for (JsonNode server : servers) {
            JsonNode variable = server.path("variables").get("basePath");
            if (variable != null && variable.isObject()) {
                return Json.text(variable, "default");
            }
        }
        JsonNode first = servers.get(0);
        String url = Json.text(first, "url");
        if (url == null) {
            return null;
        }
        Matcher matcher = VARIABLE.matcher(url);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String value = Json.text(first.path("variables").path(matcher.group(1)), "default");
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(value == null ? "" : value));
        }
        matcher.appendTail(resolved);
        try {
            return URI.create(resolved.toString()).getPath();
        } catch (IllegalArgumentException e) {
            throw OpenApiException.error("Invalid OpenAPI input: the server URL '" + url + "' is not a URL");
        }
    }

    private static String normalize(String base) {
        if (base == null || base.isBlank()) {
            return "";
        }
        String path = base.startsWith("/") ? base : "/" + base;
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }
}
