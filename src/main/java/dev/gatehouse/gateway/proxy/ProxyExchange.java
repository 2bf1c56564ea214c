package dev.gatehouse.gateway.proxy;

import dev.gatehouse.gateway.GatewayError;
import dev.gatehouse.net.DirectExchange;
import dev.gatehouse.net.ResponseHead;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One proxied request, run entirely on the caller's event loop: connect or reuse a backend
 * connection, write the request head (and stream the caller's body, pausing the caller while the
 * backend cannot take more), then relay the response. A response that arrives whole is written to
 * the caller in one piece (status, fields and body, one flush); a longer one is streamed, the backend
 * read paused while the caller's queue is full.
 * <p>
 * The outcome is reported exactly once, before anything is written to the caller: the backend's
 * status, or the refusal the gateway answers instead (504 when no status line came within the
 * integration timeout, 502 when the backend could not be reached or answered with broken or
 * ambiguous framing). After a refusal, a timeout, a caller gone or a broken body the backend
 * connection is closed; otherwise it goes back to the pool.
 * <p>
 * A pooled connection can be closed by the backend (its keep-alive timeout, a restart) just as a
 * request goes out on it: then nothing comes back but the close. A request without a body and with
 * an idempotent method (RFC 9110 §9.2.2) is then sent once more, on a new connection, within the
 * same integration timeout, as nginx and browsers do; any other request gets its 502.
 */
final class ProxyExchange implements Forwarder.Forwarding {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyExchange.class);
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

    private BackendPool pool;
    private final BackendTarget target;
    private final DirectExchange caller;
    private final Consumer<ResponseHead> stamp;
    private final int timeoutMillis;
    private final boolean requestHasBody;
    private final boolean requestChunked;
    private final boolean headRequest;
    /** Whether the request may be sent again when a pooled connection closes before answering it. */
    private final boolean replayable;
    private final Consumer<Forwarder.Outcome> done;
    private ByteBuf head;
    /** The head once more, while the request went out on a pooled connection that has answered nothing yet. */
    private ByteBuf replay;
    private ScheduledFuture<?> timer;
    private BackendConnection backend;
    /** The outcome was reported: no second one, ever. */
    private boolean reported;
    /** Nothing more to do: the backend connection, if any, has been released or closed. */
    private boolean finished;
    private boolean requestSent;
    /** The backend's final response head, once it arrived. */
    private HttpResponse response;
    private boolean interim;
    /** The caller's response head, once the backend's status is final. */
    private ResponseHead callerHead;
    private boolean outboundStarted;

    ProxyExchange(BackendTarget target, ByteBuf head, DirectExchange caller, Consumer<ResponseHead> stamp,
                  int timeoutMillis, String method, boolean requestHasBody, boolean requestChunked,
                  Consumer<Forwarder.Outcome> done) {
        this.target = target;
        this.head = head;
        this.caller = caller;
        this.stamp = stamp;
        this.timeoutMillis = timeoutMillis;
        this.requestHasBody = requestHasBody;
        this.requestChunked = requestChunked;
        this.headRequest = "HEAD".equals(method);
        this.replayable = !requestHasBody && IDEMPOTENT.contains(method);
        this.done = done;
    }

    /** On the pool's loop. */
    void start(BackendPool loopPool) {
        pool = loopPool;
        if (finished) {
            releaseHead();
            return;
        }
        timer = pool.loop().schedule(this::timedOut, timeoutMillis, TimeUnit.MILLISECONDS);
        if (!requestHasBody) {
            caller.resume(); // nothing to read but the end of the request
        }
        BackendConnection idle = pool.takeIdle(target.origin());
        if (idle != null) {
            if (replayable) {
                replay = head.retainedDuplicate();
            }
            send(idle);
            return;
        }
        connect();
    }

    private void connect() {
        BackendConnection fresh = new BackendConnection(pool, target.origin());
        pool.connect(fresh, timeoutMillis).addListener((ChannelFuture connected) -> {
            if (!connected.isSuccess()) {
                fail(connected.cause() instanceof ConnectException ? "integration_connect_failed" : "integration_failed",
                        connected.cause());
            } else if (finished) {
                pool.release(fresh); // unused: as good as any idle connection
            } else {
                send(fresh);
            }
        });
    }

    private void send(BackendConnection connection) {
        if (!connection.channel.isActive()) { // closed while connecting (a failed TLS set-up, say): no close event will come
            fail("integration_failed", null);
            return;
        }
        backend = connection;
        connection.exchange = this;
        connection.decoder.expect(headRequest);
        Channel channel = connection.channel;
        ByteBuf bytes = head;
        head = null;
        if (!requestHasBody) {
            requestSent = true;
            channel.writeAndFlush(bytes, channel.voidPromise());
            return;
        }
        channel.writeAndFlush(bytes, channel.voidPromise());
        caller.body(this::bodyChunk, this::bodyEnd);
        caller.resume();
    }

    /** A piece of the caller's body (owned here: written on, or released). */
    private void bodyChunk(ByteBuf data) {
        BackendConnection connection = backend;
        if (finished || connection == null) {
            data.release();
            return;
        }
        Channel channel = connection.channel;
        if (requestChunked) {
            channel.write(Unpooled.wrappedBuffer(Integer.toHexString(data.readableBytes()).getBytes(StandardCharsets.US_ASCII)),
                    channel.voidPromise());
            channel.write(Unpooled.wrappedBuffer(CRLF), channel.voidPromise());
            channel.write(data, channel.voidPromise());
            channel.writeAndFlush(Unpooled.wrappedBuffer(CRLF), channel.voidPromise());
        } else {
            channel.writeAndFlush(data, channel.voidPromise());
        }
        if (!channel.isWritable()) {
            caller.pause(); // resumed by onBackendWritable
        }
    }

    private void bodyEnd() {
        BackendConnection connection = backend;
        if (finished || connection == null) {
            return;
        }
        if (requestChunked) {
            connection.channel.writeAndFlush(Unpooled.wrappedBuffer(LAST_CHUNK), connection.channel.voidPromise());
        }
        requestSent = true;
    }

    void onBackendWritable() {
        if (!requestSent && !finished) {
            caller.resume();
        }
    }

    void onBackendMessage(Object message) {
        try {
            if (finished) {
                return;
            }
            releaseReplay(); // the backend answers: whatever it says, the request is not sent again
            if (message instanceof HttpResponse head && onHead(head)) {
                return;
            }
            if (message instanceof HttpContent content) {
                onContent(content);
            }
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    /** True when the exchange is over (refused, or too late). */
    private boolean onHead(HttpResponse head) {
        if (head.decoderResult().isFailure()) {
            LOG.warn("Backend {}:{} answered with a response the gateway refuses: {}", target.origin().host(),
                    target.origin().port(), head.decoderResult().cause().getMessage());
            fail("integration_failed", null);
            return true;
        }
        int code = head.status().code();
        if (code >= 100 && code < 200) {
            if (code == 101) { // the gateway never asks to switch protocols (Upgrade is hop-by-hop)
                fail("integration_failed", null);
                return true;
            }
            interim = true;
            return false;
        }
        timer.cancel(false);
        response = head;
        return false;
    }

    private void onContent(HttpContent content) {
        if (interim) {
            interim = !(content instanceof LastHttpContent);
            return;
        }
        if (response == null) {
            return;
        }
        if (content.decoderResult().isFailure()) {
            // The backend broke off (or garbled) the body: the caller must not take a truncated body for a whole one.
            abort("integration_failed", content.decoderResult().cause());
            return;
        }
        if (!reported) {
            if (caller.closed()) {
                cancel();
                return;
            }
            report(new Forwarder.Outcome(response.status().code(), null));
            callerHead = responseHead();
        }
        ByteBuf data = content.content().retain(); // the caller's write releases it; the finally block, the message
        if (content instanceof LastHttpContent) {
            // When nothing was written yet this is the whole response in one write (its length computed if the
            // backend sent none); else the last piece of a streamed one.
            if (outboundStarted) {
                caller.end(data);
            } else {
                caller.respond(callerHead, data);
            }
            complete();
            return;
        }
        if (!outboundStarted) {
            outboundStarted = true;
            caller.start(callerHead);
        }
        caller.write(data);
        BackendConnection connection = backend; // null if the write found the caller gone (and cancelled us)
        if (connection != null && caller.writeQueueFull()) {
            connection.channel.config().setAutoRead(false);
            caller.drainHandler(() -> {
                if (!finished && backend == connection) {
                    connection.channel.config().setAutoRead(true);
                }
            });
        }
    }

    /** The backend's status and end-to-end fields, with the gateway's own, once they are what the caller gets. */
    private ResponseHead responseHead() {
        int code = response.status().code();
        String reason = response.status().reasonPhrase();
        ResponseHead out = new ResponseHead(code, reason.equals(HttpResponseStatus.valueOf(code).reasonPhrase()) ? null : reason);
        ProxyHeaders.toCaller(response.headers(), out::add);
        stamp.accept(out);
        return out;
    }

    void onBackendClosed() {
        if (finished) {
            return;
        }
        if (replay != null) {
            sendAgain();
            return;
        }
        abort("integration_failed", null);
    }

    /** The pooled connection closed without a byte of answer: the same head once more, on a new connection. */
    private void sendAgain() {
        LOG.debug("Backend {}:{} closed a pooled connection unanswered; sending the request again on a new one",
                target.origin().host(), target.origin().port());
        backend.exchange = null;
        backend = null;
        requestSent = false;
        head = replay;
        replay = null;
        connect();
    }

    private void timedOut() {
        if (finished || reported) {
            return;
        }
        report(new Forwarder.Outcome(504, GatewayError.timeout()));
        finish(false);
    }

    /** The caller went away: whatever the backend still sends has nowhere to go. */
    @Override
    public void cancel() {
        if (!finished) {
            finish(false);
        }
    }

    /** Fails before anything reached the caller (502); after that, cuts the caller's response short. */
    private void abort(String reason, Throwable cause) {
        if (outboundStarted) {
            LOG.debug("Backend {}:{} broke off a response", target.origin().host(), target.origin().port(), cause);
            finish(false);
            caller.reset();
        } else {
            fail(reason, cause);
        }
    }

    private void fail(String reason, Throwable cause) {
        if (cause != null) {
            LOG.debug("Backend {}:{} failed", target.origin().host(), target.origin().port(), cause);
        }
        report(new Forwarder.Outcome(502, GatewayError.integrationFailure(reason)));
        finish(false);
    }

    private void report(Forwarder.Outcome outcome) {
        if (!reported) {
            reported = true;
            done.accept(outcome);
        }
    }

    /** The head is a pooled buffer until it is written. */
    private void releaseHead() {
        if (head != null) {
            head.release();
            head = null;
        }
        releaseReplay();
    }

    private void releaseReplay() {
        if (replay != null) {
            replay.release();
            replay = null;
        }
    }

    private void complete() {
        finish(requestSent && HttpUtil.isKeepAlive(response));
    }

    private void finish(boolean reusable) {
        finished = true;
        if (timer != null) {
            timer.cancel(false);
        }
        releaseHead();
        BackendConnection connection = backend;
        backend = null;
        if (connection != null) {
            if (reusable) {
                pool.release(connection);
            } else {
                connection.close();
            }
        }
    }
}
