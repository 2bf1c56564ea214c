package dev.gatehouse.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Escaped values read back by a standard JSON parser as the original, with no raw line breaks left. */
class JsonStringsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "quote\"", "back\\slash", "line\nbreak\r\ttab", "\u0000\u0001\u001f",
            "é€ and \u2028\u2029 separators", "\"\\\"\\", "tail\n"})
    void escapedWhenParsedThenOriginalAndNoRawBreaks(String value) throws Exception {
        String escaped = JsonStrings.escape(value);
        assertThat(JSON.readValue("\"" + escaped + "\"", String.class)).isEqualTo(value);
        assertThat(escaped).doesNotContain("\n", "\r", "\u2028", "\u2029");
        assertThat(JsonStrings.appendEscaped(new StringBuilder("x"), value).toString()).isEqualTo("x" + escaped);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "us-east-1_abc", "https://example.com/pool"})
    void cleanValueWhenEscapedThenSameInstance(String value) {
        assertThat(JsonStrings.escape(value)).isSameAs(value);
    }
}
