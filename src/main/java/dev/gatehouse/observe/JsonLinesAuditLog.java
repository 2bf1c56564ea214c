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
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Audit events as JSON lines in {@code {dataDir}/audit.jsonl} and through the {@code gatehouse.audit}
 * logger. One background thread writes, so request threads (and event loops) never wait on disk.
 */
public final class JsonLinesAuditLog implements AuditLog, AutoCloseable {

    public static final String FILE_NAME = "audit.jsonl";
    private static final Logger AUDIT = LoggerFactory.getLogger("gatehouse.audit");
    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesAuditLog.class);

    /**
     * Made by the writer thread at the first event, off every request's path (the JVM initialises a
     * holder class at its first use): an ObjectMapper made here at start-up loaded all of
     * jackson-databind before the server could answer, and even a bare factory loads fifty classes
     * start-up does not need (issue 5).
     */
    private static final class Json {
        static final JsonFactory FACTORY = new JsonFactory();
    }
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "gatehouse-audit");
        thread.setDaemon(true);
        return thread;
    });
    private final BufferedWriter file;

    public JsonLinesAuditLog(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        this.file = Files.newBufferedWriter(dataDir.resolve(FILE_NAME), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Override
    public void record(AuditEvent event) {
        try {
            writer.execute(() -> write(event));
        } catch (RejectedExecutionException closed) {
            LOG.debug("Audit log closed; dropped {}", event.action());
        }
    }

    private void write(AuditEvent event) {
        String line = toJson(event);
        AUDIT.info(line);
        try {
            file.write(line);
            file.newLine();
            file.flush();
        } catch (IOException e) {
            LOG.warn("Could not write the audit log: {}", e.getMessage());
        }
    }

    String toJson(AuditEvent event) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("time", event.time().toString());
            g.writeStringField("action", event.action());
            g.writeStringField("outcome", event.outcome());
            g.writeStringField("actor", event.actor());
            g.writeStringField("source", event.source());
            g.writeStringField("target", event.target());
            if (!event.details().isEmpty()) {
                g.writeObjectFieldStart("details");
                for (Map.Entry<String, String> detail : event.details().entrySet()) {
                    g.writeStringField(detail.getKey(), detail.getValue());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
            file.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("Could not close the audit log: {}", e.getMessage());
        }
    }
}
