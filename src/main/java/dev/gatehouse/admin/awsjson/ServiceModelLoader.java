package dev.gatehouse.admin.awsjson;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.SharedMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads the botocore {@code service-2.json} format into a {@link ServiceModel}. */
final class ServiceModelLoader {

    private ServiceModelLoader() {
    }

    static ServiceModel load(String resource) {
        try (InputStream in = ServiceModelLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("service model not on the classpath: " + resource);
            }
            return fromTree(SharedMapper.get().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read service model " + resource, e);
        }
    }

    static ServiceModel fromTree(JsonNode root) {
        Map<String, Shape> shapes = new HashMap<>();
        root.required("shapes").properties().forEach(e -> shapes.put(e.getKey(), shape(e.getKey(), e.getValue())));
        Map<String, Operation> operations = new HashMap<>();
        root.required("operations").properties().forEach(e -> operations.put(e.getKey(), operation(e.getKey(), e.getValue())));
        checkReferences(shapes, operations);
        return new ServiceModel(metadata(root.required("metadata")), operations, shapes);
    }

    private static ProtocolMetadata metadata(JsonNode node) {
        String endpointPrefix = node.required("endpointPrefix").asText();
        return new ProtocolMetadata(
                node.required("protocol").asText(),
                node.required("apiVersion").asText(),
                endpointPrefix,
                text(node, "signingName").orElse(endpointPrefix),
                text(node, "jsonVersion"),
                text(node, "targetPrefix"));
    }

    private static Operation operation(String name, JsonNode node) {
        List<String> errors = new ArrayList<>();
        node.path("errors").forEach(e -> errors.add(e.required("shape").asText()));
        JsonNode http = node.path("http");
        return new Operation(
                name,
                text(http, "method").orElse("POST"),
                text(http, "requestUri").orElse("/"),
                reference(node, "input"),
                reference(node, "output"),
                errors,
                "none".equals(node.path("authtype").asText()));
    }

    private static Shape shape(String name, JsonNode node) {
        ShapeType type = ShapeType.fromModel(node.required("type").asText(), node.path("document").asBoolean(false));
        List<Member> members = new ArrayList<>();
        node.path("members").properties().forEach(e -> members.add(new Member(
                e.getKey(),
                e.getValue().required("shape").asText(),
                text(e.getValue(), "location"),
                text(e.getValue(), "locationName"))));
        Set<String> required = new HashSet<>();
        node.path("required").forEach(r -> required.add(r.asText()));
        List<String> enumValues = new ArrayList<>();
        node.path("enum").forEach(v -> enumValues.add(v.asText()));
        Optional<String> patternSource = text(node, "pattern");
        return new Shape(
                name,
                type,
                members,
                required,
                decimal(node, "min"),
                decimal(node, "max"),
                patternSource,
                patternSource.map(p -> compile(name, p)),
                enumValues,
                EnumMessageOrder.of(enumValues),
                node.path("sensitive").asBoolean(false),
                reference(node, "member"),
                reference(node, "key"),
                reference(node, "value"),
                node.path("exception").asBoolean(false));
    }

    /**
     * Model patterns are ECMA-262 regexes (Smithy {@code @pattern}); the ones AWS publishes for Cognito use
     * only syntax with the same meaning in java.util.regex ({@code \w}/{@code \s} ASCII-only in both,
     * {@code \p{L}} etc., {@code \xHH}), so they compile unchanged — a test pins that for every pattern.
     */
    private static Pattern compile(String shapeName, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalStateException("pattern of shape " + shapeName + " does not compile in Java", e);
        }
    }

    private static void checkReferences(Map<String, Shape> shapes, Map<String, Operation> operations) {
        List<String> targets = new ArrayList<>();
        for (Shape shape : shapes.values()) {
            shape.members().forEach(m -> targets.add(m.target()));
            shape.listMember().ifPresent(targets::add);
            shape.mapKey().ifPresent(targets::add);
            shape.mapValue().ifPresent(targets::add);
        }
        for (Operation operation : operations.values()) {
            operation.input().ifPresent(targets::add);
            operation.output().ifPresent(targets::add);
            targets.addAll(operation.errors());
        }
        for (String target : targets) {
            if (!shapes.containsKey(target)) {
                throw new IllegalStateException("service model references missing shape " + target);
            }
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private static Optional<String> reference(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null ? Optional.empty() : Optional.of(value.required("shape").asText());
    }

    private static Optional<BigDecimal> decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isNumber() ? Optional.empty() : Optional.of(value.decimalValue());
    }
}
