package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.ClientService;

/** Cognito API: UpdateUserPoolClient — full replacement (SPEC §3.6); secrets cannot be changed here. */
final class UpdateUserPoolClient implements CognitoAction {

    private final ClientService clients;

    UpdateUserPoolClient(ClientService clients) {
        this.clients = clients;
    }

    @Override
    public ObjectNode handle(CognitoCall call) {
        ObjectNode in = call.input();
        ClientService.Described updated = clients.update(call.region(), Inputs.required(in, "UserPoolId"),
                Inputs.required(in, "ClientId"), AppClientJson.settings(in, false), call.now());
        ObjectNode out = Outputs.object();
        out.set("UserPoolClient", AppClientJson.render(updated.client(), updated.secret()));
        return out;
    }
}
