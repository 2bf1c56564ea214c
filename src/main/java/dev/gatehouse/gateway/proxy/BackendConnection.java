package dev.gatehouse.gateway.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One keep-alive connection to a backend origin, the last handler of its pipeline: it hands the
 * decoded response to the exchange it currently serves. Anything a backend sends while the
 * connection is idle in the pool has no request to answer, so the connection is closed.
 */
final class BackendConnection extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(BackendConnection.class);

    final BackendTarget.Origin origin;
    final BackendResponseDecoder decoder = new BackendResponseDecoder();
    private final BackendPool pool;
    Channel channel;
    /** The exchange being served; null while idle. */
    ProxyExchange exchange;
    /** When it was put back in the pool ({@link System#nanoTime()}). */
    long idleSince;

    BackendConnection(BackendPool pool, BackendTarget.Origin origin) {
        this.pool = pool;
        this.origin = origin;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ProxyExchange current = exchange;
        if (current != null) {
            current.onBackendMessage(msg);
        } else {
            ReferenceCountUtil.release(msg);
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        pool.forget(this);
        ProxyExchange current = exchange;
        if (current != null) {
            current.onBackendClosed();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ProxyExchange current = exchange;
        if (current != null && ctx.channel().isWritable()) {
            current.onBackendWritable();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("Backend connection to {}:{} failed: {}", origin.host(), origin.port(), cause.toString());
        ctx.close();
    }

    void close() {
        exchange = null;
        if (channel != null) {
            channel.close();
        }
    }
}
