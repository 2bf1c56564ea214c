package dev.gatehouse.json;

/**
 * JSON string content (RFC 8259 §7) for the hot paths that write JSON by hand (token claims,
 * access-log lines) instead of building a tree. Besides what RFC 8259 requires, U+2028 and U+2029
 * are escaped, so the text is also safe where it ends up inside JavaScript.
 */
public final class JsonStrings {

    private JsonStrings() {
    }

    /** Appends {@code value} escaped, without quotes; the common clean value is one array copy. */
    public static StringBuilder appendEscaped(StringBuilder out, String value) {
        int clean = 0;
        while (clean < value.length() && !needsEscape(value.charAt(clean))) {
            clean++;
        }
        if (clean == value.length()) {
            return out.append(value);
        }
        out.append(value, 0, clean);
        for (int i = clean; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (needsEscape(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out;
    }

    /** {@code value} escaped, without quotes; the same instance when nothing needs escaping. */
    public static String escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (needsEscape(value.charAt(i))) {
                return appendEscaped(new StringBuilder(value.length() + 8), value).toString();
            }
        }
        return value;
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || c == '"' || c == '\\' || c == 0x2028 || c == 0x2029;
    }
}
