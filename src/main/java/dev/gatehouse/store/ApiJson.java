package dev.gatehouse.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.model.api.ApiDefinition;
import dev.gatehouse.model.api.ThrottleSettings;

import java.util.Map;

/**
 * The stored text form of API definitions and stage settings: the records' own JSON. Unknown
 * members are ignored, so a newer node's additions do not break an older one reading them.
 */
public final class ApiJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ApiJson() {
    }

    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("API records always serialise", e);
        }
    }

    public static ApiDefinition definition(String text) {
        return read(text, new TypeReference<>() { });
    }

    public static Map<String, String> stringMap(String text) {
        return read(text, new TypeReference<>() { });
    }

    public static ThrottleSettings throttle(String text) {
        return read(text, new TypeReference<>() { });
    }

    public static Map<String, ThrottleSettings> throttles(String text) {
        return read(text, new TypeReference<>() { });
    }

    private static <T> T read(String text, TypeReference<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored API JSON is unreadable", e);
        }
    }
}
