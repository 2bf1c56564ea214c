package dev.gatehouse.gateway.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.resolver.AddressResolverGroup;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The backend connections of one event loop: connected on that loop (so a request, its backend
 * connection and its response never change thread) and kept alive per origin for reuse. Only that
 * loop's thread touches it. At most {@link #MAX_IDLE_PER_ORIGIN} idle connections are kept per
 * origin; one idle for {@link #IDLE_TIMEOUT_NANOS} is closed rather than risk the backend closing it
 * just as a request is written (only a bodiless idempotent request is sent again, {@link ProxyExchange}).
 */
final class BackendPool {

    static final int MAX_IDLE_PER_ORIGIN = 64;
    static final long IDLE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long SWEEP_SECONDS = 5;

    private final EventLoop loop;
    private final ChannelFactory<? extends Channel> channels;
    private final AddressResolverGroup<? extends SocketAddress> resolver;
    private final Supplier<SslContext> tls;
    private final Map<BackendTarget.Origin, ArrayDeque<BackendConnection>> idle = new HashMap<>();
    private ScheduledFuture<?> sweep;

    BackendPool(EventLoop loop, ChannelFactory<? extends Channel> channels,
                AddressResolverGroup<? extends SocketAddress> resolver, Supplier<SslContext> tls) {
        this.loop = loop;
        this.channels = channels;
        this.resolver = resolver;
        this.tls = tls;
    }

    EventLoop loop() {
        return loop;
    }

    /** The most recently used live idle connection to {@code origin}, or null. */
    BackendConnection takeIdle(BackendTarget.Origin origin) {
        ArrayDeque<BackendConnection> connections = idle.get(origin);
        if (connections == null) {
            return null;
        }
        long now = System.nanoTime();
        for (BackendConnection connection; (connection = connections.pollLast()) != null; ) {
            if (connection.channel.isActive() && now - connection.idleSince < IDLE_TIMEOUT_NANOS) {
                return connection;
            }
            connection.close();
        }
        return null;
    }

    /** A new connection whose connect (and TLS handshake, if any) is under way. */
    ChannelFuture connect(BackendConnection connection, int timeoutMillis) {
        BackendTarget.Origin origin = connection.origin;
        Bootstrap bootstrap = new Bootstrap().group(loop).channelFactory(channels).resolver(resolver)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.max(1, timeoutMillis))
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        if (origin.tls()) {
                            SSLEngine engine = tls.get().newEngine(channel.alloc(), origin.host(), origin.port());
                            SSLParameters parameters = engine.getSSLParameters();
                            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
                            engine.setSSLParameters(parameters);
                            channel.pipeline().addLast(new SslHandler(engine));
                        }
                        channel.pipeline().addLast(connection.decoder, connection);
                    }
                });
        return bootstrap.connect(InetSocketAddress.createUnresolved(origin.host(), origin.port()));
    }

    /** Back in the pool once its exchange is complete and both sides kept the connection alive. */
    void release(BackendConnection connection) {
        connection.exchange = null;
        if (!connection.channel.isActive()) {
            return;
        }
        ArrayDeque<BackendConnection> connections = idle.computeIfAbsent(connection.origin, o -> new ArrayDeque<>());
        if (connections.size() >= MAX_IDLE_PER_ORIGIN) {
            connection.close();
            return;
        }
        connection.channel.config().setAutoRead(true); // to see the backend close it while idle
        connection.idleSince = System.nanoTime();
        connections.addLast(connection);
        if (sweep == null) {
            sweep = loop.scheduleAtFixedRate(this::closeExpired, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Called when a connection closes, idle or not. */
    void forget(BackendConnection connection) {
        ArrayDeque<BackendConnection> connections = idle.get(connection.origin);
        if (connections != null) {
            connections.remove(connection);
        }
    }

    int idleCount(BackendTarget.Origin origin) {
        ArrayDeque<BackendConnection> connections = idle.get(origin);
        return connections == null ? 0 : connections.size();
    }

    private void closeExpired() {
        long now = System.nanoTime();
        for (Iterator<ArrayDeque<BackendConnection>> origins = idle.values().iterator(); origins.hasNext(); ) {
            ArrayDeque<BackendConnection> connections = origins.next();
            while (!connections.isEmpty() && now - connections.peekFirst().idleSince >= IDLE_TIMEOUT_NANOS) {
                connections.pollFirst().close();
            }
            if (connections.isEmpty()) {
                origins.remove();
            }
        }
        if (idle.isEmpty() && sweep != null) {
            sweep.cancel(false);
            sweep = null;
        }
    }

    void closeAll() {
        for (ArrayDeque<BackendConnection> connections : idle.values()) {
            for (BackendConnection connection; (connection = connections.pollFirst()) != null; ) {
                connection.close();
            }
        }
        idle.clear();
        if (sweep != null) {
            sweep.cancel(false);
            sweep = null;
        }
    }
}
