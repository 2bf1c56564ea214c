package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.admin.awsjson.AwsJsonException;
import dev.gatehouse.admin.awsjson.StrictJsonParser;

import java.util.Set;

/**
 * Reads inputs of Gatehouse's own operations (target prefix {@value CognitoEndpoint#GATEHOUSE_PREFIX}),
 * which no AWS model describes: strictly parsed JSON; each action checks its members itself.
 */
public final class GatehouseInputReader implements CognitoEndpoint.InputReader {

    private final StrictJsonParser parser = new StrictJsonParser();
    private final Set<String> operations;

    public GatehouseInputReader(Set<String> operations) {
        this.operations = Set.copyOf(operations);
    }

    @Override
    public boolean knows(String operation) {
        return operations.contains(operation);
    }

    @Override
    public ObjectNode read(String operation, byte[] body) {
        try {
            return parser.parseObject(body);
        } catch (AwsJsonException refused) {
            throw new CognitoException(refused.errorType(), refused.httpStatus(), refused.wireMessage().orElse(null));
        }
    }
}
