package dev.gatehouse.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
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

    /** Each of the 65,536 chars, as the rules read before they became a table: short forms, else {@code \}{@code u%04x}. */
    @Test
    void everyCharWhenEscapedThenAsTheRulesSay() {
        for (int c = 0; c <= 0xFFFF; c++) {
            String expected = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> c < 0x20 || c == 0x2028 || c == 0x2029 ? String.format("\\u%04x", c) : String.valueOf((char) c);
            };
            String escaped = JsonStrings.escape("a" + (char) c + "b");
            if (!escaped.equals("a" + expected + "b")) {
                assertThat(escaped).as("U+%04X", c).isEqualTo("a" + expected + "b");
            }
        }
    }
}
