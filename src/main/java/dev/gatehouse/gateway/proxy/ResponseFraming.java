package dev.gatehouse.gateway.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpVersion;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;

/**
 * Backend response framing (RFC 9112 §6.3, SECURITY GW-19): a response carrying both
 * {@code Transfer-Encoding} and {@code Content-Length} is refused, not resolved in favour of
 * chunked as Netty's client codec does silently; so is any coding but a single {@code chunked}, and
 * a {@code Transfer-Encoding} in an HTTP/1.0 response (two Content-Lengths Netty refuses already).
 * A refused head fails the exchange — the gateway answers 502 — and Vert.x closes that backend
 * connection, so it is never reused. Installed by replacing each client connection's codec as it
 * connects; the replacement keeps Vert.x's pipeline name and, like {@link HttpClientCodec}, knows
 * that the answer to {@code HEAD} has no body.
 */
final class ResponseFraming {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseFraming.class);
    /** The name Vert.x 5 gives its HTTP/1.x client codec in the channel pipeline. */
    static final String CODEC = "codec";

    private ResponseFraming() {
    }

    /** For the HTTP client's connect handler. A connection whose codec cannot be replaced is closed. */
    static void install(HttpConnection connection, HttpClientOptions options) {
        if (!(connection instanceof ConnectionBase base)) {
            LOG.error("Unknown HTTP client connection type {}: closing it, response framing cannot be checked",
                    connection.getClass().getName());
            connection.close();
            return;
        }
        // A refused head surfaces here (else Vert.x logs it at ERROR without saying which backend).
        connection.exceptionHandler(e -> LOG.warn("Backend connection to {} failed: {}", connection.remoteAddress(),
                e.getMessage()));
        ChannelPipeline pipeline = base.channel().pipeline();
        if (pipeline.get(CODEC) instanceof HttpClientCodec) {
            pipeline.replace(CODEC, CODEC, new Codec(options));
        } else if (!(pipeline.get(CODEC) instanceof Codec)) {
            LOG.error("No HTTP/1.x client codec named {} in the pipeline: closing the backend connection", CODEC);
            connection.close();
        }
    }

    /** Why a backend's response head was refused. */
    static final class FramingException extends IllegalArgumentException {
        FramingException(String message) {
            super(message);
        }
    }

    static void check(HttpMessage message) {
        HttpHeaders headers = message.headers();
        List<String> codings = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
        if (codings.isEmpty()) {
            return;
        }
        if (!message.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
            throw new FramingException("Transfer-Encoding in an HTTP/1.0 response");
        }
        if (headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            throw new FramingException("both Transfer-Encoding and Content-Length");
        }
        if (codings.size() != 1 || !codings.get(0).equalsIgnoreCase("chunked")) {
            throw new FramingException("unsupported Transfer-Encoding");
        }
    }

    /** Request encoder and strict response decoder; the methods sent pair each response with its request. */
    static final class Codec extends CombinedChannelDuplexHandler<HttpResponseDecoder, HttpRequestEncoder> {

        Codec(HttpClientOptions options) {
            Queue<HttpMethod> sent = new ArrayDeque<>();
            init(new Decoder(options, sent), new Encoder(sent));
        }
    }

    private static final class Encoder extends HttpRequestEncoder {
        private final Queue<HttpMethod> sent;

        Encoder(Queue<HttpMethod> sent) {
            this.sent = sent;
        }

        @Override
        protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) throws Exception {
            if (msg instanceof HttpRequest request) {
                sent.offer(request.method());
            }
            super.encode(ctx, msg, out);
        }
    }

    private static final class Decoder extends HttpResponseDecoder {
        private final Queue<HttpMethod> sent;

        Decoder(HttpClientOptions options, Queue<HttpMethod> sent) {
            super(options.getMaxInitialLineLength(), options.getMaxHeaderSize(), options.getMaxChunkSize());
            this.sent = sent;
        }

        /** Called once per response head, with every field parsed and before the body framing is chosen. */
        @Override
        protected boolean isContentAlwaysEmpty(HttpMessage message) {
            check(message);
            int status = ((HttpResponse) message).status().code();
            if (status >= 100 && status < 200 && status != 101) {
                return super.isContentAlwaysEmpty(message); // an interim answer: the final one is still to come
            }
            HttpMethod method = sent.poll();
            return HttpMethod.HEAD.equals(method) || super.isContentAlwaysEmpty(message);
        }
    }
}
