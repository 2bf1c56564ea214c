package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.PoolService;
import dev.gatehouse.model.UserPool;

/** Cognito API: DescribeUserPool. */
final class DescribeUserPool implements CognitoAction {

    private final PoolService pools;
    private final String accountId;

    DescribeUserPool(PoolService pools, String accountId) {
        this.pools = pools;
        this.accountId = accountId;
    }

    @Override
    public ObjectNode handle(CognitoCall call) {
        UserPool pool = pools.require(call.region(), Inputs.required(call.input(), "UserPoolId"));
        ObjectNode out = Outputs.object();
        out.set("UserPool", UserPoolJson.userPool(pool, pools.domainsOf(pool.id()), pools.tagsOf(pool.id()),
                accountId));
        return out;
    }
}
