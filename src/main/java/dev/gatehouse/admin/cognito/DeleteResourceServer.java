package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.ResourceServerService;

/** Cognito API: DeleteResourceServer → {@code {}}. */
final class DeleteResourceServer implements CognitoAction {

    private final ResourceServerService servers;

    DeleteResourceServer(ResourceServerService servers) {
        this.servers = servers;
    }

    @Override
    public ObjectNode handle(CognitoCall call) {
        ObjectNode in = call.input();
        servers.delete(call.region(), Inputs.required(in, "UserPoolId"), Inputs.required(in, "Identifier"));
        return Outputs.object();
    }
}
