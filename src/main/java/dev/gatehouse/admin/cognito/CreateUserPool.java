package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.PoolService;
import dev.gatehouse.model.UserPool;

import java.util.List;
import java.util.Map;

/** Cognito API: CreateUserPool — a pool in the caller's region, with its signing keys. */
final class CreateUserPool implements CognitoAction {

    private final PoolService pools;
    private final String accountId;

    CreateUserPool(PoolService pools, String accountId) {
        this.pools = pools;
        this.accountId = accountId;
    }

    @Override
    public ObjectNode handle(CognitoCall call) {
        ObjectNode input = call.input();
        ObjectNode signIn = SignInSettings.fromCreate(input);
        Map<String, String> tags = Inputs.stringMap(input, "UserPoolTags");
        UserPool pool = pools.create(call.region(), Inputs.required(input, "PoolName"),
                PoolInputs.settings(input, signIn), SignInSettings.attributes(input),
                tags == null ? Map.of() : tags, call.now());
        ObjectNode out = Outputs.object();
        out.set("UserPool", UserPoolJson.userPool(pool, List.of(), pools.tagsOf(pool.id()), accountId));
        return out;
    }
}
