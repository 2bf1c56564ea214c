package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.PoolService;

/** Cognito API: DeleteUserPool — with its clients, resource servers and keys. */
final class DeleteUserPool implements CognitoAction {

    private final PoolService pools;

    DeleteUserPool(PoolService pools) {
        this.pools = pools;
    }

    @Override
    public ObjectNode handle(CognitoCall call) {
        pools.delete(call.region(), Inputs.required(call.input(), "UserPoolId"));
        return Outputs.object();
    }
}
