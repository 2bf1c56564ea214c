package dev.gatehouse.observe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.json.JsonBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLinesAccessLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static AccessLogEntry entry(int i) {
        return new AccessLogEntry(Instant.parse("2026-11-26T07:00:00Z"), "req-" + i, "api1", "prod", "/items",
                "GET", "/items", i % 2 == 0 ? null : "q=\"x\"", 200, 3, 1, "client-" + i, "127.0.0.1",
                i % 3 == 0 ? "scope_mismatch" : null);
    }

    @Test
    void everyRecordedEntryIsOneJsonLineOnceClosed(@TempDir Path dir) throws Exception {
        JsonLinesAccessLog log = new JsonLinesAccessLog(dir);
        for (int i = 0; i < 1_000; i++) {
            log.record(entry(i));
        }
        log.close();

        List<String> lines = Files.readAllLines(dir.resolve(JsonLinesAccessLog.FILE_NAME), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(1_000);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = JSON.readTree(lines.get(i));
            assertThat(line.get("requestId").asText()).isEqualTo("req-" + i);
            assertThat(line.get("requestTime").asText()).isEqualTo("2026-11-26T07:00:00Z");
            assertThat(line.get("status").asInt()).isEqualTo(200);
            assertThat(line.has("query")).isEqualTo(i % 2 != 0);
            assertThat(line.get("authorizerError").isNull()).isEqualTo(i % 3 != 0);
        }
        assertThat(log.dropped()).isZero();
    }

    @Test
    void textWithQuotesBackslashesControlAndNonAsciiCharactersWhenParsedBackThenUnchanged() throws Exception {
        String odd = "/a\"b\\c\nd\re\tf\u0001g\u001fh\u00e9i\u2028j\u20ack";
        AccessLogEntry entry = new AccessLogEntry(Instant.parse("2026-11-26T07:00:00Z"), "r", "api1", "prod", null,
                "GET", odd, odd, 200, 3, -1, null, "127.0.0.1", null);

        String line = AccessLogLine.toJson(entry);

        assertThat(line).doesNotContain("\n", "\r", "\u2028");
        JsonNode parsed = JSON.readTree(line);
        assertThat(parsed.get("path").asText()).isEqualTo(odd);
        assertThat(parsed.get("query").asText()).isEqualTo(odd);
        assertThat(parsed.get("resourcePath").isNull()).isTrue();
        assertThat(parsed.get("integrationLatency").asLong()).isEqualTo(-1);
    }

    @Test
    void requestTimeWhenFormattedThenAsInstantToStringAtEveryPrecision() {
        for (String text : List.of("2026-11-26T07:00:00Z", "2026-11-26T07:00:00.100Z", "2026-11-26T07:00:00.000001Z",
                "2026-11-26T07:00:00.123456Z", "2026-11-26T07:00:00.000000007Z", "2026-11-26T07:00:01.5Z",
                "1970-01-01T00:00:00.999999999Z", "+12026-01-01T00:00:00.01Z")) {
            Instant time = Instant.parse(text);
            JsonBytes out = new JsonBytes(8);

            AccessLogLine.appendInstant(time, out);

            assertThat(out.toByteArray()).isEqualTo(time.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void entriesReachTheFileWhileRunningWithoutClose(@TempDir Path dir) throws Exception {
        try (JsonLinesAccessLog log = new JsonLinesAccessLog(dir)) {
            log.record(entry(1));
            Path file = dir.resolve(JsonLinesAccessLog.FILE_NAME);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (Files.size(file) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(Files.readAllLines(file)).singleElement().asString().contains("\"requestId\":\"req-1\"");
        }
    }

    @Test
    void entriesAfterCloseAreDroppedAndCounted(@TempDir Path dir) throws Exception {
        JsonLinesAccessLog log = new JsonLinesAccessLog(dir);
        log.close();

        log.record(entry(1));

        assertThat(log.dropped()).isEqualTo(1);
        assertThat(Files.readAllLines(dir.resolve(JsonLinesAccessLog.FILE_NAME))).isEmpty();
    }

    @Test
    void appendsToAnExistingFile(@TempDir Path dir) throws Exception {
        try (JsonLinesAccessLog first = new JsonLinesAccessLog(dir)) {
            first.record(entry(1));
        }
        try (JsonLinesAccessLog second = new JsonLinesAccessLog(dir)) {
            second.record(entry(2));
        }
        assertThat(Files.readAllLines(dir.resolve(JsonLinesAccessLog.FILE_NAME))).hasSize(2);
    }

    @Test
    void linesLongerThanABatchWhenWrittenThenWholeAndInOrder(@TempDir Path dir) throws Exception {
        String longPath = "/" + "é".repeat(40_000);
        List<AccessLogEntry> entries = List.of(entry(1), withPath(entry(2), longPath), entry(3), withPath(entry(4), longPath));
        try (JsonLinesAccessLog log = new JsonLinesAccessLog(dir)) {
            entries.forEach(log::record);
        }
        assertThat(Files.readAllLines(dir.resolve(JsonLinesAccessLog.FILE_NAME), StandardCharsets.UTF_8))
                .containsExactlyElementsOf(entries.stream().map(AccessLogLine::toJson).toList());
    }

    @Test
    void accessLoggerAtInfoWhenRecordingThenGetsTheLinesOfTheFile(@TempDir Path dir) throws Exception {
        Logger access = (Logger) LoggerFactory.getLogger("gatehouse.access");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Level level = access.getLevel();
        access.setLevel(Level.INFO);
        access.addAppender(appender);
        try (JsonLinesAccessLog log = new JsonLinesAccessLog(dir)) {
            log.record(entry(1));
            log.record(withPath(entry(2), "/é\u2028€😀"));
        } finally {
            access.detachAppender(appender);
            access.setLevel(level);
        }
        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactlyElementsOf(Files.readAllLines(dir.resolve(JsonLinesAccessLog.FILE_NAME), StandardCharsets.UTF_8));
    }

    private static AccessLogEntry withPath(AccessLogEntry e, String path) {
        return new AccessLogEntry(e.requestTime(), e.requestId(), e.apiId(), e.stage(), e.resourcePath(), e.httpMethod(),
                path, e.query(), e.status(), e.responseLatency(), e.integrationLatency(), e.clientId(), e.sourceIp(),
                e.errorReason());
    }
}
