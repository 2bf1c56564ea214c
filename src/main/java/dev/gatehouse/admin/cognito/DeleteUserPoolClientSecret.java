package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.ClientService;

/** Cognito API: DeleteUserPoolClientSecret → {@code {}}; the last secret cannot be deleted. */
final class DeleteUserPoolClientSecret implements CognitoAction {

    private final ClientService clients;

    DeleteUserPoolClientSecret(ClientService clients) {
        this.clients = clients;
    }

    @Override
    public ObjectNode handle(CognitoCall call) {
        ObjectNode in = call.input();
        clients.deleteSecret(call.region(), Inputs.required(in, "UserPoolId"), Inputs.required(in, "ClientId"),
                Inputs.required(in, "ClientSecretId"));
        return Outputs.object();
    }
}
