package dev.gatehouse.gateway.proxy;

import dev.gatehouse.net.HeadBytes;
import io.netty.buffer.ByteBuf;

/**
 * A backend request's line and fields, written as {@link ProxyHeaders} passes them (one buffer, one
 * write and one flush for a request without a body). Mapped names are tokens and mapped values
 * ISO-8859-1 ({@link ProxyHeaders}); the caller's fields were decoded by the listener from
 * ISO-8859-1 bytes and are written back as those bytes. {@link HeadBytes} refuses a head with CR, LF
 * or NUL in a field, or a space in a name or the request line.
 */
final class RequestHead extends HeadBytes implements ProxyHeaders.FieldSink {

    private static final byte[] VERSION = ascii(" HTTP/1.1\r\nHost: ");
    private static final byte[] CHUNKED = ascii("Transfer-Encoding: chunked\r\n");

    /** Writes the request line; the fields follow with {@link #add}, on the same thread, then {@link #finish}. */
    RequestHead(String method, String target, String host) {
        put(method, true);
        append((byte) ' ');
        put(target, true);
        append(VERSION);
        put(host, true);
        crlf();
    }

    /** The whole head in a new buffer, or null when a field could not be sent. */
    ByteBuf finish(boolean chunked) {
        if (chunked) {
            append(CHUNKED);
        }
        return finishHead();
    }

    /** RFC 9110 §5.6.2 token: what a mapped header name must be. */
    static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c > 0x7E || c <= 0x20 || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
