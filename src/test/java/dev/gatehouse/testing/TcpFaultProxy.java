package dev.gatehouse.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on 127.0.0.1 (port 0) placed between a Gatehouse node and its database (SECURITY §3.2),
 * one thread pair per connection. {@link Mode#PASS} relays bytes; {@link Mode#REFUSE} closes every open
 * connection at once and every new one as soon as it is accepted — to the client the database is gone.
 */
public final class TcpFaultProxy implements AutoCloseable {

    public enum Mode { PASS, REFUSE }

    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;
    private volatile Mode mode = Mode.PASS;
    private volatile boolean closed;

    public TcpFaultProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "fault-proxy-accept-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Connections accepted so far, in any mode. */
    public int acceptedConnections() {
        return accepted.get();
    }

    public void mode(Mode next) {
        mode = next;
        if (next == Mode.REFUSE) {
            open.forEach(TcpFaultProxy::closeQuietly);
            open.clear();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // listener closed
            }
            accepted.incrementAndGet();
            if (mode == Mode.REFUSE) {
                closeQuietly(client);
                continue;
            }
            Socket server = new Socket();
            try {
                server.connect(new InetSocketAddress(targetHost, targetPort), 2_000);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(server);
                continue;
            }
            open.add(client);
            open.add(server);
            if (mode == Mode.REFUSE) { // switched while connecting
                closeQuietly(client);
                closeQuietly(server);
                continue;
            }
            relay(client, server);
            relay(server, client);
        }
    }

    private void relay(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // either side closed: the other side is closed below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "fault-proxy-relay");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            if (!socket.isClosed()) {
                // RST rather than FIN where possible: a dead database does not say goodbye.
                socket.setSoLinger(true, 0);
            }
        } catch (SocketException ignored) {
            // already closed
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed
        }
        open.forEach(TcpFaultProxy::closeQuietly);
        open.clear();
        try {
            acceptor.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
