package dev.gatehouse.net;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.impl.VertxHttpObject;
import io.vertx.core.net.impl.ConnectionBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Each listener connection's first stop after the HTTP/1.x decoder: requests a {@link Server}
 * claims (the gateway's, the health probes) are served right here on Netty as {@link DirectExchange}s; every other
 * request goes on to Vert.x and its router. The gateway is the hot path, and Vert.x's request,
 * response and routing objects, its context hops and its encoder were a fifth of its CPU.
 * <p>
 * Responses leave in request order (HTTP/1.1 pipelining): a request that arrives while the other
 * side still owes a response waits, with reading paused, until that response has ended. Vert.x
 * orders its own requests among themselves.
 * <p>
 * This handler also keeps the connection's {@link HeadDeadline}: armed as the connection opens and
 * whenever a response ends, disarmed when a request head arrives.
 */
public final class DirectRequests extends ChannelDuplexHandler {

    /** Who serves the claimed requests. */
    public interface Server {
        /** Whether this request (its head decoded without error) is served directly. */
        boolean claims(HttpRequest head);

        /** Serves it; the exchange's body pieces follow as they arrive. */
        void serve(DirectExchange exchange);
    }

    private static final Logger LOG = LoggerFactory.getLogger(DirectRequests.class);
    /** The names Vert.x 5 gives the HTTP/1.x server's encoder and connection handler in the pipeline. */
    static final String ENCODER = "httpEncoder";
    static final String VERTX_HANDLER = "handler";
    static final String NAME = "directRequests";
    /** Pipelined messages held at most while a response is owed; more is abuse, and the connection closes. */
    static final int MAX_HELD = 1024;

    /** Asked in order: the first that claims a request serves it. */
    private final Server[] servers;
    private final Duration headTimeout;
    private ChannelHandlerContext ctx;
    /** Where raw response bytes are written: past the encoder, which only Vert.x's responses go through. */
    private ChannelHandlerContext wire;
    private HeadDeadline deadline;
    /** The direct exchange whose response has not ended. */
    private DirectExchange exchange;
    /** Who gets the body pieces that follow a request head. */
    private DirectExchange bodyOwner;
    private boolean bodyToVertx;
    /** Requests handed to Vert.x whose responses have not ended. */
    private int vertxOwed;
    private ArrayDeque<Object> held;
    /** Reading was switched off here (and only then is it switched back on here: Vert.x pauses too). */
    private boolean readingPaused;
    private String peerText;

    private DirectRequests(List<Server> servers, Duration headTimeout) {
        this.servers = servers.toArray(Server[]::new);
        this.headTimeout = headTimeout;
    }

    /**
     * For {@code HttpServer.connectionHandler}, after the framing guard: puts this handler between
     * the connection's decoder and Vert.x. A connection whose pipeline is not as expected is closed
     * (fail closed: the head deadline would not run either).
     */
    public static void install(HttpConnection connection, List<Server> servers, Duration headTimeout) {
        if (!(connection instanceof ConnectionBase base)) {
            LOG.error("Unknown HTTP connection type {}: closing it", connection.getClass().getName());
            connection.close();
            return;
        }
        ChannelPipeline pipeline = base.channel().pipeline();
        if (pipeline.context(ENCODER) == null || pipeline.context(VERTX_HANDLER) == null) {
            LOG.error("The HTTP/1.x pipeline has no {} or {}: closing the connection", ENCODER, VERTX_HANDLER);
            connection.close();
            return;
        }
        pipeline.addBefore(VERTX_HANDLER, NAME, new DirectRequests(servers, headTimeout));
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        ctx = context;
        wire = context.pipeline().context(ENCODER);
        deadline = new HeadDeadline(context.channel(), headTimeout);
        deadline.arm();
    }

    ChannelHandlerContext wire() {
        return wire;
    }

    /** The peer's address as text: the same for every request on the connection, so made once. */
    String peerText() {
        if (peerText == null && ctx.channel().remoteAddress() instanceof InetSocketAddress inet) {
            peerText = Cidr.format(inet.getAddress().getAddress());
        }
        return peerText;
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (held != null && !held.isEmpty()) {
            hold(msg);
            return;
        }
        route(msg);
    }

    private void route(Object msg) {
        if (msg instanceof HttpRequest head) {
            deadline.disarm();
            Server direct = claimer(head);
            if (exchange != null || (direct != null && vertxOwed > 0)) {
                hold(msg);
                return;
            }
            bodyOwner = null;
            bodyToVertx = false;
            if (direct != null) {
                serve(head, direct);
            } else {
                vertxOwed++;
                bodyToVertx = !(msg instanceof LastHttpContent);
                ctx.fireChannelRead(msg);
            }
            return;
        }
        if (msg instanceof HttpContent content) {
            boolean last = content instanceof LastHttpContent;
            if (bodyToVertx) {
                bodyToVertx = !last;
                ctx.fireChannelRead(msg);
            } else if (bodyOwner != null) {
                DirectExchange owner = bodyOwner;
                if (last) {
                    bodyOwner = null;
                }
                owner.content(content);
            } else {
                content.release();
            }
            return;
        }
        ctx.fireChannelRead(msg);
    }

    /** The server that claims this request (its head decoded without error), or null: Vert.x's. */
    private Server claimer(HttpRequest head) {
        if (head.decoderResult().isSuccess()) {
            for (Server server : servers) {
                if (server.claims(head)) {
                    return server;
                }
            }
        }
        return null;
    }

    private void serve(HttpRequest head, Server server) {
        DirectExchange started = new DirectExchange(this, ctx.channel(), head);
        exchange = started;
        bodyOwner = started;
        try {
            server.serve(started);
        } catch (RuntimeException e) {
            LOG.error("A direct request failed unexpectedly; closing its connection", e);
            started.reset();
        }
    }

    private void hold(Object msg) {
        if (held == null) {
            held = new ArrayDeque<>();
        }
        if (held.size() >= MAX_HELD) {
            ReferenceCountUtil.release(msg);
            ctx.channel().close();
            return;
        }
        held.add(msg);
        pauseReading();
    }

    /** A response ended with the connection kept: the next head is due, and held requests may go. */
    private void responseEnded() {
        deadline.arm();
        while (held != null && !held.isEmpty()) {
            Object next = held.peek();
            if (next instanceof HttpRequest head && (exchange != null || (claimer(head) != null && vertxOwed > 0))) {
                return;
            }
            held.poll();
            route(next);
        }
        if (exchange == null || !exchange.holdsUnread()) {
            resumeReading();
        }
    }

    /** From the exchange: body bytes wait for it to resume. */
    void bodyWaiting() {
        pauseReading();
    }

    /** From the exchange: it took all it held. */
    void bodyDrained() {
        if (held == null || held.isEmpty()) {
            resumeReading();
        }
    }

    /** From the exchange: its response is written (and flushed here). */
    void exchangeEnded(DirectExchange ended, boolean close) {
        if (exchange == ended) {
            exchange = null;
        }
        if (close) {
            wire.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        wire.flush();
        responseEnded();
    }

    private void pauseReading() {
        if (!readingPaused) {
            readingPaused = true;
            ctx.channel().config().setAutoRead(false);
        }
    }

    private void resumeReading() {
        if (readingPaused) {
            readingPaused = false;
            ctx.channel().config().setAutoRead(true);
        }
    }

    /** Vert.x's responses pass here on their way to the encoder: the end of one may free held requests. */
    @Override
    public void write(ChannelHandlerContext context, Object msg, ChannelPromise promise) {
        boolean ends = msg instanceof VertxHttpObject object && object.isEnded();
        context.write(msg, promise);
        if (ends && vertxOwed > 0 && --vertxOwed == 0) {
            deadline.arm();
            if (held != null && !held.isEmpty()) {
                // Not from inside Vert.x's write: it finishes its own bookkeeping of this response first.
                context.executor().execute(this::responseEnded);
            }
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) {
        if (exchange != null) {
            exchange.writabilityChanged();
        }
        context.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        deadline.stop();
        DirectExchange open = exchange;
        exchange = null;
        bodyOwner = null;
        if (open != null) {
            open.connectionClosed();
        }
        while (held != null && !held.isEmpty()) {
            ReferenceCountUtil.release(held.poll());
        }
        context.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext context) {
        if (deadline != null) {
            deadline.stop();
        }
    }
}
