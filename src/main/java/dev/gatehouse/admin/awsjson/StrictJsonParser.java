package dev.gatehouse.admin.awsjson;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a request body as exactly one JSON object, refusing anything a lenient parser would guess about:
 * invalid UTF-8, duplicate keys (SECURITY AD-10: never first- or last-wins), comments, trailing commas,
 * NaN, trailing content, and documents beyond fixed size limits.
 */
public final class StrictJsonParser {

    /** Cognito inputs nest at most 5 deep (CreateUserPool.Schema[].StringAttributeConstraints); leave room. */
    static final int MAX_NESTING_DEPTH = 32;
    static final int MAX_STRING_LENGTH = 1 << 20;
    static final int MAX_NUMBER_LENGTH = 64;
    static final int MAX_NAME_LENGTH = 1024;

    // Coral: a top-level array fails at its first token, observed "Start of list found where not expected"
    // (Athena, raw HTTP, 2026-09-23; dynalite test helpers for DynamoDB).
    static final String LIST_NOT_EXPECTED = "Start of list found where not expected";

    /**
     * The same settings for every parser, so one mapper, made by the first request that parses a body
     * (the JVM initialises a holder class at its first use): made at start-up it loaded all of
     * jackson-databind before the server could answer (issue 5).
     */
    private static final class Strict {
        static final ObjectMapper MAPPER = newMapper();
    }

    private static ObjectMapper newMapper() {
        JsonFactory factory = new JsonFactoryBuilder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxNameLength(MAX_NAME_LENGTH)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        return JsonMapper.builder(factory)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
    }

    /** An empty body reads as {@code {}}: SDKs may send nothing for an input without members. */
    public ObjectNode parseObject(byte[] body) {
        ObjectMapper mapper = Strict.MAPPER;
        if (body.length == 0) {
            return mapper.createObjectNode();
        }
        String text = decodeUtf8(body);
        try (JsonParser parser = mapper.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                throw AwsJsonException.serialization(LIST_NOT_EXPECTED);
            }
            if (first != JsonToken.START_OBJECT) {
                throw AwsJsonException.malformedBody("body is not a JSON object");
            }
            JsonNode root = mapper.readTree(parser);
            if (parser.nextToken() != null) {
                throw AwsJsonException.malformedBody("content after the JSON object");
            }
            return (ObjectNode) root;
        } catch (StreamConstraintsException e) {
            throw AwsJsonException.malformedBody("JSON exceeds a size or nesting limit");
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the input; keep only the position.
            throw AwsJsonException.malformedBody(e.getLocation() == null ? "malformed JSON"
                    : "malformed JSON at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw AwsJsonException.malformedBody("unreadable JSON");
        }
    }

    /** Java's decoder rejects what Jackson lets through: overlong forms and UTF-8-encoded surrogates. */
    private static String decodeUtf8(byte[] body) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw AwsJsonException.malformedBody("body is not valid UTF-8");
        }
    }
}
