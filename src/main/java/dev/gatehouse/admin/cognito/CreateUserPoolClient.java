package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.ClientService;

/** Cognito API: CreateUserPoolClient → {@code {UserPoolClient}} including ClientSecret when one exists. */
final class CreateUserPoolClient implements CognitoAction {

    private final ClientService clients;

    CreateUserPoolClient(ClientService clients) {
        this.clients = clients;
    }

    @Override
    public ObjectNode handle(CognitoCall call) {
        ObjectNode in = call.input();
        ClientService.Described created = clients.create(call.region(), Inputs.required(in, "UserPoolId"),
                AppClientJson.settings(in, true), Inputs.bool(in, "GenerateSecret", false),
                Inputs.string(in, "ClientSecret"), call.now());
        ObjectNode out = Outputs.object();
        out.set("UserPoolClient", AppClientJson.render(created.client(), created.secret()));
        return out;
    }
}
