package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.RevocationService;

/**
 * Gatehouse API: EnableUserPoolClient {UserPoolId, ClientId} → {@code {}}: the client may obtain tokens again; earlier ones stay revoked
 * (docs/revocation.md).
 */
final class EnableUserPoolClient implements CognitoAction {

    private final RevocationService revocations;

    EnableUserPoolClient(RevocationService revocations) {
        this.revocations = revocations;
    }

    @Override
    public ObjectNode handle(CognitoCall call) {
        ObjectNode in = call.input();
        revocations.enable(call.region(), RevocationActions.poolId(in), RevocationActions.clientId(in));
        return Outputs.object();
    }
}
