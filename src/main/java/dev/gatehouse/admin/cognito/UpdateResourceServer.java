package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.ResourceServerService;

/** Cognito API: UpdateResourceServer — full replacement of Name and Scopes (SPEC §3.6). */
final class UpdateResourceServer implements CognitoAction {

    private final ResourceServerService servers;

    UpdateResourceServer(ResourceServerService servers) {
        this.servers = servers;
    }

    @Override
    public ObjectNode handle(CognitoCall call) {
        ObjectNode in = call.input();
        return ResourceServerJson.wrap(servers.update(call.region(), Inputs.required(in, "UserPoolId"),
                Inputs.required(in, "Identifier"), Inputs.required(in, "Name"), ResourceServerJson.scopes(in)));
    }
}
