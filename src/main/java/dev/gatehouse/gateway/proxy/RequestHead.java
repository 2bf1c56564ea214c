package dev.gatehouse.gateway.proxy;

import io.vertx.core.MultiMap;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes a backend request's line and fields into one byte array (one write, one flush for a
 * request without a body). Fields arrive filtered by {@link ProxyHeaders}, which also makes mapped
 * names tokens and mapped values ISO-8859-1; the caller's fields were decoded by the listener from
 * ISO-8859-1 bytes, and are written back as those bytes. Still, no name or value may carry CR, LF or
 * NUL into the request (a split field would be a second, forged one): such a head is not sent
 * ({@code null}). Strings are copied with {@link String#getBytes(int, int, byte[], int)}, an array
 * copy for Latin-1 text, because a bearer token alone is a kilobyte a request.
 */
final class RequestHead {

    private static final byte[] VERSION = " HTTP/1.1\r\nHost: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHUNKED = "Transfer-Encoding: chunked\r\n".getBytes(StandardCharsets.US_ASCII);

    private RequestHead() {
    }

    /** The encoded head, or null when a field cannot be sent. */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): exactly the low byte of each char
    static byte[] encode(String method, String target, String host, MultiMap headers, boolean chunked) {
        int size = method.length() + 1 + target.length() + VERSION.length + host.length() + 2
                + (chunked ? CHUNKED.length : 0) + 2;
        for (Map.Entry<String, String> field : headers) {
            size += field.getKey().length() + 2 + field.getValue().length() + 2;
        }
        byte[] out = new byte[size];
        int at = put(method, out, 0);
        out[at++] = ' ';
        int targetStart = at;
        at = put(target, out, at);
        if (!isClean(out, targetStart, at, true)) {
            return null;
        }
        System.arraycopy(VERSION, 0, out, at, VERSION.length);
        at += VERSION.length;
        int hostStart = at;
        at = put(host, out, at);
        if (!isClean(out, hostStart, at, true)) {
            return null;
        }
        at = crlf(out, at);
        for (Map.Entry<String, String> field : headers) {
            int nameStart = at;
            at = put(field.getKey(), out, at);
            if (at == nameStart || !isClean(out, nameStart, at, true)) {
                return null;
            }
            out[at++] = ':';
            out[at++] = ' ';
            int valueStart = at;
            at = put(field.getValue(), out, at);
            if (!isClean(out, valueStart, at, false)) {
                return null;
            }
            at = crlf(out, at);
        }
        if (chunked) {
            System.arraycopy(CHUNKED, 0, out, at, CHUNKED.length);
            at += CHUNKED.length;
        }
        crlf(out, at);
        return out;
    }

    @SuppressWarnings("deprecation")
    private static int put(String text, byte[] out, int at) {
        text.getBytes(0, text.length(), out, at);
        return at + text.length();
    }

    private static int crlf(byte[] out, int at) {
        out[at] = '\r';
        out[at + 1] = '\n';
        return at + 2;
    }

    /** No CR, LF or NUL; for names and the request line, also no space, tab or colon where it would split. */
    private static boolean isClean(byte[] bytes, int from, int to, boolean noSpace) {
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == '\r' || b == '\n' || b == 0 || (noSpace && (b == ' ' || b == '\t'))) {
                return false;
            }
        }
        return true;
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
