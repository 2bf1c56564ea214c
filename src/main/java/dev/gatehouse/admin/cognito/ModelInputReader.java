package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.admin.awsjson.AwsJsonException;
import dev.gatehouse.admin.awsjson.AwsJsonRequestReader;
import dev.gatehouse.admin.awsjson.ServiceModel;
import dev.gatehouse.runtime.Lazy;

import java.util.function.Supplier;

/**
 * Reads operation inputs as Cognito's service does: strictly parsed and validated against the
 * AWS model, with Coral's error types and messages. The model is loaded by the first call that
 * needs it, not at start-up (a few hundred kilobytes of JSON to parse and check, issue 5).
 */
public final class ModelInputReader implements CognitoEndpoint.InputReader {

    private record Loaded(ServiceModel model, AwsJsonRequestReader reader) {
    }

    private final Lazy<Loaded> loaded;

    public ModelInputReader(Supplier<ServiceModel> model) {
        this.loaded = Lazy.of(() -> {
            ServiceModel made = model.get();
            return new Loaded(made, new AwsJsonRequestReader(made));
        });
    }

    @Override
    public boolean knows(String operation) {
        return loaded.get().model().operation(operation).isPresent();
    }

    @Override
    public ObjectNode read(String operation, byte[] body) {
        try {
            return loaded.get().reader().read(operation, body);
        } catch (AwsJsonException refused) {
            throw new CognitoException(refused.errorType(), refused.httpStatus(), refused.wireMessage().orElse(null));
        }
    }
}
