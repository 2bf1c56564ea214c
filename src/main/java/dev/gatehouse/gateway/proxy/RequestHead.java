package dev.gatehouse.gateway.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.FastThreadLocal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A backend request's line and fields, written straight into one byte array as {@link ProxyHeaders}
 * passes them (no intermediate header map; one buffer, one write and one flush for a request
 * without a body).
 * Mapped names are tokens and mapped values ISO-8859-1 ({@link ProxyHeaders}); the caller's fields
 * were decoded by the listener from ISO-8859-1 bytes and are written back as those bytes. Still, no
 * name or value may carry CR, LF or NUL into the request (a split field would be a second, forged
 * one), nor a name or the request line a space: such a head is not sent ({@link #finish} is null).
 * Strings are copied with {@link String#getBytes(int, int, byte[], int)}, an array copy for Latin-1
 * text, because a bearer token alone is a kilobyte a request.
 */
final class RequestHead implements ProxyHeaders.FieldSink {

    private static final byte[] VERSION = " HTTP/1.1\r\nHost: ".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_SCRATCH = 64 * 1024;
    private static final byte[] CHUNKED = "Transfer-Encoding: chunked\r\n".getBytes(StandardCharsets.US_ASCII);

    /** A head is assembled in its thread's scratch array, then copied once into the buffer that is sent. */
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[4096];
        }
    };

    private byte[] out = SCRATCH.get();
    private int at;
    private boolean refused;

    /** Writes the request line; the fields follow with {@link #add}, on the same thread, then {@link #finish}. */
    RequestHead(String method, String target, String host) {
        put(method, true);
        append((byte) ' ');
        put(target, true);
        append(VERSION);
        put(host, true);
        crlf();
    }

    @Override
    public void add(CharSequence name, CharSequence value) {
        if (name.length() == 0) {
            refused = true;
        }
        put(name, true);
        append((byte) ':');
        append((byte) ' ');
        put(value, false);
        crlf();
    }

    /** The whole head in a new buffer, or null when a field could not be sent. */
    ByteBuf finish(boolean chunked) {
        if (chunked) {
            append(CHUNKED);
        }
        crlf();
        if (out.length <= MAX_SCRATCH) {
            SCRATCH.set(out); // keep a grown array for the next head
        }
        return refused ? null : ByteBufAllocator.DEFAULT.directBuffer(at).writeBytes(out, 0, at);
    }

    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): exactly the low byte of each char
    private void put(CharSequence text, boolean noSpace) {
        int length = text.length();
        ensure(length);
        int start = at;
        if (text instanceof String string) {
            string.getBytes(0, length, out, at);
        } else if (text instanceof AsciiString ascii) {
            System.arraycopy(ascii.array(), ascii.arrayOffset(), out, at, length);
        } else {
            for (int i = 0; i < length; i++) {
                char c = text.charAt(i);
                out[at + i] = (byte) (c > 0xFF ? '?' : c);
            }
        }
        at += length;
        for (int i = start; i < at; i++) {
            byte b = out[i];
            if (b == '\r' || b == '\n' || b == 0 || (noSpace && (b == ' ' || b == '\t'))) {
                refused = true;
            }
        }
    }

    private void append(byte b) {
        ensure(1);
        out[at++] = b;
    }

    private void append(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, out, at, bytes.length);
        at += bytes.length;
    }

    private void crlf() {
        ensure(2);
        out[at++] = '\r';
        out[at++] = '\n';
    }

    private void ensure(int more) {
        if (at + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, at + more));
        }
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
