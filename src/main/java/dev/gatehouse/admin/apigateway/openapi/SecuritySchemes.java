package dev.gatehouse.admin.apigateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.model.api.Authorizer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code components.securitySchemes} / {@code securityDefinitions} → what a method's security
 * requirement means: an authorizer (SPEC §7: {@code x-amazon-apigateway-authorizer}), an API key,
 * or SigV4. Schemes API Gateway cannot enforce are errors, never "no auth": an import must not open
 * a method its document protects.
 */
final class SecuritySchemes {

    private static final Pattern POOL_ARN = Pattern.compile("arn:aws[a-z-]*:cognito-idp:[a-z0-9-]+:\\d{12}:userpool/[\\w-]+_[0-9a-zA-Z]+");

    enum Kind { AUTHORIZER, API_KEY, SIGV4 }

    /** What one scheme name stands for; {@code authorizer} only for {@link Kind#AUTHORIZER}. */
    record Scheme(String name, Kind kind, Authorizer authorizer, String authorizationType) {
        boolean allowsScopes() {
            return kind == Kind.AUTHORIZER && (authorizationType.equals("COGNITO_USER_POOLS") || authorizationType.equals("JWT"));
        }
    }

    private final Map<String, Scheme> schemes = new LinkedHashMap<>();

    /**
     * @param authorizerId gives the id of the authorizer named so (an existing one's id in merge, else a new one)
     */
    SecuritySchemes(JsonNode definitions, Function<String, String> authorizerId, List<String> errors, List<String> warnings) {
        if (definitions == null || definitions.isNull()) {
            return;
        }
        if (!definitions.isObject()) {
            errors.add("Invalid security schemes: expected an object");
            return;
        }
        definitions.properties().forEach(e -> {
            Scheme scheme = scheme(e.getKey(), e.getValue(), authorizerId, errors, warnings);
            if (scheme != null) {
                schemes.put(e.getKey(), scheme);
            }
        });
    }

    Scheme get(String name) {
        return schemes.get(name);
    }

    List<Authorizer> authorizers() {
        List<Authorizer> out = new ArrayList<>();
        schemes.values().stream().filter(s -> s.kind == Kind.AUTHORIZER).forEach(s -> out.add(s.authorizer));
        return out;
    }

    private static Scheme scheme(String name, JsonNode node, Function<String, String> authorizerId,
                                 List<String> errors, List<String> warnings) {
        String where = "Invalid security scheme '" + name + "': ";
        if (!node.isObject()) {
            errors.add(where + "expected an object");
            return null;
        }
        String type = Json.text(node, "type");
        String authType = Json.text(node, "x-amazon-apigateway-authtype");
        JsonNode ext = node.get("x-amazon-apigateway-authorizer");
        if (ext != null) {
            if (!ext.isObject()) {
                errors.add(where + "x-amazon-apigateway-authorizer must be an object");
                return null;
            }
            String extType = Json.text(ext, "type");
            if (extType == null) {
                errors.add(where + "x-amazon-apigateway-authorizer.type is required");
                return null;
            }
            return switch (extType.toLowerCase(Locale.ROOT)) {
                case "cognito_user_pools" -> cognito(name, node, ext, authorizerId, errors, where);
                case "jwt" -> jwt(name, ext, authorizerId, errors, warnings, where);
                case "token", "request" -> lambda(name, node, ext, extType.toUpperCase(Locale.ROOT), authorizerId, errors, warnings, where);
                default -> {
                    errors.add(where + "unsupported authorizer type '" + extType + "'");
                    yield null;
                }
            };
        }
        if (authType != null && authType.equalsIgnoreCase("awsSigv4")) {
            return new Scheme(name, Kind.SIGV4, null, "AWS_IAM");
        }
        if (authType != null && authType.equalsIgnoreCase("cognito_user_pools")) {
            errors.add(where + "x-amazon-apigateway-authtype cognito_user_pools needs an x-amazon-apigateway-authorizer");
            return null;
        }
        if ("apiKey".equals(type) && "header".equals(Json.text(node, "in"))
                && "x-api-key".equalsIgnoreCase(Json.text(node, "name"))) {
            return new Scheme(name, Kind.API_KEY, null, "NONE");
        }
        // Plain OpenAPI schemes (oauth2, http bearer...) describe auth API Gateway does not perform;
        // refusing them keeps a protected method from being imported open.
        errors.add(where + "type '" + type + "' without x-amazon-apigateway-authorizer is not supported");
        return null;
    }

    private static Scheme cognito(String name, JsonNode node, JsonNode ext, Function<String, String> authorizerId,
                                  List<String> errors, String where) {
        int before = errors.size();
        if (!"apiKey".equals(Json.text(node, "type")) || !"header".equals(Json.text(node, "in"))) {
            errors.add(where + "a cognito_user_pools scheme must be type apiKey, in header");
        }
        String header = Json.text(node, "name");
        List<String> arns = Json.strings(ext.get("providerARNs"));
        if (arns == null || arns.isEmpty()) {
            errors.add(where + "providerARNs must be a non-empty list of user pool ARNs");
        } else {
            arns.stream().filter(a -> !POOL_ARN.matcher(a).matches())
                    .forEach(a -> errors.add(where + "Invalid user pool ARN '" + a + "'"));
        }
        Integer ttl = ttl(ext, errors, where);
        if (errors.size() > before) {
            return null;
        }
        Authorizer authorizer = new Authorizer(authorizerId.apply(name), name, "COGNITO_USER_POOLS", arns,
                "method.request.header." + (header != null ? header : "Authorization"),
                Json.text(ext, "identityValidationExpression"), ttl, null, List.of());
        return new Scheme(name, Kind.AUTHORIZER, authorizer, "COGNITO_USER_POOLS");
    }

    private static Scheme jwt(String name, JsonNode ext, Function<String, String> authorizerId,
                              List<String> errors, List<String> warnings, String where) {
        JsonNode config = ext.get("jwtConfiguration");
        String issuer = config == null ? null : Json.text(config, "issuer");
        if (issuer == null || issuer.isEmpty() || issuer.length() > 2048) {
            errors.add(where + "jwtConfiguration.issuer is required (1-2048 characters)");
            return null;
        }
        List<String> audience = Json.strings(config.get("audience"));
        if (audience == null) {
            errors.add(where + "jwtConfiguration.audience must be a list of strings");
            return null;
        }
        if (audience.isEmpty()) {
            warnings.add("Security scheme '" + name + "': jwtConfiguration.audience is empty, so no token will be accepted");
        }
        Integer ttl = ttl(ext, errors, where);
        if (ttl == null) {
            return null;
        }
        String source = Json.text(ext, "identitySource");
        Authorizer authorizer = new Authorizer(authorizerId.apply(name), name, "JWT", List.of(),
                source != null ? source : "$request.header.Authorization", null, ttl, issuer, audience);
        return new Scheme(name, Kind.AUTHORIZER, authorizer, "JWT");
    }

    private static Scheme lambda(String name, JsonNode node, JsonNode ext, String type, Function<String, String> authorizerId,
                                 List<String> errors, List<String> warnings, String where) {
        Integer ttl = ttl(ext, errors, where);
        if (ttl == null) {
            return null;
        }
        warnings.add("Security scheme '" + name + "': Lambda " + type + " authorizers are stored but Gatehouse refuses "
                + "every request to their methods (authorizerUri is not kept)");
        String source = Json.text(ext, "identitySource");
        String header = Json.text(node, "name");
        Authorizer authorizer = new Authorizer(authorizerId.apply(name), name, type, List.of(),
                source != null ? source : "method.request.header." + (header != null ? header : "Authorization"),
                Json.text(ext, "identityValidationExpression"), ttl, null, List.of());
        return new Scheme(name, Kind.AUTHORIZER, authorizer, "CUSTOM");
    }

    /** {@code authorizerResultTtlInSeconds}: 0–3600, default 300 (API Gateway CreateAuthorizer). */
    private static Integer ttl(JsonNode ext, List<String> errors, String where) {
        JsonNode ttl = ext.get("authorizerResultTtlInSeconds");
        if (ttl == null || ttl.isNull()) {
            return Authorizer.DEFAULT_TTL_SECONDS;
        }
        Integer value = Json.integer(ttl);
        if (value == null || value < 0 || value > 3600) {
            errors.add(where + "authorizerResultTtlInSeconds must be between 0 and 3600");
            return null;
        }
        return value;
    }
}
