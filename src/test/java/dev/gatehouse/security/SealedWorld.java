package dev.gatehouse.security;

import dev.gatehouse.testing.TestServer;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceServerScopeType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything sealed, created through the real management API: two pools (their signing keys), a
 * client with a generated secret plus an added generated one, a client with a custom secret plus
 * an added custom one, and a client in the second pool.
 */
record SealedWorld(List<String> poolIds, Map<String, List<String>> secretsByClient, Map<String, String> poolOfClient) {

    static final String CUSTOM_AT_CREATE = "custom_secret+created+0123456789abcdef";
    static final String CUSTOM_ADDED = "custom_secret+added+fedcba9876543210xyz";
    static final String SCOPE = "api/read";

    static SealedWorld create(TestServer server) {
        CognitoIdentityProviderClient cognito = server.cognito();
        List<String> pools = new ArrayList<>();
        Map<String, List<String>> secrets = new LinkedHashMap<>();
        Map<String, String> poolOf = new LinkedHashMap<>();
        for (String name : List.of("sealed-a", "sealed-b")) {
            String pool = cognito.createUserPool(r -> r.poolName(name)).userPool().id();
            pools.add(pool);
            cognito.createResourceServer(r -> r.userPoolId(pool).identifier("api").name("API")
                    .scopes(ResourceServerScopeType.builder().scopeName("read").scopeDescription("read").build()));
        }
        String a = pools.get(0);
        String generated = client(cognito, a, "generated", null, secrets, poolOf);
        secrets.get(generated).add(cognito.addUserPoolClientSecret(r -> r.userPoolId(a).clientId(generated))
                .clientSecretDescriptor().clientSecretValue());
        String custom = client(cognito, a, "custom", CUSTOM_AT_CREATE, secrets, poolOf);
        cognito.addUserPoolClientSecret(r -> r.userPoolId(a).clientId(custom).clientSecret(CUSTOM_ADDED));
        secrets.get(custom).add(CUSTOM_ADDED);
        client(cognito, pools.get(1), "other", null, secrets, poolOf);
        return new SealedWorld(pools, secrets, poolOf);
    }

    private static String client(CognitoIdentityProviderClient cognito, String pool, String name, String customSecret,
                                 Map<String, List<String>> secrets, Map<String, String> poolOf) {
        var created = cognito.createUserPoolClient(r -> r.userPoolId(pool).clientName(name).generateSecret(customSecret == null)
                .clientSecret(customSecret).allowedOAuthFlows(OAuthFlowType.CLIENT_CREDENTIALS)
                .allowedOAuthScopes(SCOPE).allowedOAuthFlowsUserPoolClient(true)).userPoolClient();
        secrets.put(created.clientId(), new ArrayList<>(List.of(created.clientSecret())));
        poolOf.put(created.clientId(), pool);
        return created.clientId();
    }

    List<String> allSecrets() {
        return secretsByClient.values().stream().flatMap(List::stream).toList();
    }

    List<String> clientIds() {
        return List.copyOf(secretsByClient.keySet());
    }
}
