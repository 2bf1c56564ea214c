package dev.gatehouse.server;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.net.ListenerOptions;
import io.vertx.core.http.HttpServer;

/**
 * A running Gatehouse node: its components and its listener. {@link #start} blocks until the
 * listener is bound; {@link #close} stops everything it started.
 */
public final class GatehouseServer implements AutoCloseable {

    private final Components components;
    private final HttpServer httpServer;

    private GatehouseServer(Components components, HttpServer httpServer) {
        this.components = components;
        this.httpServer = httpServer;
    }

    public static GatehouseServer start(GatehouseConfig config) {
        Components components = Components.create(config);
        try {
            HttpServer server;
            try {
                server = ListenerOptions.server(components.vertx(), components.directServers(), components.headerTimeout())
                        .requestHandler(components.router())
                        .listen(config.listenPort(), config.listenHost())
                        .await();
            } catch (Exception e) { // Future.await() rethrows the cause as is, e.g. a BindException
                throw new IllegalStateException("Could not listen on " + config.listenHost() + ":" + config.listenPort()
                        + ": " + e.getMessage(), e);
            }
            components.listening(server.actualPort());
            return new GatehouseServer(components, server);
        } catch (RuntimeException e) {
            components.close();
            throw e;
        }
    }

    public int port() {
        return httpServer.actualPort();
    }

    public Components components() {
        return components;
    }

    public String issuerBaseUrl() {
        return components.issuerBaseUrl();
    }

    @Override
    public void close() {
        try {
            httpServer.close().await();
        } finally {
            components.close();
        }
    }
}
