package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.ClientService;
import dev.gatehouse.model.ClientSecret;

/**
 * Cognito API: AddUserPoolClientSecret → {@code {ClientSecretDescriptor}}; the value is returned only
 * when Gatehouse generated it (SECURITY AD-05).
 */
final class AddUserPoolClientSecret implements CognitoAction {

    private final ClientService clients;

    AddUserPoolClientSecret(ClientService clients) {
        this.clients = clients;
    }

    @Override
    public ObjectNode handle(CognitoCall call) {
        ObjectNode in = call.input();
        ClientSecret secret = clients.addSecret(call.region(), Inputs.required(in, "UserPoolId"),
                Inputs.required(in, "ClientId"), Inputs.string(in, "ClientSecret"), call.now());
        ObjectNode out = Outputs.object();
        out.set("ClientSecretDescriptor", AppClientJson.descriptor(secret, true));
        return out;
    }
}
