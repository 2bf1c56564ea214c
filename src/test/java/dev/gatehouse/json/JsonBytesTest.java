package dev.gatehouse.json;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Bytes as the char escaper's String encoded with {@code getBytes(UTF_8)}, numbers as {@code Long.toString}. */
class JsonBytesTest {

    @Test
    void everyCharAloneAndBetweenOthersWhenEscapedThenAsTheEncodedString() {
        JsonBytes out = new JsonBytes(1);
        for (int c = 0; c <= 0xFFFF; c++) {
            for (String value : new String[] {String.valueOf((char) c), "a" + (char) c + "é"}) {
                out.clear();
                byte[] expected = JsonStrings.escape(value).getBytes(StandardCharsets.UTF_8);
                byte[] actual = out.appendEscaped(value).toByteArray();
                if (!java.util.Arrays.equals(actual, expected)) {
                    assertThat(actual).as("U+%04X in %s", c, value).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void everySupplementaryCodePointWhenEscapedThenFourBytesAsTheEncodedString() {
        JsonBytes out = new JsonBytes(1);
        for (int codePoint = 0x10000; codePoint <= Character.MAX_CODE_POINT; codePoint += 0x3F) {
            String value = new StringBuilder("x").appendCodePoint(codePoint).append('"').toString();
            out.clear();
            byte[] expected = JsonStrings.escape(value).getBytes(StandardCharsets.UTF_8);
            byte[] actual = out.appendEscaped(value).toByteArray();
            if (!java.util.Arrays.equals(actual, expected)) {
                assertThat(actual).as("U+%X", codePoint).isEqualTo(expected);
            }
        }
    }

    @Test
    void numbersWhenAppendedThenAsLongToString() {
        for (long n : new long[] {0, 7, -7, 10, -10, 123_456_789, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1,
                999_999_999_999_999_999L, 1_000_000_000_000_000_000L}) {
            assertThat(new JsonBytes(1).append(n).toString()).isEqualTo(Long.toString(n));
        }
    }

    @Test
    void digitsWhenNarrowerThanTheWidthThenZerosInFront() {
        assertThat(new JsonBytes(1).appendDigits(7, 3).toString()).isEqualTo("007");
        assertThat(new JsonBytes(1).appendDigits(0, 9).toString()).isEqualTo("000000000");
        assertThat(new JsonBytes(1).appendDigits(123_456, 6).toString()).isEqualTo("123456");
        assertThat(new JsonBytes(1).appendDigits(1234, 3).toString()).isEqualTo("1234");
    }
}
