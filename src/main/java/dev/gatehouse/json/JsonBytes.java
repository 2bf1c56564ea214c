package dev.gatehouse.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array that JSON text is written into as UTF-8, for text that leaves as bytes (the
 * access log): writing bytes directly saves building a String and encoding it afterwards. Strings are
 * escaped by the rules of {@link JsonStrings} and encoded exactly as {@code String.getBytes(UTF_8)}
 * encodes the escaped text, a lone surrogate included (it becomes {@code ?}). One thread at a time;
 * meant to be cleared and reused.
 */
public final class JsonBytes {

    private byte[] bytes;
    private int length;

    public JsonBytes(int capacity) {
        bytes = new byte[capacity];
    }

    public int length() {
        return length;
    }

    public void clear() {
        length = 0;
    }

    /** The bytes written so far, in an array of their own. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    /** One ASCII character. */
    public JsonBytes append(char ascii) {
        ensure(1);
        bytes[length++] = (byte) ascii;
        return this;
    }

    /** Bytes that are already JSON text, such as pre-encoded field names. */
    public JsonBytes append(byte[] text) {
        ensure(text.length);
        System.arraycopy(text, 0, bytes, length, text.length);
        length += text.length;
        return this;
    }

    /** A number as JSON writes it. */
    public JsonBytes append(long value) {
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                return append(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
            }
            append('-');
            value = -value;
        }
        return appendDigits(value, 1);
    }

    /** A non-negative number in at least {@code width} digits, zeros in front: no Integer.toString per number. */
    public JsonBytes appendDigits(long value, int width) {
        int digits = 1;
        for (long bound = 10; digits < 19 && value >= bound; bound *= 10) {
            digits++;
        }
        digits = Math.max(digits, width);
        ensure(digits);
        for (int i = length + digits - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += digits;
        return this;
    }

    /**
     * {@code value} escaped, without quotes, in UTF-8. The common value (ASCII, nothing to escape) is
     * one scan and one array copy.
     */
    public JsonBytes appendEscaped(String value) {
        int clean = 0;
        while (clean < value.length() && value.charAt(clean) < 0x80 && JsonStrings.escapeOf(value.charAt(clean)) == 0) {
            clean++;
        }
        ensure(clean);
        copyAscii(value, clean);
        for (int i = clean; i < value.length(); i++) {
            char c = value.charAt(i);
            int escape = JsonStrings.escapeOf(c);
            if (escape != 0) {
                appendEscape(c, escape);
            } else if (c < 0x80) {
                append(c);
            } else if (!Character.isSurrogate(c)) {
                appendUtf8(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                appendUtf8(Character.toCodePoint(c, value.charAt(++i)));
            } else {
                append('?'); // what String.getBytes(UTF_8) writes for a lone surrogate
            }
        }
        return this;
    }

    /** The first {@code count} chars of {@code value}, all ASCII: String's own copy of its bytes is the fastest. */
    @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int) drops each char's high byte: none here
    private void copyAscii(String value, int count) {
        value.getBytes(0, count, bytes, length);
        length += count;
    }

    private void appendEscape(char c, int escape) {
        append('\\').append((char) escape);
        if (escape == 'u') {
            ensure(4);
            for (int shift = 12; shift >= 0; shift -= 4) {
                bytes[length++] = (byte) JsonStrings.hexDigit(c, shift);
            }
        }
    }

    /** A code point from U+0080 up, as two, three or four bytes. */
    private void appendUtf8(int codePoint) {
        ensure(4);
        if (codePoint < 0x800) {
            bytes[length++] = (byte) (0xC0 | codePoint >> 6);
        } else {
            if (codePoint < 0x10000) {
                bytes[length++] = (byte) (0xE0 | codePoint >> 12);
            } else {
                bytes[length++] = (byte) (0xF0 | codePoint >> 18);
                bytes[length++] = (byte) (0x80 | (codePoint >> 12) & 0x3F);
            }
            bytes[length++] = (byte) (0x80 | (codePoint >> 6) & 0x3F);
        }
        bytes[length++] = (byte) (0x80 | codePoint & 0x3F);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
