package dev.gatehouse.admin.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.manage.ResourceServerService;

/** Cognito API: DescribeResourceServer → {@code {ResourceServer}}. */
final class DescribeResourceServer implements CognitoAction {

    private final ResourceServerService servers;

    DescribeResourceServer(ResourceServerService servers) {
        this.servers = servers;
    }

    @Override
    public ObjectNode handle(CognitoCall call) {
        ObjectNode in = call.input();
        return ResourceServerJson.wrap(servers.describe(call.region(), Inputs.required(in, "UserPoolId"),
                Inputs.required(in, "Identifier")));
    }
}
