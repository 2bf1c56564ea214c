package dev.gatehouse.net;

import java.util.Arrays;

/**
 * The field lines of a head copied into an array, as the fast head parsers take them: each one
 * {@code token ":" OWS value OWS CRLF}, with no control byte but HTAB and no DEL, up to the blank
 * line. Anything else — obs-fold, a space before the colon, a bare CR or LF — is {@link HeadScan#NOT_MINE}.
 * Where each name and value lies is kept for the parser to build its header map from; the parser
 * judges each field as it is found (framing fields are the general decoder's business).
 */
public final class FieldLines {

    /** A parser's say on one field: false leaves the whole head to the general decoder. */
    public interface Judge {
        boolean accept(byte[] b, int nameStart, int nameLength, int valueStart, int valueEnd);
    }

    /** Start, end of each field's name and value; reused from head to head. */
    private int[] fields = new int[64];
    private int count;
    private int size;

    /**
     * The end of the head (just past the blank line's CRLF) whose field lines start at {@code p};
     * {@link HeadScan#INCOMPLETE} when it does not end within {@code n}; {@link HeadScan#NOT_MINE} when a
     * line is not one the fast parsers take, the judge declines a field, or the lines, counted as Netty
     * counts them (without their CRLF), exceed {@code maxBytes}.
     */
    public int parse(byte[] b, int p, int n, int maxBytes, Judge judge) {
        count = 0;
        size = 0;
        while (true) {
            if (p + 1 >= n) {
                return HeadScan.INCOMPLETE;
            }
            if (b[p] == '\r') {
                return b[p + 1] == '\n' ? p + 2 : HeadScan.NOT_MINE;
            }
            int nameStart = p;
            while (p < n && HeadScan.isToken(b[p])) {
                p++;
            }
            if (p >= n) {
                return HeadScan.INCOMPLETE;
            }
            if (p == nameStart || b[p] != ':') {
                return HeadScan.NOT_MINE; // obs-fold, a space before the colon, no colon, a stray byte
            }
            int nameEnd = p++;
            while (p < n && HeadScan.isSpaceOrTab(b[p])) {
                p++;
            }
            int valueStart = p;
            int lineEnd = HeadScan.lineEnd(b, p, n);
            if (lineEnd < 0) {
                return lineEnd;
            }
            int valueEnd = HeadScan.trimEnd(b, valueStart, lineEnd);
            size += lineEnd - nameStart;
            if (size > maxBytes || !judge.accept(b, nameStart, nameEnd - nameStart, valueStart, valueEnd)) {
                return HeadScan.NOT_MINE;
            }
            add(nameStart, nameEnd, valueStart, valueEnd);
            p = lineEnd + 2;
        }
    }

    private void add(int nameStart, int nameEnd, int valueStart, int valueEnd) {
        int at = count * 4;
        if (at + 4 > fields.length) {
            fields = Arrays.copyOf(fields, fields.length * 2);
        }
        fields[at] = nameStart;
        fields[at + 1] = nameEnd;
        fields[at + 2] = valueStart;
        fields[at + 3] = valueEnd;
        count++;
    }

    /** How many fields the last head had. */
    public int count() {
        return count;
    }

    /** The field lines' length as Netty's decoder counts it: each line without its CRLF. */
    public int size() {
        return size;
    }

    public int nameStart(int field) {
        return fields[field * 4];
    }

    public int nameLength(int field) {
        return fields[field * 4 + 1] - fields[field * 4];
    }

    public int valueStart(int field) {
        return fields[field * 4 + 2];
    }

    public int valueLength(int field) {
        return fields[field * 4 + 3] - fields[field * 4 + 2];
    }

    /** The field's value as the checked bytes it is, to be sent on as they are ({@link FieldText}). */
    public FieldText value(byte[] b, int field) {
        return FieldText.of(b, fields[field * 4 + 2], fields[field * 4 + 3]);
    }
}
