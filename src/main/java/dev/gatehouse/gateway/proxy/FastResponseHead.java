package dev.gatehouse.gateway.proxy;

import dev.gatehouse.net.FieldLines;
import dev.gatehouse.net.HeadScan;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The common backend response, parsed faster than Netty's general decoder can: an HTTP/1.1 response
 * with a final status that has a body, framed by exactly one plain {@code Content-Length}, whose head
 * and whole body are already in the buffer. It yields exactly the objects {@link BackendResponseDecoder}'s
 * general decoder would (the same response, status, header map, values that read as the same strings,
 * decoder result, and the body as the same content pieces), so nothing after the decoder can tell
 * the two apart — except the relay to the caller, which sends the values on as the checked bytes they
 * are ({@link dev.gatehouse.net.FieldText}); anything
 * else — 1xx, 204, 304, the answer to a HEAD, chunked or any {@code Transfer-Encoding}, two lengths
 * or one with a sign, an upgrade, obs-fold, a bare CR or LF, any control byte, HTTP/1.0, a head or
 * body split across reads, a head over the size limits — is left untouched for the general decoder,
 * which knows every rule (and whose refusals, GW-19 among them, stay the only refusals).
 * <p>
 * Why it is faster: the head is copied once out of the socket's buffer and scanned eight bytes at a
 * time, where the general decoder searched the direct buffer byte by byte with a bounds check each,
 * copied every line again, split it, and parsed the length from a string it had just made.
 */
final class FastResponseHead implements FieldLines.Judge {

    /** Bytes copied first: a backend's head is rarely longer, and the body behind it is not copied. */
    private static final int FIRST_COPY = 1024;
    private static final byte[] VERSION = "HTTP/1.1 ".getBytes(StandardCharsets.US_ASCII);
    /** "HTTP/1.1 200 ": where the reason phrase starts. */
    private static final int REASON_START = VERSION.length + 4;
    /** 18 digits cannot overflow a long. */
    private static final int MAX_LENGTH_DIGITS = 18;

    /** The general decoder's limits and the pieces it makes the response from. */
    record Decoding(int maxInitialLine, int maxHeaderBytes, int maxChunkSize, HttpHeadersFactory headers,
                    HttpHeadersFactory trailers, HeadScan.Names names) {
    }

    private final Decoding decoding;
    private final FieldLines fields = new FieldLines();
    private final HeadScan.HeadParser parser = this::parse;

    FastResponseHead(Decoding decoding) {
        this.decoding = decoding;
    }

    /**
     * Adds the response whose head starts at {@code in}'s reader index, and its body, to {@code out},
     * consuming both; or returns false with nothing consumed, when the general decoder must read it.
     */
    boolean decode(ByteBuf in, List<Object> out) {
        int readable = in.readableBytes();
        if (readable < REASON_START + 3) {
            return false;
        }
        int headLength = HeadScan.copyAndParse(in,
                Math.min(readable, decoding.maxInitialLine() + decoding.maxHeaderBytes() + 4), FIRST_COPY, parser);
        if (headLength < 0 || contentLength > readable - headLength) {
            return false; // not one of ours, or the body is still to come: the general decoder streams it
        }
        HttpResponse response;
        try {
            response = build(HeadScan.scratch());
        } catch (RuntimeException refused) { // the header map's own validation: the general decoder reports it
            return false;
        }
        in.skipBytes(headLength);
        out.add(response);
        addBody(in, out);
        return true;
    }

    // What parse found, for build.
    private int status;
    private int reasonEnd;
    private long contentLength;
    private boolean sawLength;

    /**
     * The head's length when it is one this class takes; {@link HeadScan#INCOMPLETE} when it does not end
     * within {@code n} bytes (as far as it went, it was one); else {@link HeadScan#NOT_MINE}.
     */
    private int parse(byte[] b, int n) {
        if (!HeadScan.startsWith(b, 0, VERSION) || b[REASON_START - 1] != ' ') {
            return HeadScan.NOT_MINE;
        }
        status = digit(b[VERSION.length]) * 100 + digit(b[VERSION.length + 1]) * 10 + digit(b[VERSION.length + 2]);
        // 1xx, 204 and 304 have no body whatever their fields say: the general decoder's rules.
        if (status < 200 || status > 599 || status == 204 || status == 304) {
            return HeadScan.NOT_MINE;
        }
        reasonEnd = HeadScan.lineEnd(b, REASON_START, n);
        if (reasonEnd < 0) {
            return reasonEnd;
        }
        // The general decoder trims the reason; one that needs no trimming is taken as it is. The line's
        // length without its CRLF is what the general decoder limits.
        if (reasonEnd == REASON_START || HeadScan.isSpaceOrTab(b[REASON_START])
                || HeadScan.isSpaceOrTab(b[reasonEnd - 1]) || reasonEnd > decoding.maxInitialLine()) {
            return HeadScan.NOT_MINE;
        }
        sawLength = false;
        int headLength = fields.parse(b, reasonEnd + 2, n, decoding.maxHeaderBytes(), this);
        return headLength >= 0 && !sawLength ? HeadScan.NOT_MINE : headLength;
    }

    /** A digit's value, or a value that puts the status out of range. */
    private static int digit(byte b) {
        return b >= '0' && b <= '9' ? b - '0' : -1000;
    }

    /** Framing and upgrades are the general decoder's; one plain decimal Content-Length is ours. */
    @Override
    public boolean accept(byte[] b, int nameStart, int nameLength, int valueStart, int valueEnd) {
        if (HeadScan.is(b, nameStart, nameLength, HttpHeaderNames.TRANSFER_ENCODING)
                || HeadScan.is(b, nameStart, nameLength, HttpHeaderNames.UPGRADE)) {
            return false;
        }
        if (!HeadScan.is(b, nameStart, nameLength, HttpHeaderNames.CONTENT_LENGTH)) {
            return true;
        }
        int digits = valueEnd - valueStart;
        // A leading zero would be rewritten by the general decoder (and the field moved to the end).
        if (sawLength || digits == 0 || digits > MAX_LENGTH_DIGITS || (b[valueStart] == '0' && digits > 1)) {
            return false;
        }
        long length = 0;
        for (int i = valueStart; i < valueEnd; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
            length = length * 10 + (b[i] - '0');
        }
        contentLength = length;
        sawLength = true;
        return true;
    }

    private HttpResponse build(byte[] b) {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status(b), decoding.headers());
        HttpHeaders headers = response.headers();
        for (int i = 0; i < fields.count(); i++) {
            AsciiString name = decoding.names().name(b, fields.nameStart(i), fields.nameLength(i));
            headers.add(name, fields.value(b, i)); // read as the same String; relayed to the caller as its bytes
        }
        response.setDecoderResult(HeadDecoderResult.of(reasonEnd, fields.size()));
        return response;
    }

    /** The status as {@link HttpResponseStatus#valueOf(int, String)} makes it, without a string for a known reason. */
    private HttpResponseStatus status(byte[] b) {
        HttpResponseStatus known = HttpResponseStatus.valueOf(status);
        String phrase = known.reasonPhrase();
        int length = reasonEnd - REASON_START;
        boolean same = phrase.length() == length;
        for (int i = 0; same && i < length; i++) {
            same = phrase.charAt(i) == (b[REASON_START + i] & 0xFF);
        }
        return same ? known
                : HttpResponseStatus.valueOf(status, new String(b, REASON_START, length, StandardCharsets.ISO_8859_1));
    }

    /** The body as the general decoder hands a fixed-length body that is all in the buffer: pieces of at most a chunk, the last one last. */
    private void addBody(ByteBuf in, List<Object> out) {
        if (contentLength == 0) {
            out.add(LastHttpContent.EMPTY_LAST_CONTENT);
            return;
        }
        int left = (int) contentLength;
        while (left > decoding.maxChunkSize()) {
            out.add(new DefaultHttpContent(in.readRetainedSlice(decoding.maxChunkSize())));
            left -= decoding.maxChunkSize();
        }
        out.add(new DefaultLastHttpContent(in.readRetainedSlice(left), decoding.trailers()));
    }
}
