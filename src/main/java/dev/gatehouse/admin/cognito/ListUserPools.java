package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.PoolService;
import dev.gatehouse.model.UserPool;
import dev.gatehouse.store.Page;

/** Cognito API: ListUserPools — the caller's region, by id; NextToken bound to the region (SPEC §4.3). */
final class ListUserPools implements CognitoAction {

    static final String OPERATION = "ListUserPools";
    /** Cognito API: PoolQueryLimitType 1–60. */
    private static final int MAX = 60;

    private final PoolService pools;
    private final PaginationTokens tokens;

    ListUserPools(PoolService pools, PaginationTokens tokens) {
        this.pools = pools;
        this.tokens = tokens;
    }

    @Override
    public ObjectNode handle(CognitoCall call) {
        ObjectNode input = call.input();
        Integer maxResults = Inputs.integer(input, "MaxResults");
        if (maxResults == null) {
            Inputs.required(input, "MaxResults");
        }
        if (maxResults < 1 || maxResults > MAX) {
            // Coral range message; the model validator normally answers first.
            throw CognitoException.invalidParameter("1 validation error detected: Value '" + maxResults
                    + "' at 'maxResults' failed to satisfy constraint: Member must have value "
                    + (maxResults < 1 ? "greater than or equal to 1" : "less than or equal to " + MAX));
        }
        String token = Inputs.string(input, "NextToken");
        String after = token == null ? null : tokens.open(OPERATION, call.region(), token);
        Page<UserPool> page = pools.list(call.region(), after, maxResults);
        ObjectNode out = Outputs.object();
        ArrayNode items = out.putArray("UserPools");
        page.items().forEach(pool -> items.add(UserPoolJson.description(pool)));
        if (page.lastKey() != null) {
            out.put("NextToken", tokens.issue(OPERATION, call.region(), page.lastKey()));
        }
        return out;
    }
}
