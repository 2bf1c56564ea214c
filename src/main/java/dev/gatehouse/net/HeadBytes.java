package dev.gatehouse.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.FastThreadLocal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An HTTP/1.1 message head (start line and fields) written straight into one byte array, then
 * copied once into the buffer that is sent: no header map, no encoder, one write. Field text is
 * sent as ISO-8859-1 bytes, as the decoders read it (a character beyond is sent as {@code ?}); for
 * Latin-1 text that is an array copy, which matters when a bearer token alone is a kilobyte.
 * No name or value may carry CR, LF or NUL into the head (a split field would be a second, forged
 * one), nor a name or start-line token a space: such a head is refused ({@link #finish} is null).
 */
public abstract class HeadBytes {

    private static final int MAX_SCRATCH = 64 * 1024;
    /** Up to this length a string is copied character by character rather than by the vectorized scans. */
    private static final int SHORT_TEXT = 64;

    /** A head is assembled in its thread's scratch array (event loops build one head at a time). */
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[4096];
        }
    };

    private byte[] out = SCRATCH.get();
    private int at;
    private boolean refused;

    /** One field line; names are tokens, values may hold spaces. */
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

    /** The whole head in a new direct buffer, or null when something in it could not be sent. */
    protected final ByteBuf finishHead() {
        return finishHead(null);
    }

    /**
     * The whole head followed by {@code body}'s readable bytes (not consumed, may be null) in a new
     * direct buffer, or null when something in the head could not be sent.
     */
    protected final ByteBuf finishHead(ByteBuf body) {
        crlf();
        if (out.length <= MAX_SCRATCH) {
            SCRATCH.set(out); // keep a grown array for the next head
        }
        if (refused) {
            return null;
        }
        int bodyLength = body == null ? 0 : body.readableBytes();
        ByteBuf bytes = ByteBufAllocator.DEFAULT.directBuffer(at + bodyLength).writeBytes(out, 0, at);
        return body == null ? bytes : bytes.writeBytes(body, body.readerIndex(), bodyLength);
    }

    /** Writes {@code text}; with {@code noSpace} a space or tab in it refuses the head. */
    protected final void put(CharSequence text, boolean noSpace) {
        int length = text.length();
        ensure(length);
        if (text instanceof FieldText checked && !noSpace) { // a value as it came, checked when it was parsed
            checked.copyTo(out, at);
            at += length;
            return;
        }
        if (text instanceof String string && length > SHORT_TEXT) {
            // String.indexOf is vectorized: a kilobyte bearer token is checked in a few dozen steps, not a
            // thousand. ISO-8859-1 encoding is a plain copy for Latin-1 text and turns any other character
            // into '?', so the characters checked are exactly the bytes sent.
            if (string.indexOf('\r') >= 0 || string.indexOf('\n') >= 0 || string.indexOf(0) >= 0
                    || (noSpace && (string.indexOf(' ') >= 0 || string.indexOf('\t') >= 0))) {
                refused = true;
            }
            System.arraycopy(string.getBytes(StandardCharsets.ISO_8859_1), 0, out, at, length);
            at += length;
            return;
        }
        int start = at;
        if (text instanceof AsciiString ascii) {
            System.arraycopy(ascii.array(), ascii.arrayOffset(), out, at, length);
        } else {
            // A short string (a name, an address, a host): one loop beats five scans and an encoded copy.
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

    protected final void putDecimal(long value) {
        put(Long.toString(value), true);
    }

    protected final void append(byte b) {
        ensure(1);
        out[at++] = b;
    }

    protected final void append(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, out, at, bytes.length);
        at += bytes.length;
    }

    protected final void crlf() {
        ensure(2);
        out[at++] = '\r';
        out[at++] = '\n';
    }

    private void ensure(int more) {
        if (at + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, at + more));
        }
    }

    protected static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
