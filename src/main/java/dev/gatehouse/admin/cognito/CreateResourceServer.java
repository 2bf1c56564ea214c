package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.ResourceServerService;

/** Cognito API: CreateResourceServer → {@code {ResourceServer}}. */
final class CreateResourceServer implements CognitoAction {

    private final ResourceServerService servers;

    CreateResourceServer(ResourceServerService servers) {
        this.servers = servers;
    }

    @Override
    public ObjectNode handle(CognitoCall call) {
        ObjectNode in = call.input();
        return ResourceServerJson.wrap(servers.create(call.region(), Inputs.required(in, "UserPoolId"),
                Inputs.required(in, "Identifier"), Inputs.required(in, "Name"), ResourceServerJson.scopes(in)));
    }
}
