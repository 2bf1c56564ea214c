package dev.gatehouse.oauth;

import dev.gatehouse.token.TokenError;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * A strict {@code application/x-www-form-urlencoded} parser for the token endpoint. Unlike
 * lenient parsers it refuses what RFC 6749 forbids or what hides an attack, each as
 * {@code invalid_request}: a repeated parameter (§3.2, SECURITY TE-32), malformed
 * percent-encoding or invalid UTF-8, and more parameters than {@code maxParameters} (hash-flooding
 * class, TE-22). {@code +} is a space; empty pairs ({@code a=1&&b=2}) are skipped.
 */
final class FormParser {

    private FormParser() {
    }

    static Map<String, String> parse(byte[] body, int maxParameters) {
        if (body.length == 0) {
            return Map.of();
        }
        int pairs = 1;
        for (byte b : body) {
            if (b == '&' && ++pairs > maxParameters) {
                throw TokenError.invalidRequest("Too many parameters.");
            }
        }
        Map<String, String> params = new HashMap<>();
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '&') {
                if (i > start) {
                    addPair(params, body, start, i);
                }
                start = i + 1;
            }
        }
        return Collections.unmodifiableMap(params);
    }

    /** One form-url-decoding of a whole string ({@code +} → space), or null if it is malformed. */
    static String decodeOrNull(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        try {
            return decode(bytes, 0, bytes.length);
        } catch (TokenError e) {
            return null;
        }
    }

    private static void addPair(Map<String, String> params, byte[] body, int start, int end) {
        int equals = end;
        for (int i = start; i < end; i++) {
            if (body[i] == '=') {
                equals = i;
                break;
            }
        }
        String name = decode(body, start, equals);
        String value = equals < end ? decode(body, equals + 1, end) : "";
        if (params.putIfAbsent(name, value) != null) {
            throw TokenError.invalidRequest("Parameters must not be repeated.");
        }
    }

    private static String decode(byte[] in, int start, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(end - start);
        for (int i = start; i < end; i++) {
            byte b = in[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%') {
                if (i + 2 >= end) {
                    throw TokenError.invalidRequest("Malformed percent-encoding.");
                }
                int high = Character.digit(in[i + 1], 16);
                int low = Character.digit(in[i + 2], 16);
                if (high < 0 || low < 0) {
                    throw TokenError.invalidRequest("Malformed percent-encoding.");
                }
                out.write(high << 4 | low);
                i += 2;
            } else {
                out.write(b);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw TokenError.invalidRequest("Parameters must be UTF-8.");
        }
    }
}
