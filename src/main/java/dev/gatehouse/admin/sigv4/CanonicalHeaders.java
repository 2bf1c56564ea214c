package dev.gatehouse.admin.sigv4;

import java.util.List;

/**
 * AWS SigV4 canonical headers: for each signed header, in SignedHeaders order, the lower-case name,
 * ':', its values trimmed with inner runs of whitespace collapsed to one space, repeated headers
 * joined with ',' in received order, and '\n'.
 */
final class CanonicalHeaders {

    private CanonicalHeaders() {
    }

    static void append(List<String> signedHeaders, RequestHeaders headers, StringBuilder out) {
        for (String name : signedHeaders) {
            out.append(name).append(':');
            List<String> values = headers.values(name);
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                appendTrimmedAndCollapsed(values.get(i), out);
            }
            out.append('\n');
        }
    }

    private static void appendTrimmedAndCollapsed(String value, StringBuilder out) {
        boolean pendingSpace = false;
        boolean started = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t') {
                pendingSpace = started;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
                started = true;
            }
        }
    }
}
