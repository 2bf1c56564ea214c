package dev.gatehouse.oauth;

import dev.gatehouse.keys.SigningKeys;
import dev.gatehouse.model.AppClient;
import dev.gatehouse.model.ClientSecret;
import dev.gatehouse.model.Domain;
import dev.gatehouse.model.ResourceServer;
import dev.gatehouse.model.Scope;
import dev.gatehouse.model.TokenValidity;
import dev.gatehouse.model.UserPool;
import dev.gatehouse.server.Components;
import dev.gatehouse.testing.TestServer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SECURITY §0 fixture world, written straight into the store (the management operations are
 * built elsewhere) and loaded into the directory:
 * POOL_A (domain {@code pool-a}, resource server {@code api} with read/write) and POOL_B (domain
 * {@code pool-b}), and the clients below.
 */
final class OAuthFixtures {

    static final String POOL_A = "us-east-1_AAAAAAAAA";
    static final String POOL_B = "us-east-1_BBBBBBBBB";
    static final String PREFIX_A = "pool-a";
    static final String PREFIX_B = "pool-b";

    /** client_credentials, scopes api/read api/write and api/gone (allowed but no longer defined), two secrets. */
    static final String CID_A = "aaaaaaaaaaaaaaaaaaaaaaaaa1";
    static final String SEC_A = "secretaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1";
    static final String SEC_A_SECOND = "secretaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa2";
    /** A secret but no client_credentials (code flow). */
    static final String CID_A2 = "aaaaaaaaaaaaaaaaaaaaaaaaa2";
    static final String SEC_A2 = "secretaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab2";
    /** client_credentials with AllowedOAuthFlowsUserPoolClient=false. */
    static final String CID_A3 = "aaaaaaaaaaaaaaaaaaaaaaaaa3";
    static final String SEC_A3 = "secretaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab3";
    /** A custom secret with characters that form-encoding changes. */
    static final String CID_PLUS = "aaaaaaaaaaaaaaaaaaaaaaaaa4";
    static final String SEC_PLUS = "custom+secret%value+1234567890";
    /** ExplicitAuthFlows = [ALLOW_CLIENT_TOKEN_AUTH] (GetClientToken), no OAuth flows. */
    static final String CID_TOKEN = "aaaaaaaaaaaaaaaaaaaaaaaaa5";
    static final String SEC_TOKEN = "secretaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab5";
    /** client_credentials, validity 15 minutes. */
    static final String CID_SHORT = "aaaaaaaaaaaaaaaaaaaaaaaaa6";
    static final String SEC_SHORT = "secretaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab6";
    static final String CID_B = "bbbbbbbbbbbbbbbbbbbbbbbbb1";
    static final String SEC_B = "secretbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb1";

    private OAuthFixtures() {
    }

    static void create(TestServer server) {
        Components c = server.server().components();
        Instant now = Instant.now();
        pool(c, POOL_A, PREFIX_A, List.of("read", "write"), now);
        pool(c, POOL_B, PREFIX_B, List.of("read"), now);
        client(c, POOL_A, CID_A, List.of(SEC_A, SEC_A_SECOND), List.of("client_credentials"),
                List.of("api/read", "api/write", "api/gone"), true, List.of(), TokenValidity.DEFAULT, now);
        client(c, POOL_A, CID_A2, List.of(SEC_A2), List.of("code"), List.of("api/read"), true, List.of(),
                TokenValidity.DEFAULT, now);
        client(c, POOL_A, CID_A3, List.of(SEC_A3), List.of("client_credentials"), List.of("api/read"), false,
                List.of(), TokenValidity.DEFAULT, now);
        client(c, POOL_A, CID_PLUS, List.of(SEC_PLUS), List.of("client_credentials"), List.of("api/read"), true,
                List.of(), TokenValidity.DEFAULT, now);
        client(c, POOL_A, CID_TOKEN, List.of(SEC_TOKEN), List.of(), List.of("api/read", "api/write"), false,
                List.of(AppClient.CLIENT_TOKEN_AUTH), TokenValidity.DEFAULT, now);
        client(c, POOL_A, CID_SHORT, List.of(SEC_SHORT), List.of("client_credentials"), List.of("api/write"), true,
                List.of(), new TokenValidity(15, dev.gatehouse.model.TimeUnit.MINUTES, 60,
                        dev.gatehouse.model.TimeUnit.MINUTES, 30, dev.gatehouse.model.TimeUnit.DAYS), now);
        client(c, POOL_B, CID_B, List.of(SEC_B), List.of("client_credentials"), List.of("api/read"), true,
                List.of(), TokenValidity.DEFAULT, now);
        c.directory().refresh(POOL_A);
        c.directory().refresh(POOL_B);
    }

    private static void pool(Components c, String poolId, String prefix, List<String> scopes, Instant now) {
        c.store().insertPool(new UserPool(poolId, "us-east-1", "pool " + poolId, "INACTIVE", "ESSENTIALS", "{}", now, now),
                SigningKeys.newPoolKeys(poolId, now), Map.of());
        c.store().insertDomain(new Domain(prefix, poolId, "us-east-1", null, null, null));
        c.store().insertResourceServer(new ResourceServer(poolId, "api", "API",
                scopes.stream().map(s -> new Scope(s, s)).toList()));
    }

    private static void client(Components c, String poolId, String clientId, List<String> secrets,
                               List<String> flows, List<String> scopes, boolean oauth, List<String> explicitFlows,
                               TokenValidity validity, Instant now) {
        List<ClientSecret> values = new ArrayList<>();
        for (int i = 0; i < secrets.size(); i++) {
            values.add(new ClientSecret(clientId + "--" + (now.toEpochMilli() + i), clientId, secrets.get(i), false, now));
        }
        c.store().insertClient(new AppClient(poolId, clientId, "client " + clientId, validity, explicitFlows,
                List.of(), List.of(), List.of(), null, flows, scopes, oauth, true, "{}", now, now), values);
    }
}
