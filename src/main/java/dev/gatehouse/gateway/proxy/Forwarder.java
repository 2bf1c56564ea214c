package dev.gatehouse.gateway.proxy;

import dev.gatehouse.gateway.GatewayError;
import dev.gatehouse.net.DirectExchange;
import dev.gatehouse.net.ResponseHead;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.FastThreadLocal;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;

import javax.net.ssl.SSLException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The forward stage of {@code HTTP_PROXY} (the only class that talks to backends). A lean Netty
 * client rather than Vert.x's {@code HttpClient}: each request runs on its caller's event loop with
 * that loop's own keep-alive pool of backend connections per origin ({@link BackendPool}), its head
 * written as one buffer and a whole small response relayed in one write ({@link ProxyExchange}).
 * Request and response bodies are streamed both ways with back-pressure; only a bodiless idempotent
 * request that a pooled connection closed on unanswered is sent again, once, on a new one. Until
 * the backend's status line arrives the integration timeout runs (→ 504 {@code Endpoint request
 * timed out}); connection failures and malformed or ambiguous backend responses (GW-19) → 502
 * {@code Internal server error}. Hop-by-hop fields are removed from the response as from the request.
 */
public final class Forwarder {

    /** What the handler learns: the backend's status (for the access log) or the refusal to send. */
    public record Outcome(int status, GatewayError error) {
    }

    /** A forward under way; {@link #cancel()} when the caller goes away. */
    public interface Forwarding {
        void cancel();
    }

    private final VertxInternal vertx;
    private final FastThreadLocal<BackendPool> pools = new FastThreadLocal<>();
    private final Set<BackendPool> allPools = ConcurrentHashMap.newKeySet();
    private final BackendTrust trust;
    private volatile SslContext tls;

    /** HTTPS integrations verified against the JDK's trusted roots. */
    public Forwarder(Vertx vertx) {
        this(vertx, BackendTrust.jdkRoots());
    }

    public Forwarder(Vertx vertx, BackendTrust trust) {
        this.vertx = (VertxInternal) vertx;
        this.trust = trust;
    }

    /**
     * Sends {@code caller}'s body (paused until the backend connection is ready) to {@code absoluteUri}
     * with the caller's fields as {@link ProxyHeaders#toBackend} passes them, and streams the answer back
     * to the caller, its head stamped by {@code stamp} with the gateway's own fields. {@code done} hears
     * the outcome once, on the caller's event loop, before anything is written to the caller: with an
     * error, nothing will be, and the caller answers.
     */
    public Forwarding forward(DirectExchange caller, String method, String absoluteUri,
                              Map<String, String> mappedHeaders, ProxyHeaders.Caller callerInfo, int timeoutMillis,
                              Consumer<ResponseHead> stamp, Consumer<Outcome> done) {
        BackendTarget target = BackendTarget.parse(absoluteUri);
        MultiMap callerHeaders = caller.headers();
        boolean chunked = caller.isChunked();
        boolean hasBody = caller.hasBody();
        ByteBuf bytes = null;
        if (target != null) {
            RequestHead head = new RequestHead(method, target.requestTarget(), target.origin().hostHeader());
            ProxyHeaders.toBackend(callerHeaders, mappedHeaders, callerInfo, head);
            bytes = head.finish(chunked);
        }
        if (bytes == null) {
            done.accept(new Outcome(502, GatewayError.integrationFailure("integration_failed")));
            return () -> { };
        }
        EventLoop loop = caller.eventLoop();
        ProxyExchange exchange = new ProxyExchange(target, bytes, caller, stamp, timeoutMillis, method, hasBody,
                chunked, done);
        if (loop.inEventLoop()) {
            exchange.start(pool(loop));
        } else {
            loop.execute(() -> exchange.start(pool(loop)));
        }
        return exchange;
    }

    /** The calling loop's pool (only that loop's thread asks). */
    private BackendPool pool(EventLoop loop) {
        BackendPool pool = pools.get();
        if (pool == null) {
            pool = new BackendPool(loop, vertx.transport().channelFactory(false),
                    vertx.nameResolver().nettyAddressResolverGroup(), this::tls);
            pools.set(pool);
            allPools.add(pool);
        }
        return pool;
    }

    private SslContext tls() {
        SslContext context = tls;
        if (context == null) {
            synchronized (this) {
                if (tls == null) {
                    try {
                        tls = trust.clientContext();
                    } catch (SSLException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                context = tls;
            }
        }
        return context;
    }

    /** Idle connections to {@code backendUrl}'s origin kept across all loops (for tests). */
    int idleConnections(String backendUrl) {
        BackendTarget.Origin origin = BackendTarget.parse(backendUrl).origin();
        int count = 0;
        for (BackendPool pool : allPools) {
            count += pool.loop().submit(() -> pool.idleCount(origin)).syncUninterruptibly().getNow();
        }
        return count;
    }

    public void close() {
        for (BackendPool pool : allPools) {
            pool.loop().execute(pool::closeAll);
        }
        allPools.clear();
    }
}
