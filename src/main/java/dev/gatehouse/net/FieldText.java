package dev.gatehouse.net;

import java.nio.charset.StandardCharsets;

/**
 * A field value as its bytes came off the wire (ISO-8859-1), checked by the parser that made it: no
 * control byte but HTAB, no DEL — so no CR, LF or NUL. Read as text it is a String, made once on
 * first use; sent on (the proxy passes most fields untouched, a caller's to the backend and a
 * backend's to the caller) it is copied as the bytes it is, with neither the String's encoding nor a
 * second check. Only {@link FieldLines} makes these, which is what lets {@link HeadBytes} trust them.
 */
public final class FieldText implements CharSequence {

    private final byte[] bytes;
    private String text;

    /** {@code bytes} must already have passed the parser's check; this object owns them. */
    FieldText(byte[] bytes) {
        this.bytes = bytes;
    }

    static FieldText of(byte[] source, int start, int end) {
        return new FieldText(java.util.Arrays.copyOfRange(source, start, end));
    }

    /** Copies the bytes into {@code out} at {@code at}; the caller made room for {@link #length()}. */
    void copyTo(byte[] out, int at) {
        System.arraycopy(bytes, 0, out, at, bytes.length);
    }

    @Override
    public int length() {
        return bytes.length;
    }

    @Override
    public char charAt(int index) {
        return (char) (bytes[index] & 0xFF);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return toString().subSequence(start, end);
    }

    @Override
    public String toString() {
        String made = text;
        if (made == null) {
            made = new String(bytes, StandardCharsets.ISO_8859_1);
            text = made;
        }
        return made;
    }
}
