package dev.gatehouse.config;

import java.util.Locale;

/**
 * How the node's sockets are driven ({@code --transport}). {@link #AUTO} takes the fastest one this
 * host offers: io_uring (fewer system calls per request than epoll: a tenth more gateway requests
 * per CPU-second on the benchmark VMs, issue 5), else epoll, else the JDK's NIO. io_uring is often
 * switched off on purpose (a container's seccomp profile, {@code kernel.io_uring_disabled}), and
 * then AUTO quietly takes epoll; naming a transport that cannot run here fails the start instead.
 */
public enum NetworkTransport {
    AUTO, IO_URING, EPOLL, NIO;

    /** The option's spelling: {@code auto}, {@code io_uring}, {@code epoll}, {@code nio}. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static NetworkTransport parse(String value) {
        for (NetworkTransport transport : values()) {
            if (transport.optionName().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return transport;
            }
        }
        throw new IllegalArgumentException("--transport: '" + value + "' is not one of auto, io_uring, epoll, nio");
    }
}
