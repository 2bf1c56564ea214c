package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.admin.awsjson.AwsJsonException;
import dev.gatehouse.admin.awsjson.AwsJsonRequestReader;
import dev.gatehouse.admin.awsjson.ServiceModel;

/**
 * Reads operation inputs as Cognito's service does: strictly parsed and validated against the
 * AWS model, with Coral's error types and messages.
 */
public final class ModelInputReader implements CognitoEndpoint.InputReader {

    private final ServiceModel model;
    private final AwsJsonRequestReader reader;

    public ModelInputReader(ServiceModel model) {
        this.model = model;
        this.reader = new AwsJsonRequestReader(model);
    }

    @Override
    public boolean knows(String operation) {
        return model.operation(operation).isPresent();
    }

    @Override
    public ObjectNode read(String operation, byte[] body) {
        try {
            return reader.read(operation, body);
        } catch (AwsJsonException refused) {
            throw new CognitoException(refused.errorType(), refused.httpStatus(), refused.wireMessage().orElse(null));
        }
    }
}
