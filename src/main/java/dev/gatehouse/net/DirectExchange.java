package dev.gatehouse.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.impl.headers.HeadersMultiMap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * One request served directly on its connection's Netty channel ({@link DirectRequests}), and its
 * response: what Vert.x's request and response objects gave the gateway, without their per-request
 * objects and context hops. Used on the connection's event loop only.
 * <p>
 * The request: its head as the listener's decoder parsed it (fields in Vert.x's header map), the
 * peer, and the body, handed in order to one consumer. The body starts paused: nothing of it is
 * handed on before {@link #resume()} (the gateway reads no body before the caller is authorized).
 * Reading from the socket stops only when body bytes arrive that cannot be handed on, so a request
 * without a body never touches the channel's read interest.
 * <p>
 * The response: a {@link ResponseHead}, then the body whole ({@link #respond}) or streamed
 * ({@link #start}, {@link #write}, {@link #end}), written as raw bytes past the listener's encoder.
 * This class frames it: no body for HEAD, 1xx, 204 and 304; a whole body gets its
 * {@code Content-Length}; a streamed one keeps the length it was given, else is chunked, or for an
 * HTTP/1.0 caller delimited by closing the connection. The connection closes after the response
 * when the caller asked for it, when the request body was not all read by the time the head went
 * out (what is left of it cannot be told from the next request), or on {@link #reset()}.
 */
public final class DirectExchange {

    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** Bodies up to this size go out in the head's buffer (a copy costs less than a second piece). */
    static final int INLINE_BODY = 2048;

    private final DirectRequests connection;
    private final Channel channel;
    private final HttpRequest head;
    private final MultiMap headers;
    private final boolean chunked;
    private final boolean hasBody;

    private Consumer<ByteBuf> bodyChunks;
    private Runnable bodyEnd;
    private boolean paused = true;
    /** Body pieces that arrived while paused (or before a consumer was set), in order. */
    private ArrayDeque<HttpContent> unread;
    /** The request's last body piece came off the wire. */
    private boolean bodyComplete;
    private boolean bodyEndDelivered;

    private boolean headSent;
    private boolean ended;
    private boolean closed;
    private boolean bodyless;
    private boolean chunkedOut;
    private boolean closeAfter;
    private Runnable drainHandler;
    private Runnable closeHandler;
    private Runnable endHandler;

    DirectExchange(DirectRequests connection, Channel channel, HttpRequest head) {
        this.connection = connection;
        this.channel = channel;
        this.head = head;
        this.headers = head.headers() instanceof MultiMap map ? map : copy(head.headers());
        this.chunked = headers.contains(HttpHeaderNames.TRANSFER_ENCODING);
        String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        this.hasBody = chunked || (length != null && !length.equals("0"));
        // Without a body the decoder's empty last piece is a formality: the request is whole already.
        this.bodyComplete = !hasBody;
    }

    // ------------------------------------------------------------------ request

    public HttpMethod method() {
        return head.method();
    }

    /** The request target as sent (origin form, or absolute form). */
    public String uri() {
        return head.uri();
    }

    public MultiMap headers() {
        return headers;
    }

    public String header(CharSequence name) {
        return headers.get(name);
    }

    /** The TCP peer's address as {@link Cidr#format} writes it, made once per connection; null when unknown. */
    public String peerText() {
        return connection.peerText();
    }

    public boolean ssl() {
        return channel.pipeline().get(SslHandler.class) != null;
    }

    /** Whether the request announces a body (chunked, or a non-zero length). */
    public boolean hasBody() {
        return hasBody;
    }

    public boolean isChunked() {
        return chunked;
    }

    /**
     * Where the body goes: each non-empty piece to {@code chunks} (which then owns the buffer and must
     * release or write it), then {@code end} once. Pieces flow only while not paused.
     */
    public void body(Consumer<ByteBuf> chunks, Runnable end) {
        this.bodyChunks = chunks;
        this.bodyEnd = end;
    }

    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
        deliverUnread();
        if (!paused && unread == null) {
            connection.bodyDrained();
        }
    }

    /** Body pieces are waiting for {@link #resume()}: the connection reads no more meanwhile. */
    boolean holdsUnread() {
        return unread != null;
    }

    /** From the connection: the next piece of this request's body. */
    void content(HttpContent content) {
        if (content.decoderResult().isFailure()) { // broken chunk framing: the rest of the stream means nothing
            content.release();
            bodyComplete = true;
            reset();
            return;
        }
        if (content instanceof LastHttpContent) {
            bodyComplete = true;
        }
        if (ended || closed) {
            content.release();
            return;
        }
        if (paused || bodyChunks == null || unread != null) {
            if (!content.content().isReadable() && !(content instanceof LastHttpContent)) {
                content.release();
                return;
            }
            if (unread == null) {
                unread = new ArrayDeque<>(4);
            }
            unread.add(content);
            if (content.content().isReadable()) {
                connection.bodyWaiting();
            }
            return;
        }
        deliver(content);
    }

    private void deliverUnread() {
        while (unread != null && !paused && bodyChunks != null) {
            HttpContent next = unread.poll();
            if (unread.isEmpty()) {
                unread = null;
            }
            if (next == null) {
                return;
            }
            deliver(next);
        }
    }

    private void deliver(HttpContent content) {
        ByteBuf data = content.content();
        if (data.isReadable()) {
            bodyChunks.accept(data); // the consumer owns it now
        } else {
            content.release();
        }
        if (content instanceof LastHttpContent && !bodyEndDelivered) {
            bodyEndDelivered = true;
            bodyEnd.run();
        }
    }

    // ------------------------------------------------------------------ response

    public boolean headSent() {
        return headSent;
    }

    public boolean ended() {
        return ended;
    }

    public boolean closed() {
        return closed;
    }

    /** Runs once if the connection closes before the response ended. */
    public void closeHandler(Runnable handler) {
        this.closeHandler = handler;
    }

    /** Runs once when the response ended, or the connection closed before it did (after the close handler). */
    public void endHandler(Runnable handler) {
        this.endHandler = handler;
    }

    public void writeContinue() {
        if (!headSent && !closed) {
            connection.wire().writeAndFlush(Unpooled.wrappedBuffer(CONTINUE), channel.voidPromise());
        }
    }

    /** The whole response: {@code head}, then {@code body} (may be null) with its length. */
    public void respond(ResponseHead responseHead, ByteBuf body) {
        respond(responseHead, body, false);
    }

    /** As {@link #respond(ResponseHead, ByteBuf)}; {@code close}: close the connection after it. */
    public void respond(ResponseHead responseHead, ByteBuf body, boolean close) {
        if (ended || closed || headSent) {
            release(body);
            return;
        }
        closeAfter |= close;
        bodyless = bodylessFor(responseHead.status());
        long length = bodyless || responseHead.hasContentLength() ? -1 : (body == null ? 0 : body.readableBytes());
        boolean sendBody = body != null && body.isReadable() && !bodyless;
        // A small body is copied behind the head: one buffer, one piece for the socket to send.
        boolean inline = sendBody && body.readableBytes() <= INLINE_BODY;
        ByteBuf bytes = finishHead(responseHead, length, false, inline ? body : null);
        if (bytes != null) {
            connection.wire().write(bytes, channel.voidPromise());
        }
        if (bytes != null && sendBody && !inline) {
            connection.wire().write(body, channel.voidPromise());
        } else {
            release(body);
        }
        if (bytes != null) {
            complete();
        }
    }

    /** The head of a streamed response; the body follows with {@link #write} and {@link #end}. */
    public void start(ResponseHead responseHead) {
        if (ended || closed || headSent) {
            return;
        }
        bodyless = bodylessFor(responseHead.status());
        boolean chunked = false;
        if (!bodyless && !responseHead.hasContentLength()) {
            if (head.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
                chunked = true;
            } else {
                closeAfter = true; // HTTP/1.0 has no chunking: the end of the connection ends the body
            }
        }
        chunkedOut = chunked;
        ByteBuf bytes = finishHead(responseHead, -1, chunked, null);
        if (bytes != null) {
            connection.wire().write(bytes, channel.voidPromise());
        }
    }

    /** A piece of a streamed body (this method owns {@code data}). */
    public void write(ByteBuf data) {
        if (!headSent || ended || closed || bodyless || !data.isReadable()) {
            data.release();
            return;
        }
        if (chunkedOut) {
            connection.wire().write(Unpooled.wrappedBuffer(
                    Integer.toHexString(data.readableBytes()).getBytes(StandardCharsets.US_ASCII), CRLF), channel.voidPromise());
            connection.wire().write(data, channel.voidPromise());
            connection.wire().writeAndFlush(Unpooled.wrappedBuffer(CRLF), channel.voidPromise());
        } else {
            connection.wire().writeAndFlush(data, channel.voidPromise());
        }
    }

    /** The last piece of a streamed body ({@code data} may be null). */
    public void end(ByteBuf data) {
        if (!headSent || ended || closed) {
            release(data);
            return;
        }
        if (data != null) {
            write(data);
        }
        if (chunkedOut) {
            connection.wire().write(Unpooled.wrappedBuffer(LAST_CHUNK), channel.voidPromise());
        }
        complete();
    }

    /** The caller cannot take more now; {@link #drainHandler} hears when it can. */
    public boolean writeQueueFull() {
        return !channel.isWritable();
    }

    public void drainHandler(Runnable handler) {
        this.drainHandler = handler;
    }

    /** Breaks the response off: the connection closes (HTTP/1.1 has no other way). */
    public void reset() {
        if (!closed) {
            channel.close();
        }
    }

    private ByteBuf finishHead(ResponseHead responseHead, long contentLength, boolean chunked, ByteBuf body) {
        if (!bodyComplete) {
            closeAfter = true; // what is left of the request body cannot be told from the next request
        }
        boolean keepAlive = HttpUtil.isKeepAlive(head);
        closeAfter |= !keepAlive;
        String connectionField = closeAfter ? "close"
                : head.protocolVersion().equals(HttpVersion.HTTP_1_0) ? "keep-alive" : null;
        ByteBuf bytes = responseHead.finish(contentLength, chunked, connectionField, body);
        headSent = true;
        if (bytes == null) { // a field that cannot be sent: the response cannot be, either
            reset();
        }
        return bytes;
    }

    private void complete() {
        ended = true;
        drainHandler = null;
        releaseUnread();
        Runnable end = endHandler;
        endHandler = null;
        if (end != null) {
            end.run(); // before the connection moves on to a pipelined request, whose own line follows
        }
        connection.exchangeEnded(this, closeAfter);
    }

    /** From the connection: it closed. */
    void connectionClosed() {
        if (closed) {
            return;
        }
        closed = true;
        releaseUnread();
        if (!ended) {
            Runnable close = closeHandler;
            Runnable end = endHandler;
            closeHandler = null;
            endHandler = null;
            if (close != null) {
                close.run();
            }
            if (end != null) {
                end.run();
            }
        }
    }

    private void releaseUnread() {
        while (unread != null && !unread.isEmpty()) {
            unread.poll().release();
        }
        unread = null;
    }

    /** Runs {@code task} on this connection's event loop: now if this is it, else queued there. */
    public void onLoop(Runnable task) {
        if (channel.eventLoop().inEventLoop()) {
            task.run();
        } else {
            channel.eventLoop().execute(task);
        }
    }

    public io.netty.channel.EventLoop eventLoop() {
        return channel.eventLoop();
    }

    /** From the connection: its writability changed. */
    void writabilityChanged() {
        Runnable drain = drainHandler;
        if (drain != null && channel.isWritable()) {
            drainHandler = null;
            drain.run();
        }
    }

    /** No body goes out for these, whatever the length field says (RFC 9110 §6.4.1). */
    private boolean bodylessFor(int status) {
        return status < 200 || status == 204 || status == 304 || head.method().equals(HttpMethod.HEAD);
    }

    private static void release(ByteBuf buffer) {
        if (buffer != null) {
            buffer.release();
        }
    }

    private static MultiMap copy(io.netty.handler.codec.http.HttpHeaders nettyHeaders) {
        HeadersMultiMap map = HeadersMultiMap.httpHeaders();
        nettyHeaders.forEach(field -> map.add(field.getKey(), field.getValue()));
        return map;
    }
}
