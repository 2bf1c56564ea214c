package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.PoolService;
import dev.gatehouse.model.UserPool;

/** Cognito API: UpdateUserPool — a full replacement (SPEC §3.6); output {@code {}}. */
final class UpdateUserPool implements CognitoAction {

    private final PoolService pools;

    UpdateUserPool(PoolService pools) {
        this.pools = pools;
    }

    @Override
    public ObjectNode handle(CognitoCall call) {
        ObjectNode input = call.input();
        UserPool current = pools.require(call.region(), Inputs.required(input, "UserPoolId"));
        ObjectNode signIn = SignInSettings.fromUpdate(input, UserPoolJson.settings(current));
        pools.update(call.region(), current.id(), Inputs.string(input, "PoolName"),
                PoolInputs.settings(input, signIn), Inputs.stringMap(input, "UserPoolTags"), call.now());
        return Outputs.object();
    }
}
