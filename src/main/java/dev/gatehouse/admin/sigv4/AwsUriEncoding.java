package dev.gatehouse.admin.sigv4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * AWS SigV4 UriEncode(): every byte except the unreserved characters A-Z a-z 0-9 - . _ ~ becomes %XY
 * with upper-case hex; a space is %20, never '+'.
 */
final class AwsUriEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private AwsUriEncoding() {
    }

    static boolean isUnreserved(int b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                || b == '-' || b == '.' || b == '_' || b == '~';
    }

    /** Encodes the UTF-8 bytes of {@code text}, leaving '/' as is when {@code keepSlash}. */
    static void encode(String text, boolean keepSlash, StringBuilder out) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            appendByte(b & 0xff, keepSlash, out);
        }
    }

    static void encodeBytes(byte[] bytes, StringBuilder out) {
        for (byte b : bytes) {
            appendByte(b & 0xff, false, out);
        }
    }

    /**
     * Percent-decodes one query-string key or value to bytes. '+' decodes to a space, as the AWS
     * SDKs read it; a malformed escape is refused.
     */
    static byte[] decodeQueryComponent(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int high = i + 2 < text.length() ? hexValue(text.charAt(i + 1)) : -1;
                int low = high >= 0 ? hexValue(text.charAt(i + 2)) : -1;
                if (low < 0) {
                    throw SigV4Exception.incompleteSignature("The query string contains a malformed percent-encoding.");
                }
                bytes.write((high << 4) | low);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                int codePoint = text.codePointAt(i);
                byte[] utf8 = Character.toString(codePoint).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
                i += Character.charCount(codePoint) - 1;
            }
        }
        return bytes.toByteArray();
    }

    /** ASCII hex digits only: Character.digit would also accept non-ASCII digits. */
    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    private static void appendByte(int b, boolean keepSlash, StringBuilder out) {
        if (isUnreserved(b) || (keepSlash && b == '/')) {
            out.append((char) b);
        } else {
            out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
        }
    }
}
