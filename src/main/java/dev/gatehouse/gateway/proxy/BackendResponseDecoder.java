package dev.gatehouse.gateway.proxy;

import dev.gatehouse.net.MessageStart;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.util.AsciiString;

import java.util.List;

/**
 * A backend connection's strict response decoder: every head passes {@link ResponseFraming#check}
 * (GW-19: a refused head becomes a failed decoder result, and the exchange closes the connection),
 * and the answer to a {@code HEAD} request has no body whatever length it announces. One request is
 * in flight per connection, so the method to pair with is a flag, not a queue. A common response
 * whose head and body are all in the buffer is parsed by {@link FastResponseHead} instead, into the
 * same objects.
 */
final class BackendResponseDecoder extends HttpResponseDecoder {

    private static final int MAX_INITIAL_LINE = 8192;
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int MAX_CHUNK = 16 * 1024;

    /** Null when only the general decoder parses (to compare the two in tests). */
    private final FastResponseHead fast;
    private final MessageStart start = new MessageStart();
    private boolean answeringHead;

    BackendResponseDecoder() {
        this(true);
    }

    BackendResponseDecoder(boolean fastHeads) {
        super(new HttpDecoderConfig().setMaxInitialLineLength(MAX_INITIAL_LINE).setMaxHeaderSize(MAX_HEADER_BYTES)
                .setMaxChunkSize(MAX_CHUNK));
        this.fast = fastHeads && HeadDecoderResult.AVAILABLE ? new FastResponseHead(new FastResponseHead.Decoding(
                MAX_INITIAL_LINE, MAX_HEADER_BYTES, MAX_CHUNK, headersFactory, trailersFactory, this::splitHeaderName))
                : null;
    }

    /** Set before each request is written. */
    void expect(boolean head) {
        this.answeringHead = head;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
        if (fast != null && !answeringHead && start.open() && fast.decode(buffer, out)) {
            return;
        }
        int before = out.size();
        super.decode(ctx, buffer, out);
        start.afterGeneral(out, before);
    }

    /** The general decoder passes the bytes after such a switch through as they come: none is a response. */
    @Override
    protected boolean isSwitchingToNonHttp1Protocol(HttpResponse message) {
        boolean switching = super.isSwitchingToNonHttp1Protocol(message);
        if (switching) {
            start.stop();
        }
        return switching;
    }

    /** Common names shared, not made anew (for the general decoder and, through it, the fast parser). */
    @Override
    protected AsciiString splitHeaderName(byte[] bytes, int start, int length) {
        return ResponseFieldNames.name(bytes, start, length);
    }

    /** Called once per response head, with every field parsed and before the body framing is chosen. */
    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage message) {
        ResponseFraming.check(message);
        int status = ((HttpResponse) message).status().code();
        if (status >= 100 && status < 200 && status != 101) {
            return super.isContentAlwaysEmpty(message); // an interim answer: the final one is still to come
        }
        return answeringHead || super.isContentAlwaysEmpty(message);
    }
}
