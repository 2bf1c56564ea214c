package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.RevocationService;

/**
 * Gatehouse API: RevokeClientTokens {UserPoolId, ClientId} → {@code {}}: every token the client holds now stops verifying
 * (docs/revocation.md).
 */
final class RevokeClientTokens implements CognitoAction {

    private final RevocationService revocations;

    RevokeClientTokens(RevocationService revocations) {
        this.revocations = revocations;
    }

    @Override
    public ObjectNode handle(CognitoCall call) {
        ObjectNode in = call.input();
        revocations.revokeClientTokens(call.region(), RevocationActions.poolId(in), RevocationActions.clientId(in), call.now());
        return Outputs.object();
    }
}
