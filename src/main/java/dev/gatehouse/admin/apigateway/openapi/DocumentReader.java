package dev.gatehouse.admin.apigateway.openapi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads an OpenAPI document (JSON or YAML) into a tree, safely: a size cap, a depth cap, no
 * duplicate keys, and YAML aliases expanded by us against a node budget (Jackson's YAML parser
 * would otherwise turn an alias into the anchor's name; SnakeYAML's composer is not used, so no
 * Java type is ever constructed from a tag). An alias bomb exhausts the budget and fails fast.
 */
final class DocumentReader {

    static final int MAX_BYTES = 5 * 1024 * 1024;
    private static final int MAX_DEPTH = 64;
    private static final int MAX_ALIASES = 100;
    private static final int MAX_NODES = 200_000;

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxDocumentLength(MAX_BYTES).build())
            .build();
    private static final YAMLFactory YAML = yamlFactory();

    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private final Map<String, JsonNode> anchors = new HashMap<>();
    private int aliases;
    private int nodeCount;

    private DocumentReader() {
    }

    /** The document's root object; {@link OpenApiException} for anything that is not one. */
    static ObjectNode read(byte[] document) {
        if (document == null || document.length == 0) {
            throw OpenApiException.invalidInput();
        }
        if (document.length > MAX_BYTES) {
            throw OpenApiException.tooLarge(MAX_BYTES);
        }
        boolean json = firstSignificantByte(document) == '{';
        try (JsonParser parser = json ? JSON.createParser(document) : YAML.createParser(document)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw OpenApiException.invalidInput();
            }
            JsonNode root = new DocumentReader().value(parser, 0);
            if (parser.nextToken() != null) {
                throw OpenApiException.invalidInput();
            }
            return (ObjectNode) root;
        } catch (IOException | RuntimeException e) {
            if (e instanceof OpenApiException known) {
                throw known;
            }
            // Syntax errors, SnakeYAML limits, encoding errors: all the caller's document.
            throw OpenApiException.invalidInput();
        }
    }

    private JsonNode value(JsonParser parser, int depth) throws IOException {
        if (depth > MAX_DEPTH || ++nodeCount > MAX_NODES) {
            throw OpenApiException.invalidInput();
        }
        JsonToken token = parser.currentToken();
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            return alias(parser.getText());
        }
        String anchor = parser instanceof YAMLParser yaml ? yaml.getObjectId() : null;
        JsonNode node = switch (token) {
            case START_OBJECT -> object(parser, depth);
            case START_ARRAY -> array(parser, depth);
            case VALUE_STRING -> nodes.textNode(parser.getText());
            case VALUE_NUMBER_INT -> nodes.numberNode(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT -> nodes.numberNode(parser.getDecimalValue());
            case VALUE_TRUE -> nodes.booleanNode(true);
            case VALUE_FALSE -> nodes.booleanNode(false);
            case VALUE_NULL -> nodes.nullNode();
            default -> throw OpenApiException.invalidInput();
        };
        if (anchor != null) {
            anchors.put(anchor, node);
        }
        return node;
    }

    private ObjectNode object(JsonParser parser, int depth) throws IOException {
        ObjectNode object = nodes.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            JsonNode value = value(parser, depth + 1);
            if (name.equals("<<") && parser instanceof YAMLParser) {
                // YAML merge key: the aliased mapping's entries, where this mapping has none of its own.
                if (!value.isObject()) {
                    throw OpenApiException.invalidInput();
                }
                value.properties().forEach(e -> {
                    if (!object.has(e.getKey())) {
                        object.set(e.getKey(), e.getValue());
                    }
                });
                continue;
            }
            if (object.has(name)) {
                throw OpenApiException.invalidInput();
            }
            object.set(name, value);
        }
        return object;
    }

    private ArrayNode array(JsonParser parser, int depth) throws IOException {
        ArrayNode array = nodes.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(value(parser, depth + 1));
        }
        return array;
    }

    /** Reuses the anchored subtree, charging its full size to the budget each time. */
    private JsonNode alias(String anchor) {
        JsonNode target = anchors.get(anchor);
        if (target == null || ++aliases > MAX_ALIASES) {
            throw OpenApiException.invalidInput();
        }
        nodeCount += size(target, MAX_NODES - nodeCount + 1);
        if (nodeCount > MAX_NODES) {
            throw OpenApiException.invalidInput();
        }
        return target;
    }

    private static int size(JsonNode node, int limit) {
        int total = 1;
        for (JsonNode child : node) {
            if (total > limit) {
                return total;
            }
            total += size(child, limit - total);
        }
        return total;
    }

    private static int firstSignificantByte(byte[] document) {
        int i = 0;
        if (document.length >= 3 && (document[0] & 0xff) == 0xEF && (document[1] & 0xff) == 0xBB && (document[2] & 0xff) == 0xBF) {
            i = 3;
        }
        while (i < document.length && Character.isWhitespace(document[i])) {
            i++;
        }
        return i < document.length ? document[i] : -1;
    }

    private static YAMLFactory yamlFactory() {
        LoaderOptions loader = new LoaderOptions();
        loader.setCodePointLimit(MAX_BYTES);
        loader.setNestingDepthLimit(MAX_DEPTH);
        loader.setAllowDuplicateKeys(false);
        return YAMLFactory.builder()
                .loaderOptions(loader)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxDocumentLength(MAX_BYTES).build())
                .build();
    }
}
