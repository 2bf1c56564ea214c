package dev.gatehouse.observe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The gateway access log: one JSON line per request in {@code {dataDir}/access.jsonl} and through the
 * {@code gatehouse.access} logger. Event loops only enqueue (lock-free, no thread wake-up: on a busy
 * core a wake-up per request costs a context switch per request); one daemon thread wakes every
 * {@link #DRAIN_INTERVAL}, formats the batch and writes it with one flush, so event loops never wait
 * on disk. When {@link #CAPACITY} entries are waiting, new ones are dropped and counted rather than
 * slowing requests down.
 */
public final class JsonLinesAccessLog implements AccessLog, AutoCloseable {

    public static final String FILE_NAME = "access.jsonl";
    static final int CAPACITY = 65_536;
    static final Duration DRAIN_INTERVAL = Duration.ofMillis(50);
    private static final Logger ACCESS = LoggerFactory.getLogger("gatehouse.access");
    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesAccessLog.class);
    private static final JsonFactory JSON = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);

    private final Queue<AccessLogEntry> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final Writer file;
    private final Thread writer;
    private volatile boolean closed;

    public JsonLinesAccessLog(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        this.file = Files.newBufferedWriter(dataDir.resolve(FILE_NAME), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
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
            queue.offer(entry);
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
        AccessLogEntry entry = queue.poll();
        if (entry == null) {
            return;
        }
        boolean alsoLogger = ACCESS.isInfoEnabled();
        while (entry != null) {
            waiting.decrementAndGet();
            if (alsoLogger) {
                String line = toJson(entry);
                ACCESS.info(line);
                file.write(line);
            } else {
                writeJson(entry, file);
            }
            file.write('\n');
            entry = queue.poll();
        }
        file.flush();
    }

    static String toJson(AccessLogEntry e) {
        StringWriter out = new StringWriter(256);
        try {
            writeJson(e, out);
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        return out.toString();
    }

    private static void writeJson(AccessLogEntry e, Writer out) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("requestTime", e.requestTime().toString());
            g.writeStringField("requestId", e.requestId());
            g.writeStringField("apiId", e.apiId());
            g.writeStringField("stage", e.stage());
            g.writeStringField("resourcePath", e.resourcePath());
            g.writeStringField("httpMethod", e.httpMethod());
            g.writeStringField("path", e.path());
            if (e.query() != null) {
                g.writeStringField("query", e.query());
            }
            g.writeNumberField("status", e.status());
            g.writeNumberField("responseLatency", e.responseLatency());
            g.writeNumberField("integrationLatency", e.integrationLatency());
            g.writeStringField("clientId", e.clientId());
            g.writeStringField("sourceIp", e.sourceIp());
            g.writeStringField("authorizerError", e.errorReason());
            g.writeEndObject();
        }
    }

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
