package dev.gatehouse.server;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.net.ListenerOptions;

/**
 * A running Gatehouse node: its components and its listeners (one per core unless configured, {@link Listeners}).
 * {@link #start} blocks until they are bound; {@link #close} stops everything it started.
 */
public final class GatehouseServer implements AutoCloseable {

    private final Components components;
    private final Listeners listeners;

    private GatehouseServer(Components components, Listeners listeners) {
        this.components = components;
        this.listeners = listeners;
    }

    public static GatehouseServer start(GatehouseConfig config) {
        Components components = Components.create(config);
        try {
            Listeners listeners;
            try {
                listeners = Listeners.start(components.vertx(), vertx -> ListenerOptions.server(vertx,
                                components.directServers(), components.headerTimeout()).requestHandler(components.router()),
                        config.listenHost(), config.listenPort(), config.listenerInstances());
            } catch (Exception e) { // Future.await() rethrows the cause as is, e.g. a BindException
                throw new IllegalStateException("Could not listen on " + config.listenHost() + ":" + config.listenPort()
                        + ": " + e.getMessage(), e);
            }
            components.listening(listeners.port());
            return new GatehouseServer(components, listeners);
        } catch (RuntimeException e) {
            components.close();
            throw e;
        }
    }

    public int port() {
        return listeners.port();
    }

    /** Listener instances serving the port, each on its own event loop. */
    public int listenerInstances() {
        return listeners.instances();
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
            listeners.close();
        } finally {
            components.close();
        }
    }
}
