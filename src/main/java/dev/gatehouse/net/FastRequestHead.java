package dev.gatehouse.net;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import io.vertx.core.http.impl.headers.HeadersMultiMap;

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
final class FastRequestHead implements FieldLines.Judge {

    /** Bytes copied first: a head with a kilobyte token fits. */
    private static final int FIRST_COPY = 4096;
    private static final byte[] VERSION_LINE = " HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final HttpMethod[] METHODS = {HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT,
            HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS};
    private static final byte[][] METHOD_NAMES = new byte[METHODS.length][];

    static {
        for (int i = 0; i < METHODS.length; i++) {
            METHOD_NAMES[i] = METHODS[i].name().getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final int maxInitialLine;
    private final int maxHeaderBytes;
    private final HeadScan.Names names;
    private final FieldLines fields = new FieldLines();
    private final HeadScan.HeadParser parser = this::parse;

    FastRequestHead(int maxInitialLine, int maxHeaderBytes, HeadScan.Names names) {
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
        int headLength = HeadScan.copyAndParse(in, Math.min(readable, maxInitialLine + maxHeaderBytes + 4), FIRST_COPY,
                parser);
        if (headLength < 0) {
            return null;
        }
        HttpRequest request;
        try {
            request = build(HeadScan.scratch());
        } catch (RuntimeException refused) { // the header map's own validation: the general decoder reports it
            return null;
        }
        in.skipBytes(headLength);
        return request;
    }

    // What parse found, for build.
    private HttpMethod method;
    private int targetEnd;
    private boolean sawLength;
    private boolean sawConnection;

    /**
     * The head's length when it is one this class takes; {@link HeadScan#INCOMPLETE} when it does not end
     * within {@code n} bytes (as far as it went, it was one); else {@link HeadScan#NOT_MINE}.
     */
    private int parse(byte[] b, int n) {
        method = method(b);
        if (method == null) {
            return HeadScan.NOT_MINE;
        }
        int p = method.name().length() + 1;
        while (p < n && b[p] > ' ' && b[p] < 0x7F) {
            p++;
        }
        targetEnd = p;
        if (p + VERSION_LINE.length > n) {
            return HeadScan.INCOMPLETE;
        }
        // The line's length without its CRLF is what the general decoder limits.
        if (p == method.name().length() + 1 || !HeadScan.startsWith(b, p, VERSION_LINE)
                || p + VERSION_LINE.length - 2 > maxInitialLine) {
            return HeadScan.NOT_MINE;
        }
        sawLength = false;
        sawConnection = false;
        return fields.parse(b, p + VERSION_LINE.length, n, maxHeaderBytes, this);
    }

    /** Framing, upgrades and connection lists are the general decoder's; a zero length and a plain Connection are not. */
    @Override
    public boolean accept(byte[] b, int nameStart, int nameLength, int valueStart, int valueEnd) {
        if (HeadScan.is(b, nameStart, nameLength, HttpHeaderNames.TRANSFER_ENCODING)
                || HeadScan.is(b, nameStart, nameLength, HttpHeaderNames.UPGRADE)) {
            return false;
        }
        int valueLength = valueEnd - valueStart;
        if (HeadScan.is(b, nameStart, nameLength, HttpHeaderNames.CONTENT_LENGTH)) {
            if (sawLength || valueLength != 1 || b[valueStart] != '0') {
                return false; // a body, or a length the general decoder must judge
            }
            sawLength = true;
        } else if (HeadScan.is(b, nameStart, nameLength, HttpHeaderNames.CONNECTION)) {
            if (sawConnection || !(HeadScan.is(b, valueStart, valueLength, "close")
                    || HeadScan.is(b, valueStart, valueLength, "keep-alive"))) {
                return false; // a list may nominate fields or hide a close (FramingGuard)
            }
            sawConnection = true;
        }
        return true;
    }

    private static HttpMethod method(byte[] b) {
        for (int i = 0; i < METHODS.length; i++) {
            byte[] name = METHOD_NAMES[i];
            if (HeadScan.startsWith(b, 0, name) && b[name.length] == ' ') {
                return METHODS[i];
            }
        }
        return null;
    }

    private HttpRequest build(byte[] b) {
        int targetStart = method.name().length() + 1;
        // Without Vert.x's validator: parse checked every value by its rule already (no control byte but
        // HTAB, no DEL), and its char-by-char second pass over a kilobyte token cost as much as the parse.
        HeadersMultiMap headers = HeadersMultiMap.httpHeaders(null);
        for (int i = 0; i < fields.count(); i++) {
            AsciiString name = names.name(b, fields.nameStart(i), fields.nameLength(i));
            headers.add(name, fields.value(b, i));
        }
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, method,
                new String(b, targetStart, targetEnd - targetStart, StandardCharsets.ISO_8859_1), headers);
    }
}
