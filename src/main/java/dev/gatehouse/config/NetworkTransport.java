package dev.gatehouse.config;

import java.util.Locale;

/**
 * How the node's sockets are driven ({@code --transport}). {@link #AUTO} takes epoll where Netty's
 * native library loads (Linux), else the JDK's NIO; naming a transport that cannot run here fails
 * the start instead.
 * <p>
 * {@link #IO_URING} is experimental, and only ever taken when named: side by side it passed 8-10 %
 * more gateway requests per CPU-second than epoll (it batches a connection's reads and writes where
 * epoll makes a system call for each), but with Netty 4.2.9's io_uring a slow admin request among
 * eight concurrent ones lost its response (the client read end-of-file after the server had done the
 * work), which no client of an authorization server should see (issue 5's closing note).
 */
public enum NetworkTransport {
    AUTO, IO_URING, EPOLL, NIO;

    /** The option's spelling: {@code auto}, {@code io_uring}, {@code epoll}, {@code nio}. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static NetworkTransport parse(String value) {
        String name = value.trim().toLowerCase(Locale.ROOT);
        for (NetworkTransport transport : values()) {
            if (transport.optionName().equals(name)) {
                return transport;
            }
        }
        throw new IllegalArgumentException("--transport: '" + value + "' is not one of auto, io_uring, epoll, nio");
    }
}
