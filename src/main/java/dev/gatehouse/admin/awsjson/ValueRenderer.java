package dev.gatehouse.admin.awsjson;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Renders the {@code Value ...} clause of a Coral validation message.
 *
 * <p>Observed forms: {@code Value 'us-east-1_x!' at 'userPoolId'} (strings verbatim, no escaping),
 * {@code Value '0' at 'limit'} (numbers quoted too, DynamoDB capture), {@code Value '[code, token]'}
 * (a list as Java's {@code List.toString}, SPEC §3.5), {@code Value '{k=v}'} (a map as Java's
 * {@code Map.toString}, Lambda/EventBridge), {@code Value null at} (missing required member), and
 * {@code Value at 'password'} — no value — for Cognito's sensitive shapes (SignUp's PasswordType).
 * Gatehouse also omits the value of structures and of containers holding non-scalars, whose Java
 * {@code toString} it cannot reproduce, and of anything containing a sensitive shape.
 */
final class ValueRenderer {

    static final String NULL_VALUE = "Value null";
    static final String HIDDEN_VALUE = "Value";

    private final ServiceModel model;

    ValueRenderer(ServiceModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    String clause(JsonNode value, Shape shape) {
        if (containsSensitive(shape) || !isPrintable(shape)) {
            return HIDDEN_VALUE;
        }
        return "Value '" + render(value, shape) + "'";
    }

    private String render(JsonNode value, Shape shape) {
        return switch (shape.type()) {
            case LIST -> {
                Shape member = model.shape(shape.listMember().orElseThrow());
                List<String> items = new ArrayList<>();
                value.forEach(element -> items.add(render(element, member)));
                yield items.toString();
            }
            case MAP -> {
                Shape valueShape = model.shape(shape.mapValue().orElseThrow());
                List<String> entries = new ArrayList<>();
                for (Map.Entry<String, JsonNode> entry : value.properties()) {
                    entries.add(entry.getKey() + "=" + render(entry.getValue(), valueShape));
                }
                yield "{" + String.join(", ", entries) + "}";
            }
            default -> value.asText();
        };
    }

    private boolean isPrintable(Shape shape) {
        return switch (shape.type()) {
            case LIST -> model.shape(shape.listMember().orElseThrow()).type().isScalar();
            case MAP -> model.shape(shape.mapValue().orElseThrow()).type().isScalar();
            default -> shape.type().isScalar();
        };
    }

    private boolean containsSensitive(Shape shape) {
        if (shape.sensitive()) {
            return true;
        }
        return switch (shape.type()) {
            case LIST -> model.shape(shape.listMember().orElseThrow()).sensitive();
            case MAP -> model.shape(shape.mapKey().orElseThrow()).sensitive()
                    || model.shape(shape.mapValue().orElseThrow()).sensitive();
            default -> false;
        };
    }
}
