package dev.gatehouse.admin.cognito;

import dev.gatehouse.manage.ClientService;
import dev.gatehouse.manage.ManageContext;
import dev.gatehouse.manage.ResourceServerService;

import java.util.Map;

/** The resource-server, app-client and client-secret operations, keyed by their X-Amz-Target name. */
public final class ClientActions {

    private ClientActions() {
    }

    public static Map<String, CognitoAction> create(ManageContext manage, PaginationTokens tokens) {
        ResourceServerService servers = new ResourceServerService(manage);
        ClientService clients = new ClientService(manage);
        return Map.ofEntries(
                Map.entry("CreateResourceServer", new CreateResourceServer(servers)),
                Map.entry("DescribeResourceServer", new DescribeResourceServer(servers)),
                Map.entry("ListResourceServers", new ListResourceServers(servers, tokens)),
                Map.entry("UpdateResourceServer", new UpdateResourceServer(servers)),
                Map.entry("DeleteResourceServer", new DeleteResourceServer(servers)),
                Map.entry("CreateUserPoolClient", new CreateUserPoolClient(clients)),
                Map.entry("DescribeUserPoolClient", new DescribeUserPoolClient(clients)),
                Map.entry("ListUserPoolClients", new ListUserPoolClients(clients, tokens)),
                Map.entry("UpdateUserPoolClient", new UpdateUserPoolClient(clients)),
                Map.entry("DeleteUserPoolClient", new DeleteUserPoolClient(clients)),
                Map.entry("AddUserPoolClientSecret", new AddUserPoolClientSecret(clients)),
                Map.entry("ListUserPoolClientSecrets", new ListUserPoolClientSecrets(clients)),
                Map.entry("DeleteUserPoolClientSecret", new DeleteUserPoolClientSecret(clients)));
    }
}
