package dev.gatehouse.admin.awsjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Checks a type-checked input against the model's constraints (required, length, range, pattern, enum)
 * and reports every failure, in member order, with Coral's paths:
 * <ul>
 *   <li>members: lowerCamelCase names joined by {@code .} ({@code tokenValidityUnits.accessToken});</li>
 *   <li>list elements that are structures, lists or maps: {@code <list>.<1-based index>.member}
 *       (observed {@code targets.1.member.inputTransformer.inputPathsMap}, {@code geoLocations.1.member.order});</li>
 *   <li>scalar list elements: one error on the list itself, {@code Member must satisfy constraint: [<all
 *       element constraints>]} (observed for Cognito allowedOAuthFlows, SPEC §3.5; ACM; Lambda);</li>
 *   <li>map keys / scalar map values: one error on the map, {@code Map keys must satisfy constraint: [...]} /
 *       {@code Map value must satisfy constraint: [...]} (Lambda, EventBridge, DynamoDB captures);</li>
 *   <li>map values that are aggregates: {@code <map>.<key>.member} (DynamoDB {@code requestItems.<table>.member}).</li>
 * </ul>
 * Cross-member business rules are not checked here.
 */
final class InputValidator {

    private final ServiceModel model;
    private final ValueRenderer renderer;

    InputValidator(ServiceModel model) {
        this.model = Objects.requireNonNull(model, "model");
        this.renderer = new ValueRenderer(model);
    }

    List<ConstraintViolation> validate(JsonNode input, Shape shape) {
        return validate(input, shape, "");
    }

    /** As {@link #validate(JsonNode, Shape)}, every path under {@code prefix} (API Gateway: {@code createAuthorizerInput}). */
    List<ConstraintViolation> validate(JsonNode input, Shape shape, String prefix) {
        List<ConstraintViolation> violations = new ArrayList<>();
        structure(input, shape, prefix, violations);
        return List.copyOf(violations);
    }

    private void structure(JsonNode object, Shape shape, String prefix, List<ConstraintViolation> out) {
        for (Member member : shape.members()) {
            String path = prefix.isEmpty() ? lowerCamel(member.name()) : prefix + "." + lowerCamel(member.name());
            JsonNode value = object.get(member.jsonName());
            if (value == null) {
                if (shape.isRequired(member.name())) {
                    out.add(new ConstraintViolation(ValueRenderer.NULL_VALUE, path, "Member must not be null"));
                }
                continue;
            }
            value(value, model.shape(member.target()), path, out);
        }
    }

    private void value(JsonNode value, Shape shape, String path, List<ConstraintViolation> out) {
        switch (shape.type()) {
            case STRUCTURE -> structure(value, shape, path, out);
            case LIST -> list(value, shape, path, out);
            case MAP -> map(value, shape, path, out);
            case DOCUMENT -> { }
            default -> ScalarConstraints.failed(value, shape)
                    .forEach(constraint -> out.add(new ConstraintViolation(renderer.clause(value, shape), path, constraint)));
        }
    }

    private void list(JsonNode list, Shape shape, String path, List<ConstraintViolation> out) {
        containerLength(list, shape, path, out);
        Shape member = model.shape(shape.listMember().orElseThrow());
        if (member.type().isScalar()) {
            boolean anyFails = false;
            for (JsonNode element : list) {
                anyFails |= !ScalarConstraints.failed(element, member).isEmpty();
            }
            if (anyFails) {
                out.add(new ConstraintViolation(renderer.clause(list, shape), path,
                        "Member must satisfy constraint: " + ScalarConstraints.all(member)));
            }
            return;
        }
        int index = 1;
        for (JsonNode element : list) {
            value(element, member, path + "." + index++ + ".member", out);
        }
    }

    private void map(JsonNode map, Shape shape, String path, List<ConstraintViolation> out) {
        containerLength(map, shape, path, out);
        Shape key = model.shape(shape.mapKey().orElseThrow());
        Shape valueShape = model.shape(shape.mapValue().orElseThrow());
        boolean keyFails = false;
        boolean valueFails = false;
        for (Map.Entry<String, JsonNode> entry : map.properties()) {
            keyFails |= !ScalarConstraints.failed(TextNode.valueOf(entry.getKey()), key).isEmpty();
            if (valueShape.type().isScalar()) {
                valueFails |= !ScalarConstraints.failed(entry.getValue(), valueShape).isEmpty();
            }
        }
        if (keyFails) {
            out.add(new ConstraintViolation(renderer.clause(map, shape), path,
                    "Map keys must satisfy constraint: " + ScalarConstraints.all(key)));
        }
        if (valueFails) {
            out.add(new ConstraintViolation(renderer.clause(map, shape), path,
                    "Map value must satisfy constraint: " + ScalarConstraints.all(valueShape)));
        }
        if (!valueShape.type().isScalar()) {
            for (Map.Entry<String, JsonNode> entry : map.properties()) {
                value(entry.getValue(), valueShape, path + "." + entry.getKey() + ".member", out);
            }
        }
    }

    /** Lists and maps: Smithy {@code @length} counts entries. */
    private void containerLength(JsonNode container, Shape shape, String path, List<ConstraintViolation> out) {
        BigDecimal size = BigDecimal.valueOf(container.size());
        shape.max().filter(max -> size.compareTo(max) > 0).ifPresent(max -> out.add(new ConstraintViolation(
                renderer.clause(container, shape), path, "Member must have length less than or equal to " + max.toPlainString())));
        shape.min().filter(min -> size.compareTo(min) < 0).ifPresent(min -> out.add(new ConstraintViolation(
                renderer.clause(container, shape), path, "Member must have length greater than or equal to " + min.toPlainString())));
    }

    /** Coral lower-cases only the first character: AllowedOAuthFlows → allowedOAuthFlows (SPEC §3.5). */
    static String lowerCamel(String memberName) {
        return memberName.isEmpty() ? memberName : memberName.substring(0, 1).toLowerCase(Locale.ROOT) + memberName.substring(1);
    }
}
