package dev.gatehouse.gateway.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpVersion;

import java.util.List;

/**
 * Backend response framing (RFC 9112 §6.3, SECURITY GW-19): a response carrying both
 * {@code Transfer-Encoding} and {@code Content-Length} is refused, not resolved in favour of
 * chunked as Netty's decoder does silently; so is any coding but a single {@code chunked}, and a
 * {@code Transfer-Encoding} in an HTTP/1.0 response (two Content-Lengths Netty refuses already).
 * {@link BackendResponseDecoder} runs the check on every head; a refused head fails the exchange —
 * the gateway answers 502 — and closes that backend connection, so it is never reused.
 */
final class ResponseFraming {

    private ResponseFraming() {
    }

    /** Why a backend's response head was refused. */
    static final class FramingException extends IllegalArgumentException {
        FramingException(String message) {
            super(message);
        }
    }

    static void check(HttpMessage message) {
        HttpHeaders headers = message.headers();
        if (!headers.contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            return;
        }
        List<String> codings = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
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
}
