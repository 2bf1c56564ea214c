package dev.gatehouse.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.impl.ConnectionBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;

/**
 * Request framing rules the HTTP/1.1 parser must enforce before any handler sees a request
 * (RFC 9112 §6.1, SECURITY GW-02/GW-03/GW-06). Netty's decoder resolves a request carrying both
 * {@code Transfer-Encoding: chunked} and {@code Content-Length} by dropping the length, and accepts
 * any coding list that contains {@code chunked}; once it has, nothing downstream can tell. So each
 * HTTP/1.x connection's decoder is swapped, as the connection opens, for one that checks the
 * framing headers as parsed and refuses the request as a decoding failure — Vert.x then answers
 * 400 and closes the connection, and the bytes after the head are never parsed as a request:
 * <ul>
 *   <li>{@code Transfer-Encoding} together with {@code Content-Length};</li>
 *   <li>{@code Transfer-Encoding} in an HTTP/1.0 request;</li>
 *   <li>any {@code Transfer-Encoding} other than one line holding exactly {@code chunked} (Gatehouse
 *   implements no other coding; a repeated line, a list, an unknown coding and a value rebuilt from
 *   obs-fold, which keeps its leading space, all fail).</li>
 * </ul>
 * {@code CONNECT} and {@code TRACE} are refused the same way (SECURITY GW-18): Gatehouse is neither a
 * tunnel nor an echo, on any endpoint.
 * It also makes {@code Connection: close, X-Foo} close the connection (RFC 9112 §9.6): Vert.x only
 * recognises the exact value {@code close}, so the token gets a line of its own; the nominated
 * fields stay for the gateway's hop-by-hop removal.
 */
public final class FramingGuard {

    private static final Logger LOG = LoggerFactory.getLogger(FramingGuard.class);
    /** The name Vert.x 5 gives its HTTP/1.x request decoder in the channel pipeline. */
    static final String DECODER = "httpDecoder";

    private FramingGuard() {
    }

    /**
     * For {@code HttpServer.connectionHandler}, before anything else: replaces the connection's
     * request decoder. Runs on the event loop as the pipeline is built, before the first byte is
     * read. A connection whose decoder cannot be replaced is closed (fail closed, e.g. after a
     * Vert.x upgrade moved the decoder); HTTP/2 connections (TLS ALPN) have no HTTP/1.x decoder.
     */
    public static void install(HttpConnection connection, HttpServerOptions options) {
        if (!(connection instanceof ConnectionBase base)) {
            LOG.error("Unknown HTTP connection type {}: closing it, request framing cannot be checked",
                    connection.getClass().getName());
            connection.close();
            return;
        }
        ChannelPipeline pipeline = base.channel().pipeline();
        ChannelHandler decoder = pipeline.get(DECODER);
        if (decoder instanceof StrictDecoder) {
            return;
        }
        if (decoder instanceof VertxHttpRequestDecoder) {
            pipeline.replace(DECODER, DECODER, new StrictDecoder(options));
        } else if (pipeline.get(HttpRequestDecoder.class) != null) {
            LOG.error("The HTTP/1.x decoder is not named {}: closing the connection", DECODER);
            connection.close();
        }
    }

    /** Why a request's framing headers were refused; the message is for the debug log, never the client. */
    static final class FramingException extends IllegalArgumentException {
        FramingException(String message) {
            super(message);
        }
    }

    /**
     * Vert.x's decoder (header interning, its header map) plus the checks above, once the head is
     * parsed; a common bodyless head at the start of a message is parsed by {@link FastRequestHead}
     * instead, into the same objects.
     */
    static final class StrictDecoder extends VertxHttpRequestDecoder {

        /** Null when only the general decoder parses (to compare the two in tests). */
        private final FastRequestHead fast;
        private final MessageStart start = new MessageStart();

        StrictDecoder(HttpServerOptions options) {
            this(options, true);
        }

        StrictDecoder(HttpServerOptions options, boolean fastHeads) {
            super(options);
            this.fast = fastHeads ? new FastRequestHead(options.getMaxInitialLineLength(), options.getMaxHeaderSize(),
                    this::splitHeaderName) : null;
        }

        /**
         * Vert.x's names, but only for the bytes they spell: Vert.x 5.0.7 interns {@code Content-Length}
         * and {@code Content-Type} without looking at their ninth byte, so {@code Content-Jength: 5} was
         * read as a length — a framing field no proxy in front would see (found by the fast parser's fuzz
         * target, where the fast parser, comparing every byte, disagreed).
         */
        @Override
        protected AsciiString splitHeaderName(byte[] bytes, int start, int length) {
            AsciiString name = super.splitHeaderName(bytes, start, length);
            return HeadScan.is(bytes, start, length, name) ? name
                    : new AsciiString(bytes, start, length, true);
        }

        /** A field name as this decoder makes it (for tests of the fast parser). */
        AsciiString name(byte[] bytes, int start, int length) {
            return splitHeaderName(bytes, start, length);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
            if (fast != null && start.open()) {
                HttpRequest request = fast.decode(buffer);
                if (request != null) {
                    out.add(request);
                    out.add(LastHttpContent.EMPTY_LAST_CONTENT);
                    return;
                }
            }
            int before = out.size();
            super.decode(ctx, buffer, out);
            start.afterGeneral(out, before);
        }

        /**
         * Netty calls this for every message once all its fields are parsed (Content-Length already
         * validated) and before it chooses the body framing; an exception here makes the message a
         * decoding failure.
         */
        @Override
        protected boolean isContentAlwaysEmpty(HttpMessage message) {
            check(message);
            return super.isContentAlwaysEmpty(message);
        }
    }

    static void check(HttpMessage message) {
        if (message instanceof HttpRequest request
                && (request.method().equals(HttpMethod.CONNECT) || request.method().equals(HttpMethod.TRACE))) {
            throw new FramingException("method " + request.method());
        }
        HttpHeaders headers = message.headers();
        List<String> codings = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
        if (!codings.isEmpty()) {
            if (!message.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
                throw new FramingException("Transfer-Encoding in an HTTP/1.0 request");
            }
            if (headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
                throw new FramingException("both Transfer-Encoding and Content-Length");
            }
            if (codings.size() != 1 || !codings.get(0).equalsIgnoreCase("chunked")) {
                throw new FramingException("unsupported Transfer-Encoding");
            }
        }
        List<String> connection = headers.getAll(HttpHeaderNames.CONNECTION);
        if (!connection.isEmpty() && connection.stream().noneMatch(v -> v.equalsIgnoreCase("close"))
                && connection.stream().flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .anyMatch(token -> token.trim().toLowerCase(Locale.ROOT).equals("close"))) {
            headers.add(HttpHeaderNames.CONNECTION, "close");
        }
    }
}
