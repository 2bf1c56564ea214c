package dev.gatehouse.observe;

import dev.gatehouse.json.JsonStrings;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The gateway access log: one JSON line per request in {@code {dataDir}/access.jsonl} and through the
 * {@code gatehouse.access} logger. Event loops format their line (by hand, while the entry's strings
 * are still in their cache) and enqueue it (lock-free, no thread wake-up: on a busy core a wake-up
 * per request costs a context switch per request); one daemon thread wakes every
 * {@link #DRAIN_INTERVAL} and writes the batch with one flush, so event loops never wait on disk. When {@link #CAPACITY} entries are waiting, new ones are dropped and counted rather than
 * slowing requests down.
 */
public final class JsonLinesAccessLog implements AccessLog, AutoCloseable {

    public static final String FILE_NAME = "access.jsonl";
    static final int CAPACITY = 65_536;
    static final Duration DRAIN_INTERVAL = Duration.ofMillis(50);
    private static final Logger ACCESS = LoggerFactory.getLogger("gatehouse.access");
    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesAccessLog.class);
    /** Characters formatted before they are handed to the file writer. */
    private static final int BATCH_CHARS = 32 * 1024;

    /** Lines formatted by the recording thread: its entry's strings are still in its cache then, not 50 ms later. */
    private final Queue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    /** Bytes, not a Writer: a Writer's charset encoder went char by char; String.getBytes copies ASCII lines whole. */
    private final OutputStream file;
    private final Thread writer;
    private volatile boolean closed;

    public JsonLinesAccessLog(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        this.file = Files.newOutputStream(dataDir.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        this.writer = new Thread(this::drainUntilClosed, "gatehouse-access-log");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void record(AccessLogEntry entry) {
        if (closed) {
            dropped.incrementAndGet();
        } else if (waiting.incrementAndGet() > CAPACITY) {
            waiting.decrementAndGet();
            dropped.incrementAndGet();
        } else {
            queue.offer(toJson(entry));
        }
    }

    public long dropped() {
        return dropped.get();
    }

    private void drainUntilClosed() {
        try {
            while (!closed) {
                LockSupport.parkNanos(DRAIN_INTERVAL.toNanos());
                drain();
            }
            drain(); // what was recorded before close
        } catch (IOException e) {
            LOG.warn("Could not write the access log: {}", e.getMessage());
        }
    }

    private void drain() throws IOException {
        String line = queue.poll();
        if (line == null) {
            return;
        }
        boolean alsoLogger = ACCESS.isInfoEnabled();
        StringBuilder batch = new StringBuilder(BATCH_CHARS + 1024);
        while (line != null) {
            waiting.decrementAndGet();
            if (alsoLogger) {
                ACCESS.info(line);
            }
            batch.append(line).append('\n');
            if (batch.length() >= BATCH_CHARS) {
                file.write(batch.toString().getBytes(StandardCharsets.UTF_8));
                batch.setLength(0);
            }
            line = queue.poll();
        }
        file.write(batch.toString().getBytes(StandardCharsets.UTF_8));
        file.flush();
    }

    static String toJson(AccessLogEntry e) {
        StringBuilder out = new StringBuilder(256);
        appendJson(e, out);
        return out.toString();
    }

    /**
     * One entry as a JSON object, written by hand: a generator per line (as with Jackson before) cost
     * more than the rest of the line's formatting together.
     */
    static void appendJson(AccessLogEntry e, StringBuilder out) {
        out.append('{');
        out.append("\"requestTime\":\"");
        appendInstant(e.requestTime(), out);
        out.append('"');
        field(out, "requestId", e.requestId(), true);
        field(out, "apiId", e.apiId(), true);
        field(out, "stage", e.stage(), true);
        field(out, "resourcePath", e.resourcePath(), true);
        field(out, "httpMethod", e.httpMethod(), true);
        field(out, "path", e.path(), true);
        if (e.query() != null) {
            field(out, "query", e.query(), true);
        }
        out.append(",\"status\":").append(e.status());
        out.append(",\"responseLatency\":").append(e.responseLatency());
        out.append(",\"integrationLatency\":").append(e.integrationLatency());
        field(out, "clientId", e.clientId(), true);
        field(out, "sourceIp", e.sourceIp(), true);
        field(out, "authorizerError", e.errorReason(), true);
        out.append('}');
    }

    private static void field(StringBuilder out, String name, String value, boolean comma) {
        if (comma) {
            out.append(',');
        }
        out.append('"').append(name).append("\":");
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        JsonStrings.appendEscaped(out, value).append('"');
    }

    /**
     * {@link Instant#toString()} (ISO-8601, fraction in groups of three digits as needed) with the
     * date and time of day formatted once per second: the formatter was a visible share of a line.
     */
    static void appendInstant(Instant time, StringBuilder out) {
        SecondPrefix cached = lastSecond;
        if (cached == null || cached.epochSecond != time.getEpochSecond()) {
            String full = Instant.ofEpochSecond(time.getEpochSecond()).toString();
            cached = new SecondPrefix(time.getEpochSecond(), full.substring(0, full.length() - 1));
            lastSecond = cached;
        }
        out.append(cached.text);
        int nanos = time.getNano();
        if (nanos != 0) {
            int digits = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
            int value = digits == 3 ? nanos / 1_000_000 : digits == 6 ? nanos / 1_000 : nanos;
            out.append('.');
            String number = Integer.toString(value);
            for (int pad = number.length(); pad < digits; pad++) {
                out.append('0');
            }
            out.append(number);
        }
        out.append('Z');
    }

    private record SecondPrefix(long epochSecond, String text) {
    }

    /** Only the writer thread formats, but tests call {@link #toJson} from theirs: a racy cache of immutables is fine. */
    private static volatile SecondPrefix lastSecond;

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(writer);
        try {
            writer.join(5000);
            file.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("Could not close the access log: {}", e.getMessage());
        }
    }
}
