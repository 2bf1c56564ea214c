package dev.gatehouse.admin.awsjson;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Reads an AWS JSON 1.1 request body the way the real service (Coral) does: strict JSON, then value
 * kinds in document order ({@code SerializationException}), then every model constraint in member order
 * ({@code InvalidParameterException}, Cognito's name for Coral's ValidationException).
 *
 * <p>The returned object holds only members the model defines, with explicit nulls removed: AWS ignores
 * unknown members for forward compatibility, and handlers never see a value that was not validated.
 * Thread-safe; build one per model and share it.
 */
public final class AwsJsonRequestReader {

    private final ServiceModel model;
    private final StrictJsonParser parser = new StrictJsonParser();
    private final InputTypeChecker typeChecker;
    private final InputValidator validator;

    public AwsJsonRequestReader(ServiceModel model) {
        this.model = Objects.requireNonNull(model, "model");
        this.typeChecker = new InputTypeChecker(model);
        this.validator = new InputValidator(model);
    }

    /**
     * Parses the raw body strictly and validates it against the operation's input shape.
     *
     * @param operation the operation name from {@code X-Amz-Target}, without the target prefix
     * @throws AwsJsonException {@code UnknownOperationException} for a name the model lacks,
     *                          {@code SerializationException} for a body or value of the wrong form,
     *                          {@code InvalidParameterException} for model constraint violations
     */
    public ObjectNode read(String operation, byte[] body) throws AwsJsonException {
        return read(operation, body, UnaryOperator.identity(), "");
    }

    /**
     * The reading both protocols share.
     *
     * @param inputView  the part of the input shape the body carries (REST-JSON: members without a location)
     * @param pathPrefix prefix of every validation path ({@code ""} for none)
     */
    ObjectNode read(String operation, byte[] body, UnaryOperator<Shape> inputView, String pathPrefix)
            throws AwsJsonException {
        Objects.requireNonNull(body, "body");
        Operation op = model.operation(operation).orElseThrow(AwsJsonException::unknownOperation);
        ObjectNode raw = parser.parseObject(body);
        if (op.input().isEmpty()) {
            return JsonNodeFactory.instance.objectNode();
        }
        Shape input = inputView.apply(model.shape(op.input().get()));
        ObjectNode checked = typeChecker.check(raw, input);
        List<ConstraintViolation> violations = validator.validate(checked, input, pathPrefix);
        if (!violations.isEmpty()) {
            throw AwsJsonException.invalidParameter(ValidationMessage.of(violations));
        }
        return checked;
    }
}
