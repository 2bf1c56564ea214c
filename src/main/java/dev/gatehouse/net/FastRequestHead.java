package dev.gatehouse.net;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.FastThreadLocal;
import io.vertx.core.http.impl.headers.HeadersMultiMap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The common request head, parsed faster than Netty's general decoder can: a bodyless HTTP/1.1
 * request whose whole head is already in the buffer. It yields what the listener's decoder would
 * (the same request class, header map and interned names, values that read as the same strings), so
 * nothing after the decoder can tell the two apart — except the proxy, which sends the values on
 * as the checked bytes they are ({@link FieldText}); anything else — a body or its framing fields, an
 * upgrade, a {@code Connection} list, obs-fold, a bare CR or LF, any control byte, HTTP/1.0, an
 * unknown method, a head split across reads or over the size limits — is left untouched for the
 * general decoder, which knows every rule (and its refusals stay the only refusals).
 * <p>
 * Why it is faster: the head is copied once out of the socket's buffer and scanned eight bytes at a
 * time (a bearer token is a kilobyte), where the general decoder searched the direct buffer byte by
 * byte with a bounds check each, copied every line again and then split it.
 */
final class FastRequestHead {

    /** Makes a field name as the decoder would (Vert.x interns the common ones). */
    interface Names {
        AsciiString name(byte[] bytes, int start, int length);
    }

    static final int NOT_MINE = -1;
    static final int INCOMPLETE = -2;
    /** Bytes copied first: a head with a kilobyte token fits. */
    private static final int FIRST_COPY = 4096;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long SPACES = 0x2020202020202020L;
    private static final long DELETES = 0x7F7F7F7F7F7F7F7FL;
    private static final byte[] VERSION_LINE = " HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final HttpMethod[] METHODS = {HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT,
            HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS};
    private static final byte[][] METHOD_NAMES = new byte[METHODS.length][];
    /** RFC 9110 §5.6.2 tchar. */
    private static final boolean[] TOKEN = new boolean[256];
    /** Fields that change how the message is framed or the connection is used: the general decoder's business. */
    private static final AsciiString TRANSFER_ENCODING = AsciiString.cached("transfer-encoding");
    private static final AsciiString CONTENT_LENGTH = AsciiString.cached("content-length");
    private static final AsciiString UPGRADE = AsciiString.cached("upgrade");
    private static final AsciiString CONNECTION = AsciiString.cached("connection");

    static {
        for (int i = 0; i < METHODS.length; i++) {
            METHOD_NAMES[i] = METHODS[i].name().getBytes(StandardCharsets.US_ASCII);
        }
        for (int c = '!'; c <= '~'; c++) {
            TOKEN[c] = "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
        }
    }

    /** Event loops parse one head at a time; the head is copied here once. */
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[4096];
        }
    };

    private final int maxInitialLine;
    private final int maxHeaderBytes;
    private final Names names;
    /** Start, end of each field's name and value in the scratch array; reused. */
    private int[] fields = new int[64];

    FastRequestHead(int maxInitialLine, int maxHeaderBytes, Names names) {
        this.maxInitialLine = maxInitialLine;
        this.maxHeaderBytes = maxHeaderBytes;
        this.names = names;
    }

    /**
     * The request whose head starts at {@code in}'s reader index, with the head consumed; or null with
     * nothing consumed, when the general decoder must read it.
     */
    HttpRequest decode(ByteBuf in) {
        int readable = in.readableBytes();
        if (readable < 16) {
            return null;
        }
        // Most heads fit the first few kilobytes; a body or pipelined requests behind them are not copied.
        int most = Math.min(readable, maxInitialLine + maxHeaderBytes + 4);
        int limit = Math.min(most, FIRST_COPY);
        byte[] bytes = copy(in, limit);
        int headLength = parse(bytes, limit);
        if (headLength == INCOMPLETE && limit < most) {
            limit = most;
            bytes = copy(in, limit);
            headLength = parse(bytes, limit);
        }
        if (headLength < 0) {
            return null;
        }
        HttpRequest request;
        try {
            request = build(bytes);
        } catch (RuntimeException refused) { // the header map's own validation: the general decoder reports it
            return null;
        }
        in.skipBytes(headLength);
        return request;
    }

    private static byte[] copy(ByteBuf in, int length) {
        byte[] bytes = SCRATCH.get();
        if (bytes.length < length) {
            bytes = new byte[Math.max(length, bytes.length * 2)];
            SCRATCH.set(bytes);
        }
        in.getBytes(in.readerIndex(), bytes, 0, length);
        return bytes;
    }

    // What parse found, for build.
    private HttpMethod method;
    private int targetEnd;
    private int fieldCount;

    /**
     * The head's length when it is one this class takes; {@link #INCOMPLETE} when it does not end
     * within {@code n} bytes (as far as it went, it was one); else {@link #NOT_MINE}.
     */
    private int parse(byte[] b, int n) {
        method = method(b);
        if (method == null) {
            return NOT_MINE;
        }
        int p = method.name().length() + 1;
        while (p < n && b[p] > ' ' && b[p] < 0x7F) {
            p++;
        }
        targetEnd = p;
        if (p + VERSION_LINE.length > n) {
            return INCOMPLETE;
        }
        // The line's length without its CRLF is what the general decoder limits.
        if (p == method.name().length() + 1 || !startsWith(b, p, VERSION_LINE)
                || p + VERSION_LINE.length - 2 > maxInitialLine) {
            return NOT_MINE;
        }
        p += VERSION_LINE.length;
        fieldCount = 0;
        int headerBytes = 0;
        boolean sawLength = false;
        boolean sawConnection = false;
        while (true) {
            if (p + 1 >= n) {
                return INCOMPLETE;
            }
            if (b[p] == '\r') {
                return b[p + 1] == '\n' ? p + 2 : NOT_MINE;
            }
            int nameStart = p;
            while (p < n && TOKEN[b[p] & 0xFF]) {
                p++;
            }
            if (p >= n) {
                return INCOMPLETE;
            }
            if (p == nameStart || b[p] != ':') {
                return NOT_MINE; // obs-fold, a space before the colon, no colon, a stray byte
            }
            int nameEnd = p++;
            while (p < n && (b[p] == ' ' || b[p] == '\t')) {
                p++;
            }
            int valueStart = p;
            int lineEnd = lineEnd(b, p, n);
            if (lineEnd < 0) {
                return lineEnd;
            }
            int valueEnd = lineEnd;
            while (valueEnd > valueStart && (b[valueEnd - 1] == ' ' || b[valueEnd - 1] == '\t')) {
                valueEnd--;
            }
            headerBytes += lineEnd - nameStart;
            if (headerBytes > maxHeaderBytes) {
                return NOT_MINE;
            }
            int nameLength = nameEnd - nameStart;
            if (is(b, nameStart, nameLength, TRANSFER_ENCODING) || is(b, nameStart, nameLength, UPGRADE)) {
                return NOT_MINE;
            }
            if (is(b, nameStart, nameLength, CONTENT_LENGTH)) {
                if (sawLength || valueEnd - valueStart != 1 || b[valueStart] != '0') {
                    return NOT_MINE; // a body, or a length the general decoder must judge
                }
                sawLength = true;
            } else if (is(b, nameStart, nameLength, CONNECTION)) {
                if (sawConnection || !(is(b, valueStart, valueEnd - valueStart, "close")
                        || is(b, valueStart, valueEnd - valueStart, "keep-alive"))) {
                    return NOT_MINE; // a list may nominate fields or hide a close (FramingGuard)
                }
                sawConnection = true;
            }
            add(nameStart, nameEnd, valueStart, valueEnd);
            p = lineEnd + 2;
        }
    }

    private static HttpMethod method(byte[] b) {
        for (int i = 0; i < METHODS.length; i++) {
            byte[] name = METHOD_NAMES[i];
            if (startsWith(b, 0, name) && b[name.length] == ' ') {
                return METHODS[i];
            }
        }
        return null;
    }

    /**
     * Where the CR of the CRLF ending a field value starting at {@code p} is; {@link #NOT_MINE} when the
     * value holds a control byte other than HTAB (a bare CR or LF, NUL, DEL); {@link #INCOMPLETE} when it
     * does not end within {@code n}.
     * Eight bytes at a time: a word without any byte below 0x20 and without DEL is skipped whole.
     */
    private static int lineEnd(byte[] b, int p, int n) {
        while (p + Long.BYTES <= n) {
            long word = (long) LONGS.get(b, p);
            long below = (word - SPACES) & ~word & HIGHS;
            long del = word ^ DELETES;
            del = (del - ONES) & ~del & HIGHS;
            if ((below | del) == 0) {
                p += Long.BYTES;
                continue;
            }
            int end = p + Long.BYTES;
            for (; p < end; p++) {
                int c = b[p] & 0xFF;
                if (c == '\r' || (c < ' ' && c != '\t') || c == 0x7F) {
                    return endOfLine(b, p, n);
                }
            }
        }
        for (; p < n; p++) {
            int c = b[p] & 0xFF;
            if (c == '\r' || (c < ' ' && c != '\t') || c == 0x7F) {
                return endOfLine(b, p, n);
            }
        }
        return INCOMPLETE;
    }

    /** At a control byte: the line ends here if it is the CR of a CRLF. */
    private static int endOfLine(byte[] b, int p, int n) {
        if (b[p] != '\r') {
            return NOT_MINE;
        }
        if (p + 1 >= n) {
            return INCOMPLETE;
        }
        return b[p + 1] == '\n' ? p : NOT_MINE;
    }

    private void add(int nameStart, int nameEnd, int valueStart, int valueEnd) {
        int at = fieldCount * 4;
        if (at + 4 > fields.length) {
            fields = java.util.Arrays.copyOf(fields, fields.length * 2);
        }
        fields[at] = nameStart;
        fields[at + 1] = nameEnd;
        fields[at + 2] = valueStart;
        fields[at + 3] = valueEnd;
        fieldCount++;
    }

    private HttpRequest build(byte[] b) {
        int targetStart = method.name().length() + 1;
        // Without Vert.x's validator: parse checked every value by its rule already (no control byte but
        // HTAB, no DEL), and its char-by-char second pass over a kilobyte token cost as much as the parse.
        HeadersMultiMap headers = HeadersMultiMap.httpHeaders(null);
        for (int i = 0; i < fieldCount; i++) {
            int at = i * 4;
            AsciiString name = names.name(b, fields[at], fields[at + 1] - fields[at]);
            headers.add(name, FieldText.of(b, fields[at + 2], fields[at + 3]));
        }
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, method,
                new String(b, targetStart, targetEnd - targetStart, StandardCharsets.ISO_8859_1), headers);
    }

    private static boolean startsWith(byte[] b, int at, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (b[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code length} bytes at {@code at} are {@code lower} in any case ({@code lower} is lower case). */
    private static boolean is(byte[] b, int at, int length, CharSequence lower) {
        if (length != lower.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            int c = b[at + i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
