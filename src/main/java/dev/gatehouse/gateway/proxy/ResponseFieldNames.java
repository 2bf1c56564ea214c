package dev.gatehouse.gateway.proxy;

import io.netty.util.AsciiString;

import java.util.Arrays;

/**
 * The field names backends commonly send, spelled as they send them, made once: a response's name is
 * one of these when its bytes match exactly (case included), else a new one as Netty makes it. A
 * shared name has its hash computed already; hashing five fresh names was a third of a small
 * response's decoding. Both the general decoder and the fast parser take names from here, so they
 * stay the same.
 */
final class ResponseFieldNames {

    private static final String[] COMMON = {
        "Server", "Date", "Content-Type", "Content-Length", "Connection", "Keep-Alive", "Cache-Control", "ETag",
        "Last-Modified", "Expires", "Vary", "Content-Encoding", "Location", "Set-Cookie", "X-Powered-By",
        "Access-Control-Allow-Origin", "Strict-Transport-Security", "X-Content-Type-Options", "X-Request-Id",
        "Accept-Ranges", "Age", "Pragma", "Retry-After", "Transfer-Encoding",
        "server", "date", "content-type", "content-length", "connection", "cache-control", "etag", "vary",
        "x-request-id", "content-encoding", "transfer-encoding"};
    /** The common names by length. */
    private static final AsciiString[][] BY_LENGTH = new AsciiString[32][0];

    static {
        for (String name : COMMON) {
            AsciiString cached = AsciiString.cached(name);
            cached.hashCode(); // computed once, here
            AsciiString[] same = BY_LENGTH[name.length()];
            same = Arrays.copyOf(same, same.length + 1);
            same[same.length - 1] = cached;
            BY_LENGTH[name.length()] = same;
        }
    }

    private ResponseFieldNames() {
    }

    static AsciiString name(byte[] bytes, int start, int length) {
        if (length < BY_LENGTH.length) {
            for (AsciiString common : BY_LENGTH[length]) {
                if (Arrays.equals(common.array(), common.arrayOffset(), common.arrayOffset() + length,
                        bytes, start, start + length)) {
                    return common;
                }
            }
        }
        return new AsciiString(bytes, start, length, true);
    }
}
