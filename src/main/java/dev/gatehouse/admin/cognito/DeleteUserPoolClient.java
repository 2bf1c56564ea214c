package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.ClientService;

/** Cognito API: DeleteUserPoolClient → {@code {}}; the client's secrets go with it. */
final class DeleteUserPoolClient implements CognitoAction {

    private final ClientService clients;

    DeleteUserPoolClient(ClientService clients) {
        this.clients = clients;
    }

    @Override
    public ObjectNode handle(CognitoCall call) {
        ObjectNode in = call.input();
        clients.delete(call.region(), Inputs.required(in, "UserPoolId"), Inputs.required(in, "ClientId"));
        return Outputs.object();
    }
}
