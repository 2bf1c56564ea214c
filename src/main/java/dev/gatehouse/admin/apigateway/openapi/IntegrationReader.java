package dev.gatehouse.admin.apigateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.model.api.Integration;
import dev.gatehouse.model.api.IntegrationResponse;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code x-amazon-apigateway-integration} → {@link Integration} (SPEC §7; API Gateway PutIntegration rules). */
final class IntegrationReader {

    static final Set<String> TYPES = Set.of("aws", "aws_proxy", "http", "http_proxy", "mock");
    private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "ANY");
    private static final Set<String> PASSTHROUGH = Set.of("when_no_match", "when_no_templates", "never");
    private static final Set<String> CONNECTION_TYPES = Set.of("INTERNET", "VPC_LINK");
    private static final Pattern TARGET = Pattern.compile("integration\\.request\\.(path|querystring|header|multivaluequerystring|multivalueheader)\\.[^.\\s]+");
    private static final Pattern METHOD_SOURCE = Pattern.compile("method\\.request\\.(path|querystring|header|multivaluequerystring|multivalueheader)\\.(\\S+)");
    private static final Pattern OTHER_SOURCE = Pattern.compile("(context|stageVariables)\\.\\S+|method\\.request\\.body(\\..+)?|'[^']*'");
    private static final Pattern STATUS = Pattern.compile("[1-5]\\d\\d");

    private IntegrationReader() {
    }

    /**
     * @param declared the method's request parameters ({@code method.request.path.proxy} → required)
     * @return null after adding to {@code errors}
     */
    static Integration read(JsonNode ext, Map<String, Boolean> declared, String where, List<String> errors) {
        int before = errors.size();
        if (!ext.isObject()) {
            errors.add(where + "x-amazon-apigateway-integration must be an object");
            return null;
        }
        String type = lower(Json.text(ext, "type"));
        if (type == null || !TYPES.contains(type)) {
            errors.add(where + "Invalid integration type specified: " + Json.text(ext, "type")
                    + " (expected aws, aws_proxy, http, http_proxy or mock)");
            return null;
        }
        String httpMethod = upper(Json.text(ext, "httpMethod"));
        String uri = Json.text(ext, "uri");
        if (!type.equals("mock")) {
            if (httpMethod == null || !HTTP_METHODS.contains(httpMethod)) {
                errors.add(where + "Enumeration value for HttpMethod must be non-empty and one of GET, POST, PUT, DELETE, PATCH, HEAD, OPTIONS, ANY");
            }
            if (uri == null || uri.isBlank()) {
                errors.add(where + "Invalid URI specified: a " + type + " integration needs a uri");
            } else if (type.startsWith("http") && !httpUri(uri)) {
                errors.add(where + "Invalid HTTP endpoint specified for URI");
            } else if (type.startsWith("aws") && !uri.startsWith("arn:")) {
                errors.add(where + "AWS ARN for integration must be an ARN");
            }
        }
        int timeout = Integration.DEFAULT_TIMEOUT_MILLIS;
        if (ext.has("timeoutInMillis")) {
            Integer value = Json.integer(ext.get("timeoutInMillis"));
            if (value == null || value < 50 || value > 29_000) {
                // API Gateway PutIntegration's own message.
                errors.add(where + "Timeout should be between 50 ms and 29000 ms");
            } else {
                timeout = value;
            }
        }
        String passthrough = lower(Json.text(ext, "passthroughBehavior"));
        if (passthrough != null && !PASSTHROUGH.contains(passthrough)) {
            errors.add(where + "Invalid passthrough behavior specified: " + passthrough + " (expected when_no_match, when_no_templates or never)");
        }
        String connectionType = upper(Json.text(ext, "connectionType"));
        if (connectionType != null && !CONNECTION_TYPES.contains(connectionType)) {
            errors.add(where + "Invalid connection type specified: " + connectionType + " (expected INTERNET or VPC_LINK)");
        }
        Map<String, String> parameters = map(ext, "requestParameters", where, errors);
        parameters.forEach((target, source) -> checkMapping(target, source, declared, where, errors));
        Map<String, String> templates = map(ext, "requestTemplates", where, errors);
        Map<String, IntegrationResponse> responses = responses(ext.get("responses"), where, errors);
        if (errors.size() > before) {
            return null;
        }
        return new Integration(type.toUpperCase(Locale.ROOT), httpMethod, uri, connectionType, parameters, templates,
                upper(passthrough), timeout, responses);
    }

    private static void checkMapping(String target, String source, Map<String, Boolean> declared, String where, List<String> errors) {
        if (!TARGET.matcher(target).matches()) {
            errors.add(where + "Invalid mapping expression specified: Validation Result: warnings : [], errors : "
                    + "[Invalid mapping expression specified: " + target + "]");
            return;
        }
        Matcher method = METHOD_SOURCE.matcher(source);
        if (method.matches()) {
            String location = method.group(1).replace("multivalue", "");
            if (!declared.containsKey("method.request." + location + "." + method.group(2))) {
                errors.add(where + "Invalid mapping expression specified: Validation Result: warnings : [], errors : "
                        + "[Invalid mapping expression parameter specified: " + source + "]");
            }
        } else if (!OTHER_SOURCE.matcher(source).matches()) {
            errors.add(where + "Invalid mapping expression specified: Validation Result: warnings : [], errors : "
                    + "[Invalid mapping expression parameter specified: " + source + "]");
        }
    }

    /** {@code responses}: selection pattern (or {@code default}) → response, keyed by status code as API Gateway stores them. */
    private static Map<String, IntegrationResponse> responses(JsonNode node, String where, List<String> errors) {
        Map<String, IntegrationResponse> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            errors.add(where + "integration responses must be an object");
            return out;
        }
        for (var e : node.properties()) {
            String pattern = e.getKey();
            JsonNode response = e.getValue();
            String status = Json.text(response, "statusCode");
            if (status == null || !STATUS.matcher(status).matches()) {
                errors.add(where + "Invalid integration response for pattern '" + pattern + "': statusCode must be a 3-digit HTTP status");
                continue;
            }
            if (!pattern.equals("default")) {
                try {
                    Pattern.compile(pattern);
                } catch (RuntimeException invalid) {
                    errors.add(where + "Invalid selection pattern specified: " + pattern);
                    continue;
                }
            }
            if (out.containsKey(status)) {
                errors.add(where + "Duplicate integration response for status code " + status);
                continue;
            }
            Map<String, String> parameters = map(response, "responseParameters", where, errors);
            Map<String, String> templates = map(response, "responseTemplates", where, errors);
            out.put(status, new IntegrationResponse(status, pattern.equals("default") ? null : pattern, parameters, templates));
        }
        return out;
    }

    private static Map<String, String> map(JsonNode node, String field, String where, List<String> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Map.of();
        }
        Map<String, String> out = Json.stringMap(value);
        if (out == null) {
            errors.add(where + field + " must be an object of strings");
            return Map.of();
        }
        return out;
    }

    private static boolean httpUri(String uri) {
        try {
            if (uri.contains("${stageVariables.")) {
                return true;
            }
            URI parsed = new URI(uri.replace("{", "%7B").replace("}", "%7D"));
            String scheme = parsed.getScheme();
            return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && parsed.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }
}
