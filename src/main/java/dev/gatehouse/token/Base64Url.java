package dev.gatehouse.token;

import java.util.Base64;

/**
 * Strict base64url (RFC 7515 §2, RFC 4648 §5): the URL-safe alphabet only, no padding, no white
 * space, and the unused low bits of the last character zero, so every byte string has exactly one
 * accepted encoding (SECURITY JW-24).
 */
public final class Base64Url {

    private Base64Url() {
    }

    /** The decoded bytes of {@code text[start, end)}, or null if that is not canonical base64url. */
    public static byte[] decode(String text, int start, int end) {
        int length = end - start;
        if (length <= 0 || length % 4 == 1) {
            return null;
        }
        int last = -1;
        for (int i = start; i < end; i++) {
            last = value(text.charAt(i));
            if (last < 0) {
                return null;
            }
        }
        // 2 trailing chars carry 8 bits of 12, 3 carry 16 of 18: the rest must be zero.
        int unusedMask = switch (length % 4) {
            case 2 -> 0x0F;
            case 3 -> 0x03;
            default -> 0;
        };
        if ((last & unusedMask) != 0) {
            return null;
        }
        return Base64.getUrlDecoder().decode(text.substring(start, end));
    }

    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '-') {
            return 62;
        }
        return c == '_' ? 63 : -1;
    }
}
