package dev.gatehouse.gateway.proxy;

import dev.gatehouse.model.api.Integration;
import io.vertx.core.MultiMap;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mutate stage: evaluates an integration's {@code requestParameters} (SPEC §7) for one request.
 * Targets {@code integration.request.{path|querystring|header}.X}; sources
 * {@code method.request.{path|querystring|header}.Y}, {@code context.authorizer.claims.<name>} (or
 * {@code ['name']}), {@code context.requestId}, {@code stageVariables.x} and {@code 'static'}.
 * A source without a value sets nothing.
 */
public final class RequestMapping {

    private static final Pattern CLAIM = Pattern.compile("context\\.authorizer\\.claims(?:\\.([^\\[\\]]+)|\\['([^']+)'\\])");

    /** What a request carries that a mapping can read. Path values are raw (as forwarded). */
    public record Source(Map<String, String> pathParameters, MultiMap query, MultiMap headers,
                         Map<String, Object> claims, Map<String, String> stageVariables, String requestId) {
    }

    /** The evaluated targets: path placeholders, extra query parameters and gateway-set headers. */
    public record Targets(Map<String, String> path, Map<String, String> query, Map<String, String> headers) {

        /** What an integration without {@code requestParameters} sets: nothing. */
        public static final Targets NONE = new Targets(Map.of(), Map.of(), Map.of());
    }

    private RequestMapping() {
    }

    public static Targets evaluate(Integration integration, Source source) {
        Map<String, String> path = new java.util.LinkedHashMap<>();
        Map<String, String> query = new java.util.LinkedHashMap<>();
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> mapping : integration.requestParameters().entrySet()) {
            String target = mapping.getKey();
            String value = value(mapping.getValue(), source);
            if (target.startsWith("integration.request.path.")) {
                // Path parameters are already validated raw text; anything else is encoded so it stays one segment.
                putIfPresent(path, target.substring("integration.request.path.".length()),
                        value == null || mapping.getValue().startsWith("method.request.path.") ? value
                                : java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
            } else if (target.startsWith("integration.request.querystring.")) {
                putIfPresent(query, target.substring("integration.request.querystring.".length()), value);
            } else if (target.startsWith("integration.request.header.")) {
                // The name is kept (even without a value) so a client-supplied header of that name is removed (GW-09).
                headers.put(target.substring("integration.request.header.".length()), value);
            }
        }
        return new Targets(path, query, headers);
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    static String value(String expression, Source source) {
        if (expression == null) {
            return null;
        }
        if (expression.length() >= 2 && expression.startsWith("'") && expression.endsWith("'")) {
            return expression.substring(1, expression.length() - 1);
        }
        if (expression.startsWith("method.request.path.")) {
            return source.pathParameters().get(expression.substring("method.request.path.".length()));
        }
        if (expression.startsWith("method.request.querystring.")) {
            return source.query().get(expression.substring("method.request.querystring.".length()));
        }
        if (expression.startsWith("method.request.header.")) {
            return source.headers().get(expression.substring("method.request.header.".length()));
        }
        if (expression.startsWith("stageVariables.")) {
            return source.stageVariables().get(expression.substring("stageVariables.".length()));
        }
        if (expression.equals("context.requestId")) {
            return source.requestId();
        }
        Matcher claim = CLAIM.matcher(expression);
        if (claim.matches()) {
            String name = claim.group(1) != null ? claim.group(1) : claim.group(2);
            return claimText(source.claims().get(name));
        }
        return null;
    }

    /** Claims reach headers as strings: numbers and booleans in decimal, arrays space-separated. */
    private static String claimText(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof List<?> list) {
            return String.join(" ", list.stream().map(String::valueOf).toList());
        }
        return null;
    }

    /** Header names compared as a backend might: case-insensitive, {@code _} and {@code -} alike (GW-09). */
    static String canonical(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Substitutes {@code {x}} placeholders of the integration URI; a placeholder without a value fails the mapping. */
    public static String substitute(String uri, Map<String, String> path, Map<String, String> pathParameters) {
        StringBuilder out = new StringBuilder(uri.length() + 32);
        int i = 0;
        while (i < uri.length()) {
            int open = uri.indexOf('{', i);
            if (open < 0) {
                out.append(uri, i, uri.length());
                break;
            }
            int close = uri.indexOf('}', open);
            if (close < 0) {
                return null;
            }
            out.append(uri, i, open);
            String name = uri.substring(open + 1, close);
            if (name.endsWith("+")) {
                name = name.substring(0, name.length() - 1);
            }
            String value = path.containsKey(name) ? path.get(name) : pathParameters.get(name);
            if (value == null) {
                return null;
            }
            out.append(value);
            i = close + 1;
        }
        return out.toString();
    }
}
