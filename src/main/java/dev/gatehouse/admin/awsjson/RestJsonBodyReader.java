package dev.gatehouse.admin.awsjson;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the JSON body of a REST-JSON request (API Gateway) against the model as {@link AwsJsonRequestReader}
 * does for AWS JSON 1.1: strict JSON, value kinds in document order, then every constraint of the body
 * members. Members that travel in the URI, query string or headers are the router's business and are not
 * looked for in the body. Validation paths are prefixed with the input's name as API Gateway prints them
 * ({@code Value null at 'createAuthorizerInput.name' failed to satisfy constraint: Member must not be null},
 * seen in CloudFormation's report of a CreateAuthorizer without a name).
 * Thread-safe; build one per model and share it.
 */
public final class RestJsonBodyReader {

    private final AwsJsonRequestReader reader;

    public RestJsonBodyReader(ServiceModel model) {
        this.reader = new AwsJsonRequestReader(model);
    }

    /**
     * @throws AwsJsonException {@code UnknownOperationException} for a name the model lacks,
     *                          {@code SerializationException} for a body or value of the wrong form,
     *                          {@code InvalidParameterException} for model constraint violations
     */
    public ObjectNode read(String operation, byte[] body) throws AwsJsonException {
        return reader.read(operation, body, RestJsonBodyReader::bodyMembers, InputValidator.lowerCamel(operation) + "Input");
    }

    /** The input shape as the body sees it: only members without a {@code location}. */
    private static Shape bodyMembers(Shape input) {
        List<Member> members = input.members().stream().filter(m -> m.location().isEmpty()).toList();
        Set<String> required = new HashSet<>();
        members.stream().map(Member::name).filter(input::isRequired).forEach(required::add);
        return new Shape(input.name(), input.type(), members, required, input.min(), input.max(), input.patternSource(),
                input.pattern(), input.enumValues(), input.enumMessageOrder(), input.sensitive(), input.listMember(),
                input.mapKey(), input.mapValue(), input.exception());
    }
}
