package dev.gatehouse.net;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;

/**
 * A response's status line and fields for {@link DirectExchange}: the caller of this class adds the
 * end-to-end fields; the exchange adds the framing ({@code Content-Length}, {@code Transfer-Encoding},
 * {@code Connection}) when it sends the head, so those three are not taken here.
 */
public final class ResponseHead extends HeadBytes {

    private static final byte[] HTTP_1_1 = ascii("HTTP/1.1 ");
    private static final AsciiString CONTENT_LENGTH = AsciiString.cached("Content-Length");
    private static final AsciiString TRANSFER_ENCODING = AsciiString.cached("Transfer-Encoding");
    private static final AsciiString CHUNKED = AsciiString.cached("chunked");
    private static final AsciiString CONNECTION = AsciiString.cached("Connection");
    /** Status lines with the standard reason, made on first use (a race only makes one twice). */
    private static final byte[][] STANDARD_LINES = new byte[1000][];
    private final int status;
    private boolean contentLength;

    /** {@code reason} null: the standard reason phrase of {@code status}. */
    public ResponseHead(int status, String reason) {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status " + status);
        }
        this.status = status;
        if (reason == null) {
            append(standardLine(status));
            return;
        }
        append(HTTP_1_1);
        putDecimal(status);
        append((byte) ' ');
        put(reason, false);
        crlf();
    }

    private static byte[] standardLine(int status) {
        byte[] line = STANDARD_LINES[status];
        if (line == null) {
            line = ascii("HTTP/1.1 " + status + " " + HttpResponseStatus.valueOf(status).reasonPhrase() + "\r\n");
            STANDARD_LINES[status] = line;
        }
        return line;
    }

    public int status() {
        return status;
    }

    /**
     * A field; a {@code Content-Length} given here (a backend's, say) is kept and trusted by the exchange
     * to frame the body, so only pass one the body is known to match.
     */
    @Override
    public void add(CharSequence name, CharSequence value) {
        if (name.length() == 14 && AsciiString.contentEqualsIgnoreCase(name, "content-length")) {
            contentLength = true;
        }
        super.add(name, value);
    }

    boolean hasContentLength() {
        return contentLength;
    }

    /**
     * The framing fields, then the blank line: the head as one buffer (null if a field was refused),
     * followed by a copy of {@code body}'s readable bytes when it is not null.
     */
    ByteBuf finish(long addContentLength, boolean chunked, String connection, ByteBuf body) {
        if (addContentLength >= 0) {
            super.add(CONTENT_LENGTH, Long.toString(addContentLength));
        }
        if (chunked) {
            super.add(TRANSFER_ENCODING, CHUNKED);
        }
        if (connection != null) {
            super.add(CONNECTION, connection);
        }
        return finishHead(body);
    }
}
