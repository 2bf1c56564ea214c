package dev.gatehouse.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** SECURITY GW-10, GW-11: what a path segment decodes to, and what is refused rather than guessed at. */
class RequestPathTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            items              | items
            a-b_c~d!$&'()*+,=:@ | a-b_c~d!$&'()*+,=:@
            caf%C3%A9          | café
            %41%62             | Ab
            sp%20ace           | sp ace""")
    void segmentWhenAllowedThenDecoded(String raw, String decoded) {
        assertThat(RequestPath.decodeSegment(raw)).isEqualTo(decoded);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a\\b", "a;b", "a#b", "a b", "a\"b", "a<b", "a`b", "a{b", "a|b", "a^b", "caf\u00e9",
            "a\u007fb", "a\tb", "%2F", "%2f", "%5C", "%2E", "%25", "%3B", "%00", "%7F", "%23", "%3F", "%C0%AE", "%E9", "%4", "%GG"})
    void segmentWhenAmbiguousThenRefused(String raw) {
        assertThat(RequestPath.decodeSegment(raw)).isNull();
    }

    @Test
    void segmentWhenNothingEscapedThenSameAsTheLongWay() {
        Random random = new Random(20261126);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder segment = new StringBuilder();
            for (int length = random.nextInt(6); length > 0; length--) {
                segment.append((char) (random.nextInt(10) == 0 ? random.nextInt(0x180) : 0x20 + random.nextInt(0x60)));
            }
            String raw = segment.toString().replace("%", "");
            if (raw.isEmpty() || raw.equals(".") || raw.equals("..")) {
                continue; // refused before either way is taken
            }
            assertThat(RequestPath.decodeSegment(raw)).as(raw).isEqualTo(RequestPath.decodeEscaped(raw));
        }
    }

    @Test
    void pathWhenParsedThenRawKeptForForwardingAndDecodedForMatching() {
        RequestPath path = RequestPath.parse("/bench/caf%C3%A9/items").orElseThrow();

        assertThat(path.raw()).isEqualTo(List.of("bench", "caf%C3%A9", "items"));
        assertThat(path.decoded()).isEqualTo(List.of("bench", "café", "items"));
        assertThat(path.from(1).rawPath()).isEqualTo("/caf%C3%A9/items");
        assertThat(RequestPath.parse("/a//b")).isEmpty();
        assertThat(RequestPath.parse("/a/")).isEmpty();
        assertThat(RequestPath.parse("/")).contains(RequestPath.ROOT);
    }
}
