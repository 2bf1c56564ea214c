package dev.gatehouse.json;

/**
 * JSON string content (RFC 8259 §7) for the hot paths that write JSON by hand (token claims,
 * access-log lines) instead of building a tree. Besides what RFC 8259 requires, U+2028 and U+2029
 * are escaped, so the text is also safe where it ends up inside JavaScript. The rules are
 * {@link #escapeOf}, shared by this char escaper and the byte one of {@link JsonBytes}.
 */
public final class JsonStrings {

    /** For each character below 0x80, what follows the backslash when it is escaped; 0 when it is not. */
    private static final byte[] ASCII_ESCAPES = new byte[0x80];

    static {
        for (int c = 0; c < 0x20; c++) {
            ASCII_ESCAPES[c] = 'u';
        }
        ASCII_ESCAPES['"'] = '"';
        ASCII_ESCAPES['\\'] = '\\';
        ASCII_ESCAPES['\n'] = 'n';
        ASCII_ESCAPES['\r'] = 'r';
        ASCII_ESCAPES['\t'] = 't';
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonStrings() {
    }

    /** Appends {@code value} escaped, without quotes; the common clean value is one array copy. */
    public static StringBuilder appendEscaped(StringBuilder out, String value) {
        int clean = 0;
        while (clean < value.length() && escapeOf(value.charAt(clean)) == 0) {
            clean++;
        }
        if (clean == value.length()) {
            return out.append(value);
        }
        out.append(value, 0, clean);
        for (int i = clean; i < value.length(); i++) {
            char c = value.charAt(i);
            int escape = escapeOf(c);
            if (escape == 0) {
                out.append(c);
            } else {
                out.append('\\').append((char) escape);
                if (escape == 'u') {
                    for (int shift = 12; shift >= 0; shift -= 4) {
                        out.append(hexDigit(c, shift));
                    }
                }
            }
        }
        return out;
    }

    /** {@code value} escaped, without quotes; the same instance when nothing needs escaping. */
    public static String escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (escapeOf(value.charAt(i)) != 0) {
                return appendEscaped(new StringBuilder(value.length() + 8), value).toString();
            }
        }
        return value;
    }

    /**
     * What follows the backslash when {@code c} is escaped: {@code "}, {@code \}, {@code n}, {@code r},
     * {@code t}, or {@code u} for the {@code \}{@code uXXXX} form (four lower-case hex digits); 0 when
     * {@code c} is written as it is.
     */
    static int escapeOf(char c) {
        if (c < 0x80) {
            return ASCII_ESCAPES[c];
        }
        return c == 0x2028 || c == 0x2029 ? 'u' : 0;
    }

    /** The hex digit of {@code c} at bit {@code shift} (12, 8, 4, 0), lower case. */
    static char hexDigit(char c, int shift) {
        return HEX[(c >> shift) & 0xF];
    }
}
