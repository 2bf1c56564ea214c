package dev.gatehouse.server;

import dev.gatehouse.config.NetworkTransport;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;

/**
 * The Vert.x instance on the transport the configuration chose ({@link NetworkTransport}): every
 * listener, event loop and backend connection of the node runs on it.
 */
final class Transports {

    private Transports() {
    }

    /** The transport {@code choice} means on this host; fails when a named one cannot run here. */
    static Transport resolve(NetworkTransport choice) {
        return switch (choice) {
            case AUTO -> runs(Transport.EPOLL) ? Transport.EPOLL : Transport.NIO;
            case IO_URING -> available(Transport.IO_URING);
            case EPOLL -> available(Transport.EPOLL);
            case NIO -> Transport.NIO;
        };
    }

    static Vertx vertx(Transport transport) {
        return Vertx.builder().with(new VertxOptions()).withTransport(transport).build();
    }

    /** Vert.x leaves a native transport null when its Netty classes are missing. */
    private static boolean runs(Transport transport) {
        return transport != null && transport.available();
    }

    private static Transport available(Transport transport) {
        if (!runs(transport)) {
            if (transport == null) {
                throw new IllegalStateException("--transport: this build has no such native transport");
            }
            Throwable cause = transport.unavailabilityCause();
            throw new IllegalStateException("--transport " + transport.name() + " cannot run on this host"
                    + (cause == null ? "" : ": " + cause.getMessage()), cause);
        }
        return transport;
    }
}
