package dev.gatehouse.observe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway access log: one JSON line per request in {@code {dataDir}/access.jsonl} and through the
 * {@code gatehouse.access} logger. A bounded queue and one daemon thread do the writing, so event
 * loops never wait on disk; when the queue is full entries are dropped and counted rather than
 * slowing requests down.
 */
public final class JsonLinesAccessLog implements AccessLog, AutoCloseable {

    public static final String FILE_NAME = "access.jsonl";
    private static final Logger ACCESS = LoggerFactory.getLogger("gatehouse.access");
    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesAccessLog.class);
    private static final JsonFactory JSON = new JsonFactory();

    private final BlockingQueue<AccessLogEntry> queue = new ArrayBlockingQueue<>(65_536);
    private final AtomicLong dropped = new AtomicLong();
    private final BufferedWriter file;
    private final Thread writer;
    private volatile boolean closed;

    public JsonLinesAccessLog(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        this.file = Files.newBufferedWriter(dataDir.resolve(FILE_NAME), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        this.writer = new Thread(this::drain, "gatehouse-access-log");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void record(AccessLogEntry entry) {
        if (closed || !queue.offer(entry)) {
            dropped.incrementAndGet();
        }
    }

    public long dropped() {
        return dropped.get();
    }

    private void drain() {
        try {
            while (!closed || !queue.isEmpty()) {
                AccessLogEntry entry = queue.poll(200, TimeUnit.MILLISECONDS);
                if (entry == null) {
                    continue;
                }
                String line = toJson(entry);
                ACCESS.info(line);
                file.write(line);
                file.newLine();
                if (queue.isEmpty()) {
                    file.flush();
                }
            }
            file.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("Could not write the access log: {}", e.getMessage());
        }
    }

    static String toJson(AccessLogEntry e) {
        StringWriter out = new StringWriter(256);
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
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        return out.toString();
    }

    @Override
    public void close() {
        closed = true;
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
