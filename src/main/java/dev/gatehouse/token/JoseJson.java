package dev.gatehouse.token;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a JOSE header or JWT claims set as strictly as RFC 7515 §5.2 / RFC 7519 §7.2 allow:
 * strict UTF-8 (no BOM, no overlong forms, SECURITY JW-29), a JSON object from the first byte to
 * the last, no duplicate member names at any level (JW-21, JW-22: a downstream parser might keep
 * the other copy), nesting at most {@value #MAX_DEPTH} deep, checked while streaming so a deep
 * document costs no stack (JW-26). Returns null for anything else; never throws.
 *
 * <p>Values: String, Long (integers that fit), BigInteger, Double, Boolean, null, List, Map.
 */
public final class JoseJson {

    static final int MAX_DEPTH = 8;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH + 1)
                    .maxNumberLength(64)
                    .build())
            .build();

    private JoseJson() {
    }

    public static Map<String, Object> parseObject(byte[] utf8) {
        if (utf8.length < 2 || utf8[0] != '{' || utf8[utf8.length - 1] != '}') {
            return null; // also refuses a BOM and leading white space
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Map<String, Object> object = readObject(parser, 1);
            return object != null && parser.nextToken() == null ? object : null;
        } catch (IOException | RuntimeException e) {
            return null; // malformed JSON or a broken constraint
        }
    }

    /** Reads the members of an object whose START_OBJECT was just read. */
    private static Map<String, Object> readObject(JsonParser parser, int depth) throws IOException {
        Map<String, Object> members = new LinkedHashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            Object value = readValue(parser, depth);
            if (value == INVALID || members.containsKey(name)) {
                return null;
            }
            members.put(name, value);
        }
        return token == JsonToken.END_OBJECT ? Collections.unmodifiableMap(members) : null;
    }

    private static final Object INVALID = new Object();

    private static Object readValue(JsonParser parser, int depth) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            return INVALID;
        }
        switch (token) {
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? parser.getBigIntegerValue() : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            case START_OBJECT: {
                if (depth >= MAX_DEPTH) {
                    return INVALID;
                }
                Map<String, Object> object = readObject(parser, depth + 1);
                return object == null ? INVALID : object;
            }
            case START_ARRAY: {
                if (depth >= MAX_DEPTH) {
                    return INVALID;
                }
                List<Object> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    Object item = readValue(parser, depth + 1);
                    if (item == INVALID) {
                        return INVALID;
                    }
                    items.add(item);
                }
                return Collections.unmodifiableList(items);
            }
            default:
                return INVALID;
        }
    }
}
