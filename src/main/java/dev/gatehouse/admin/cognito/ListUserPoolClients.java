package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.ClientService;
import dev.gatehouse.model.AppClient;
import dev.gatehouse.store.Page;

/** Cognito API: ListUserPoolClients → {@code {UserPoolClients:[{ClientId, UserPoolId, ClientName}], NextToken}}; never secrets. */
final class ListUserPoolClients implements CognitoAction {

    private static final String OPERATION = "ListUserPoolClients";

    private final ClientService clients;
    private final PaginationTokens tokens;

    ListUserPoolClients(ClientService clients, PaginationTokens tokens) {
        this.clients = clients;
        this.tokens = tokens;
    }

    @Override
    public ObjectNode handle(CognitoCall call) {
        ObjectNode in = call.input();
        String poolId = Inputs.required(in, "UserPoolId");
        int limit = ListLimit.read(in, ClientService.MAX_PAGE);
        String token = Inputs.string(in, "NextToken");
        String after = token == null ? null : tokens.open(OPERATION, poolId, token);
        Page<AppClient> page = clients.list(call.region(), poolId, after, limit);
        ObjectNode out = Outputs.object();
        ArrayNode items = out.putArray("UserPoolClients");
        for (AppClient client : page.items()) {
            ObjectNode item = items.addObject();
            item.put("ClientId", client.clientId());
            item.put("UserPoolId", client.poolId());
            item.put("ClientName", client.clientName());
        }
        if (page.lastKey() != null) {
            out.put("NextToken", tokens.issue(OPERATION, poolId, page.lastKey()));
        }
        return out;
    }
}
