package dev.gatehouse.net;

import io.netty.buffer.ByteBuf;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.FastThreadLocal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The scanning the fast head parsers share (requests here, backend responses in the gateway): a head
 * is copied once out of the socket's buffer into a per-thread array, its field lines are found eight
 * bytes at a time, and names are matched without making strings. Each parser decides what it takes;
 * this class only finds where lines end and which bytes may not be in them.
 */
public final class HeadScan {

    /** The head is not one a fast parser takes: the general decoder must read it. */
    public static final int NOT_MINE = -1;
    /** The head does not end within the bytes scanned (as far as it went, it was one a fast parser takes). */
    public static final int INCOMPLETE = -2;

    /** Makes a field name as the general decoder would (interned, copied). */
    public interface Names {
        AsciiString name(byte[] bytes, int start, int length);
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long SPACES = 0x2020202020202020L;
    private static final long DELETES = 0x7F7F7F7F7F7F7F7FL;
    /** RFC 9110 §5.6.2 tchar. */
    private static final boolean[] TOKEN = new boolean[256];

    static {
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

    private HeadScan() {
    }

    /** A fast parser's look at the head at the start of some bytes. */
    public interface HeadParser {
        /** The head's length when the parser takes it, else {@link #INCOMPLETE} or {@link #NOT_MINE}. */
        int parse(byte[] bytes, int length);
    }

    /**
     * Copies the head at {@code in}'s reader index into this thread's scratch array ({@link #scratch()},
     * valid until the next copy on this thread; nothing consumed) and parses it: first a few kilobytes
     * ({@code firstCopy}), so a body or pipelined messages behind a head are not copied, and all of
     * {@code most} only when the head goes on past them. The head's length, or the parser's verdict.
     */
    public static int copyAndParse(ByteBuf in, int most, int firstCopy, HeadParser parser) {
        int limit = Math.min(most, firstCopy);
        int headLength = parser.parse(copy(in, limit), limit);
        if (headLength == INCOMPLETE && limit < most) {
            headLength = parser.parse(copy(in, most), most);
        }
        return headLength;
    }

    /** This thread's scratch array, holding what {@link #copyAndParse} copied last. */
    public static byte[] scratch() {
        return SCRATCH.get();
    }

    /** The first {@code length} readable bytes of {@code in}, in this thread's scratch array (not consumed). */
    private static byte[] copy(ByteBuf in, int length) {
        byte[] bytes = SCRATCH.get();
        if (bytes.length < length) {
            bytes = new byte[Math.max(length, bytes.length * 2)];
            SCRATCH.set(bytes);
        }
        in.getBytes(in.readerIndex(), bytes, 0, length);
        return bytes;
    }

    public static boolean isToken(byte b) {
        return TOKEN[b & 0xFF];
    }

    /**
     * Where the CR of the CRLF ending a line's text starting at {@code p} is; {@link #NOT_MINE} when the
     * text holds a control byte other than HTAB (a bare CR or LF, NUL, DEL); {@link #INCOMPLETE} when it
     * does not end within {@code n}.
     * Eight bytes at a time: a word without any byte below 0x20 and without DEL is skipped whole.
     */
    public static int lineEnd(byte[] b, int p, int n) {
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
                if (isLineBreakOrControl(b[p])) {
                    return endOfLine(b, p, n);
                }
            }
        }
        for (; p < n; p++) {
            if (isLineBreakOrControl(b[p])) {
                return endOfLine(b, p, n);
            }
        }
        return INCOMPLETE;
    }

    private static boolean isLineBreakOrControl(byte b) {
        int c = b & 0xFF;
        return (c < ' ' && c != '\t') || c == 0x7F;
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

    /** The end of a field value from {@code start} to {@code end}, its trailing spaces and tabs left out. */
    public static int trimEnd(byte[] b, int start, int end) {
        while (end > start && isSpaceOrTab(b[end - 1])) {
            end--;
        }
        return end;
    }

    public static boolean isSpaceOrTab(byte b) {
        return b == ' ' || b == '\t';
    }

    public static boolean startsWith(byte[] b, int at, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (b[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code length} bytes at {@code at} spell {@code name}, ignoring ASCII case. */
    public static boolean is(byte[] b, int at, int length, CharSequence name) {
        if (length != name.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (AsciiString.toLowerCase((char) (b[at + i] & 0xFF)) != AsciiString.toLowerCase(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
