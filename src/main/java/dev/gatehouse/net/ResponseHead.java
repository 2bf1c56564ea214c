package dev.gatehouse.net;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A response's status line and fields for {@link DirectExchange}: the caller of this class adds the
 * end-to-end fields; the exchange adds the framing ({@code Content-Length}, {@code Transfer-Encoding},
 * {@code Connection}) when it sends the head, so those three are not taken here.
 */
public final class ResponseHead extends HeadBytes {

    private static final byte[] HTTP_1_1 = ascii("HTTP/1.1 ");
    private final int status;
    private boolean contentLength;

    /** {@code reason} null: the standard reason phrase of {@code status}. */
    public ResponseHead(int status, String reason) {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status " + status);
        }
        this.status = status;
        append(HTTP_1_1);
        putDecimal(status);
        append((byte) ' ');
        put(reason != null ? reason : HttpResponseStatus.valueOf(status).reasonPhrase(), false);
        crlf();
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
        if (name.length() == 14 && io.netty.util.AsciiString.contentEqualsIgnoreCase(name, "content-length")) {
            contentLength = true;
        }
        super.add(name, value);
    }

    boolean hasContentLength() {
        return contentLength;
    }

    /** The framing fields, then the blank line: the head as one buffer (null if a field was refused). */
    ByteBuf finish(long addContentLength, boolean chunked, String connection) {
        if (addContentLength >= 0) {
            super.add("Content-Length", Long.toString(addContentLength));
        }
        if (chunked) {
            super.add("Transfer-Encoding", "chunked");
        }
        if (connection != null) {
            super.add("Connection", connection);
        }
        return finishHead();
    }
}
