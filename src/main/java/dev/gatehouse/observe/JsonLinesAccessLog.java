package dev.gatehouse.observe;

import dev.gatehouse.json.JsonBytes;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
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
 * {@code gatehouse.access} logger. Event loops format their line (by hand, while the entry's strings
 * are still in their cache) straight into UTF-8 bytes ({@link AccessLogLine}, in a buffer of their
 * own) and enqueue a copy (lock-free, no thread wake-up: on a busy core a wake-up per request costs a
 * context switch per request); one daemon thread wakes every {@link #DRAIN_INTERVAL} and writes the
 * batch with one flush, so event loops never wait on disk, and it only copies bytes. When
 * {@link #CAPACITY} entries are waiting, new ones are dropped and counted rather than slowing
 * requests down.
 */
public final class JsonLinesAccessLog implements AccessLog, AutoCloseable {

    public static final String FILE_NAME = "access.jsonl";
    static final int CAPACITY = 65_536;
    static final Duration DRAIN_INTERVAL = Duration.ofMillis(50);
    private static final Logger ACCESS = LoggerFactory.getLogger("gatehouse.access");
    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesAccessLog.class);
    /** Bytes gathered before they are handed to the file. */
    private static final int BATCH_BYTES = 32 * 1024;
    /** Each recording thread's line buffer, reused: a line costs one allocation, its own copy for the queue. */
    private static final ThreadLocal<JsonBytes> LINE = ThreadLocal.withInitial(() -> new JsonBytes(512));

    /** UTF-8 lines, each ending in a newline, formatted by the recording thread (its entry is still in its cache). */
    private final Queue<byte[]> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final OutputStream file;
    /** The writer thread's: lines are copied in and written with one call per batch. */
    private final byte[] batch = new byte[BATCH_BYTES];
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
            JsonBytes line = LINE.get();
            line.clear();
            AccessLogLine.write(entry, line);
            queue.offer(line.append('\n').toByteArray());
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
        byte[] line = queue.poll();
        if (line == null) {
            return;
        }
        boolean alsoLogger = ACCESS.isInfoEnabled();
        int filled = 0;
        int taken = 0; // off the queue, not yet taken off waiting: one atomic update per batch, not per line
        while (line != null) {
            taken++;
            if (alsoLogger) {
                ACCESS.info(new String(line, 0, line.length - 1, StandardCharsets.UTF_8));
            }
            if (filled + line.length > batch.length) {
                file.write(batch, 0, filled);
                filled = 0;
                waiting.addAndGet(-taken);
                taken = 0;
            }
            if (line.length > batch.length) {
                file.write(line); // longer than a batch: as it is
            } else {
                System.arraycopy(line, 0, batch, filled, line.length);
                filled += line.length;
            }
            line = queue.poll();
        }
        file.write(batch, 0, filled);
        file.flush();
        waiting.addAndGet(-taken);
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
