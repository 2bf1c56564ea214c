package dev.gatehouse.gateway;

import dev.gatehouse.gateway.auth.CognitoUserPoolsAuthorizer;
import dev.gatehouse.gateway.auth.JwtAuthorizer;
import dev.gatehouse.gateway.auth.MethodAuthorizer;
import dev.gatehouse.gateway.auth.RemoteJwks;
import dev.gatehouse.gateway.proxy.BackendTrust;
import dev.gatehouse.gateway.proxy.Forwarder;
import dev.gatehouse.gateway.throttle.StageThrottles;
import dev.gatehouse.net.ClientAddress;
import dev.gatehouse.observe.AccessLog;
import dev.gatehouse.store.DirectoryHolder;
import dev.gatehouse.token.AccessTokenVerifier;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The gateway plane assembled: one {@link GatewayHandler} with its verifiers, throttles and forwarder.
 * The listener serves it on each connection ahead of the router ({@link dev.gatehouse.net.DirectRequests}).
 */
public final class Gateway implements AutoCloseable {

    static final Duration JWKS_TTL = Duration.ofMinutes(5);
    static final Duration UNKNOWN_KID_PENALTY = Duration.ofSeconds(10);
    /** A whole discovery + JWKS fetch; requests waiting for a first fetch wait at most this long. */
    static final Duration JWKS_FETCH_DEADLINE = Duration.ofSeconds(10);

    private final GatewayHandler handler;
    private final Forwarder forwarder;
    private final io.vertx.core.http.HttpClient jwksClient;

    /** HTTPS integrations verified against the JDK's trusted roots. */
    public Gateway(Vertx vertx, DirectoryHolder directory, StageLookup stages, Supplier<String> issuerBaseUrl,
                   Clock clock, ClientAddress clientAddress, String domainSuffix, AccessLog accessLog) {
        this(vertx, directory, stages, issuerBaseUrl, clock, clientAddress, domainSuffix, accessLog, BackendTrust.jdkRoots());
    }

    public Gateway(Vertx vertx, DirectoryHolder directory, StageLookup stages, Supplier<String> issuerBaseUrl,
                   Clock clock, ClientAddress clientAddress, String domainSuffix, AccessLog accessLog,
                   BackendTrust backendTrust) {
        AccessTokenVerifier verifier = new AccessTokenVerifier(directory, issuerBaseUrl, clock);
        this.jwksClient = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setConnectTimeout(5_000).setMaxHeaderSize(16 * 1024));
        RemoteJwks jwks = new RemoteJwks(vertx, jwksClient, clock, JWKS_TTL, UNKNOWN_KID_PENALTY, JWKS_FETCH_DEADLINE);
        MethodAuthorizer authorizer = new MethodAuthorizer(
                new CognitoUserPoolsAuthorizer(verifier, directory, clock),
                new JwtAuthorizer(verifier, directory, issuerBaseUrl, jwks, clock));
        this.forwarder = new Forwarder(vertx, backendTrust);
        this.handler = new GatewayHandler(stages, new RouteTables(), authorizer, new StageThrottles(), forwarder,
                clientAddress, accessLog, domainSuffix, clock);
    }

    public GatewayHandler handler() {
        return handler;
    }

    @Override
    public void close() {
        forwarder.close();
        jwksClient.close();
    }
}
