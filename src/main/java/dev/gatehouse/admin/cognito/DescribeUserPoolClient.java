package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.ClientService;

/** Cognito API: DescribeUserPoolClient → {@code {UserPoolClient}} including ClientSecret. */
final class DescribeUserPoolClient implements CognitoAction {

    private final ClientService clients;

    DescribeUserPoolClient(ClientService clients) {
        this.clients = clients;
    }

    @Override
    public ObjectNode handle(CognitoCall call) {
        ObjectNode in = call.input();
        ClientService.Described client = clients.describe(call.region(), Inputs.required(in, "UserPoolId"),
                Inputs.required(in, "ClientId"));
        ObjectNode out = Outputs.object();
        out.set("UserPoolClient", AppClientJson.render(client.client(), client.secret()));
        return out;
    }
}
