package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.ResourceServerService;
import dev.gatehouse.model.ResourceServer;
import dev.gatehouse.store.Page;

/** Cognito API: ListResourceServers → {@code {ResourceServers, NextToken}} (SPEC §4.3). */
final class ListResourceServers implements CognitoAction {

    private static final String OPERATION = "ListResourceServers";

    private final ResourceServerService servers;
    private final PaginationTokens tokens;

    ListResourceServers(ResourceServerService servers, PaginationTokens tokens) {
        this.servers = servers;
        this.tokens = tokens;
    }

    @Override
    public ObjectNode handle(CognitoCall call) {
        ObjectNode in = call.input();
        String poolId = Inputs.required(in, "UserPoolId");
        int limit = ListLimit.read(in, ResourceServerService.MAX_PAGE);
        String token = Inputs.string(in, "NextToken");
        String after = token == null ? null : tokens.open(OPERATION, poolId, token);
        Page<ResourceServer> page = servers.list(call.region(), poolId, after, limit);
        ObjectNode out = Outputs.object();
        ArrayNode items = out.putArray("ResourceServers");
        page.items().forEach(server -> items.add(ResourceServerJson.render(server)));
        if (page.lastKey() != null) {
            out.put("NextToken", tokens.issue(OPERATION, poolId, page.lastKey()));
        }
        return out;
    }
}
