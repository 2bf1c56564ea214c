package dev.gatehouse.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.admin.cognito.CognitoEndpoint;
import dev.gatehouse.admin.cognito.CognitoException;

/** Placeholders while SigV4 verification and model validation land (replaced in the same series). */
final class TemporaryAdapters {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TemporaryAdapters() {
    }

    static CognitoEndpoint.Authenticator authenticator() {
        return (request, body) -> {
            String auth = request.getHeader("Authorization");
            if (auth == null) {
                throw new CognitoException("MissingAuthenticationTokenException", 403, "Missing Authentication Token");
            }
            String[] scope = auth.replaceAll(".*Credential=([^,]*).*", "$1").split("/");
            return new CognitoEndpoint.Caller(scope[0], scope.length > 2 ? scope[2] : "us-east-1");
        };
    }

    static CognitoEndpoint.InputReader reader() {
        return new CognitoEndpoint.InputReader() {
            @Override
            public boolean knows(String operation) {
                return true;
            }

            @Override
            public ObjectNode read(String operation, byte[] body) {
                try {
                    return body.length == 0 ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(body);
                } catch (Exception e) {
                    throw new CognitoException("SerializationException", 400, "Malformed JSON.");
                }
            }
        };
    }
}
