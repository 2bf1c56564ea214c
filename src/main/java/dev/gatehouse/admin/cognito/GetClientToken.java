package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.token.IssuedToken;
import dev.gatehouse.token.TokenError;
import dev.gatehouse.token.TokenIssuer;

import java.util.List;
import java.util.Objects;

/**
 * Cognito API: GetClientToken (SPEC §1.7) — an M2M access token for a client whose
 * ExplicitAuthFlows hold {@code ALLOW_CLIENT_TOKEN_AUTH}, authorized by its secret instead of
 * SigV4. The token is the one the client-credentials grant issues.
 */
final class GetClientToken implements CognitoAction {

    /** One message for unknown clients and wrong secrets: nothing tells them apart. */
    static final String BAD_CREDENTIALS = "Incorrect client id or secret.";

    private final TokenIssuer issuer;

    GetClientToken(TokenIssuer issuer) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
    }

    @Override
    public ObjectNode handle(CognitoCall call) {
        String clientId = Inputs.required(call.input(), "ClientId");
        String secret = Inputs.required(call.input(), "Secret");
        List<String> scopes = Inputs.strings(call.input(), "Scopes");
        IssuedToken token;
        try {
            token = issuer.clientToken(call.source(), clientId, secret, scopes);
        } catch (TokenError error) {
            throw toCognito(error);
        }
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        ObjectNode result = output.putObject("ClientAuthenticationResult");
        result.put("AccessToken", token.accessToken());
        result.put("ExpiresIn", token.expiresIn());
        result.put("TokenType", token.tokenType());
        return output;
    }

    /** Exception names from the Smithy model; the messages are Gatehouse's (AWS documents none). */
    private static CognitoException toCognito(TokenError error) {
        return switch (error.code()) {
            case INVALID_CLIENT -> new CognitoException("NotAuthorizedException", 400, BAD_CREDENTIALS);
            case UNAUTHORIZED_CLIENT -> new CognitoException("NotAuthorizedException", 400,
                    "Client token authentication (ALLOW_CLIENT_TOKEN_AUTH) is not enabled for this client.");
            case INVALID_SCOPE -> CognitoException.invalidParameter("Invalid scope requested.");
            case INVALID_REQUEST, INVALID_GRANT, UNSUPPORTED_GRANT_TYPE ->
                    CognitoException.invalidParameter("Invalid request.");
            case TEMPORARILY_UNAVAILABLE -> CognitoErrors.internal();
            // Smithy httpError 429; SDKs retry TooManyRequestsException with backoff.
            case THROTTLED -> new CognitoException("TooManyRequestsException", 429,
                    "Too many requests; retry after " + error.retryAfterSeconds() + " seconds.");
        };
    }
}
