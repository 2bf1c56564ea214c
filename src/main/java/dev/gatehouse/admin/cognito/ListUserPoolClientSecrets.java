package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.ClientService;
import dev.gatehouse.model.ClientSecret;

/**
 * Cognito API: ListUserPoolClientSecrets → {@code {ClientSecrets}}: descriptors without values, never a
 * NextToken (at most two secrets exist).
 */
final class ListUserPoolClientSecrets implements CognitoAction {

    private final ClientService clients;

    ListUserPoolClientSecrets(ClientService clients) {
        this.clients = clients;
    }

    @Override
    public ObjectNode handle(CognitoCall call) {
        ObjectNode in = call.input();
        ObjectNode out = Outputs.object();
        ArrayNode items = out.putArray("ClientSecrets");
        for (ClientSecret secret : clients.listSecrets(call.region(), Inputs.required(in, "UserPoolId"),
                Inputs.required(in, "ClientId"))) {
            items.add(AppClientJson.descriptor(secret, false));
        }
        return out;
    }
}
