package dev.gatehouse.bench;

import dev.gatehouse.config.AbuseProtection;
import dev.gatehouse.keys.SigningKeys;
import dev.gatehouse.model.AppClient;
import dev.gatehouse.model.ClientRateLimit;
import dev.gatehouse.model.ClientSecret;
import dev.gatehouse.model.Domain;
import dev.gatehouse.model.ResourceServer;
import dev.gatehouse.model.Scope;
import dev.gatehouse.model.TokenValidity;
import dev.gatehouse.model.UserPool;
import dev.gatehouse.observe.AuditLog;
import dev.gatehouse.server.Components;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import dev.gatehouse.token.AccessTokenFactory;
import dev.gatehouse.token.ClientAuthenticator;
import dev.gatehouse.token.ScopeResolver;
import dev.gatehouse.token.TokenIssuer;
import dev.gatehouse.token.throttle.ClientThrottle;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One pool with a resource server and one client-credentials client, written through the store of
 * a real server on the embedded H2 and loaded into its directory: what the hot paths read in
 * production. The issuer built here has a rate limit no benchmark reaches.
 */
final class BenchWorld implements AutoCloseable {

    static final String POOL = "us-east-1_BENCHPOOL";
    static final String CLIENT_ID = "benchbenchbenchbenchbench1";
    static final String SECRET = "benchsecretbenchsecretbenchsecretbenchsecretbench1";
    static final String SCOPE = "api/read";

    final TestServer server;
    final Components components;
    final TokenIssuer issuer;

    BenchWorld() {
        server = TestServer.start(TestDatabase.H2);
        components = server.server().components();
        Instant now = Instant.now();
        components.store().insertPool(new UserPool(POOL, "us-east-1", "bench", "INACTIVE", "ESSENTIALS", "{}", now, now),
                SigningKeys.newPoolKeys(POOL, now), Map.of());
        components.store().insertDomain(new Domain("bench", POOL, "us-east-1", null, null, null));
        components.store().insertResourceServer(new ResourceServer(POOL, "api", "API",
                List.of(new Scope("read", "read"), new Scope("write", "write"))));
        components.store().insertClient(new AppClient(POOL, CLIENT_ID, "bench client", TokenValidity.DEFAULT, List.of(),
                List.of(), List.of(), List.of(), null, List.of("client_credentials"), List.of(SCOPE), true, true, "{}",
                now, now), List.of(new ClientSecret(CLIENT_ID + "--1", CLIENT_ID, SECRET, false, now)));
        components.directory().refresh(POOL);
        AbuseProtection unlimited = AbuseProtection.DEFAULTS.withClientRateLimit(
                new ClientRateLimit(ClientRateLimit.MAX_RATE, ClientRateLimit.MAX_BURST));
        issuer = new TokenIssuer(components.directory(), new ClientAuthenticator(), new ScopeResolver(),
                new AccessTokenFactory(components.signingKeys(), components::issuerBaseUrl),
                ClientThrottle.inMemory(unlimited, Ticker.systemTicker(), AuditLog.NONE, components.clock()),
                components.clock());
    }

    @Override
    public void close() {
        server.close();
    }
}
