package dev.gatehouse.observe;

import dev.gatehouse.json.JsonBytes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The byte line is, byte for byte, what the String line encoded as UTF-8 was ({@link StringAccessLine}). */
class AccessLogLineTest {

    private static final Instant TIME = Instant.parse("2026-11-26T07:00:00Z");

    /** Text that has to be escaped or encoded, one kind of trouble each. */
    private static final List<String> ODD = List.of("", "plain", "q=\"x\"", "back\\slash", "\u0000\u0001\b\f\n\r\t\u001f",
            "del\u007f", "line\u2028para\u2029", "é ü ß", "Ελληνικά кириллица 日本語 العربية", "emoji 😀👍🏽",
            "𝄞 at the start and the end 𝄞", "lone high \ud800 here", "lone low \udc00 here", "\ud83d", "\ude00",
            "high at the end \ud83d", "\udc00\ud800", "high then escape \ud83d\"", "\"\\\"\\", "a=1&b=%20&c=é");

    @Test
    void everyFieldNullOrPresentWhenWrittenThenAsTheStringLine() {
        for (int mask = 0; mask < 1 << 10; mask++) {
            assertSameBytes(entry(mask, "value-" + mask, TIME));
        }
    }

    @Test
    void oddTextInEveryFieldWhenWrittenThenAsTheStringLine() {
        for (String odd : ODD) {
            assertSameBytes(entry(0, odd, TIME));
        }
    }

    @Test
    void timesWithEveryFractionWhenWrittenThenAsTheStringLine() {
        for (String time : List.of("2026-11-26T07:00:00Z", "2026-11-26T07:00:00.100Z", "2026-11-26T07:00:00.001Z",
                "2026-11-26T07:00:00.000001Z", "2026-11-26T07:00:00.123456Z", "2026-11-26T07:00:00.000000007Z",
                "2026-11-26T07:00:00.123456789Z", "2026-11-26T07:00:01.5Z", "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.999999999Z", "+12026-01-01T00:00:00.01Z", "2026-11-26T07:00:00.010200300Z")) {
            assertSameBytes(entry(0, "x", Instant.parse(time)));
        }
    }

    @Test
    void numbersWhenWrittenThenAsTheStringLine() {
        for (long n : new long[] {0, 1, -1, 9, 10, 99, 100, 1_000_000_007L, Integer.MAX_VALUE, Integer.MIN_VALUE,
                Long.MAX_VALUE, Long.MIN_VALUE, 999_999_999_999_999_999L, 1_000_000_000_000_000_000L}) {
            AccessLogEntry e = entry(0, "x", TIME);
            assertSameBytes(new AccessLogEntry(e.requestTime(), e.requestId(), e.apiId(), e.stage(), e.resourcePath(),
                    e.httpMethod(), e.path(), e.query(), (int) n, n, -n, e.clientId(), e.sourceIp(), e.errorReason()));
        }
    }

    /** Seeded random strings over the interesting ranges: ASCII and controls, escapes, 2-, 3- and 4-byte UTF-8, surrogates. */
    @Test
    void randomTextWhenWrittenThenAsTheStringLine() {
        Random random = new Random(20261126);
        char[][] ranges = {{0, 0x7f}, {'"', '"'}, {'\\', '\\'}, {0x80, 0x7ff}, {0x800, 0xd7ff}, {0xd800, 0xdbff},
                {0xdc00, 0xdfff}, {0xe000, 0xffff}, {0x2028, 0x2029}, {0, 0x1f}};
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(24); i > 0; i--) {
                if (random.nextInt(8) == 0) {
                    text.appendCodePoint(0x10000 + random.nextInt(0x100000)); // a valid pair
                } else {
                    char[] range = ranges[random.nextInt(ranges.length)];
                    text.append((char) (range[0] + random.nextInt(range[1] - range[0] + 1)));
                }
            }
            assertSameBytes(entry(random.nextInt(1 << 10), text.toString(), TIME.plusNanos(random.nextInt(1_000_000_000))));
        }
    }

    /** A line in a buffer that was used before, and grew, comes out the same. */
    @Test
    void reusedBufferWhenWrittenAgainThenOnlyTheNewLine() {
        JsonBytes out = new JsonBytes(4);
        for (String odd : ODD) {
            out.clear();
            AccessLogEntry e = entry(0, odd, TIME);
            AccessLogLine.write(e, out);
            assertThat(out.toByteArray()).isEqualTo(StringAccessLine.toJson(e).getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Bit i of {@code nulls} nulls the i-th of the ten string fields; the others hold {@code text}, every
     * other one behind its number (so text at either end of a value is tried).
     */
    private static AccessLogEntry entry(int nulls, String text, Instant time) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            values.add((nulls & 1 << i) != 0 ? null : i % 2 == 0 ? text : i + text);
        }
        return new AccessLogEntry(time, values.get(0), values.get(1), values.get(2), values.get(3), values.get(4),
                values.get(5), values.get(6), 200, 3, -1, values.get(7), values.get(8), values.get(9));
    }

    private static void assertSameBytes(AccessLogEntry entry) {
        JsonBytes out = new JsonBytes(16);
        AccessLogLine.write(entry, out);
        byte[] expected = StringAccessLine.toJson(entry).getBytes(StandardCharsets.UTF_8);
        assertThat(out.toByteArray()).as("%s", entry).isEqualTo(expected);
    }
}
