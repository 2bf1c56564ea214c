package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.RevocationService;

/**
 * Gatehouse API: DisableUserPoolClient {UserPoolId, ClientId} → {@code {}}: the client gets invalid_client and its tokens stop verifying
 * (docs/revocation.md).
 */
final class DisableUserPoolClient implements CognitoAction {

    private final RevocationService revocations;

    DisableUserPoolClient(RevocationService revocations) {
        this.revocations = revocations;
    }

    @Override
    public ObjectNode handle(CognitoCall call) {
        ObjectNode in = call.input();
        revocations.disable(call.region(), RevocationActions.poolId(in), RevocationActions.clientId(in), call.now());
        return Outputs.object();
    }
}
