package dev.gatehouse.bench;

import dev.gatehouse.observe.AccessLogEntry;
import dev.gatehouse.observe.JsonLinesAccessLog;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * What the access log costs per line on each side, in CPU time of the thread that pays it: the
 * recording thread (format and enqueue, what an event loop pays) and the log's writer thread. Only the
 * public API, so the same class measures any version of {@link JsonLinesAccessLog}. Lines go to
 * {@code /dev/null} (the file is a link to it): the kernel's page-cache copy of a real file is left
 * out, it is the same for every version. Entries are recorded in bursts below the queue's capacity,
 * with a pause for the writer's drain after each, so nothing is dropped. Pin it to one core:
 * {@code taskset -c 1 java -cp "<test class path>:target/classes:target/test-classes"
 * dev.gatehouse.bench.AccessLogCost [runs] [lines per run]}.
 */
public final class AccessLogCost {

    private static final int BURST = 20_000;

    private AccessLogCost() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int lines = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        AccessLogEntry[] entries = typicalEntries(4096);
        measure(entries, lines, false); // warm-up
        double[] recorder = new double[runs];
        double[] writer = new double[runs];
        for (int run = 0; run < runs; run++) {
            double[] perLine = measure(entries, lines, true);
            recorder[run] = perLine[0];
            writer[run] = perLine[1];
        }
        System.out.printf("recorder ns/line: min %.1f median %.1f   writer ns/line: min %.1f median %.1f%n",
                min(recorder), median(recorder), min(writer), median(writer));
    }

    /** The entry the brief calls typical, with distinct request ids and times 22 µs apart (~45,000/s). */
    static AccessLogEntry[] typicalEntries(int count) {
        Instant start = Instant.parse("2026-11-26T07:00:00.000123Z");
        AccessLogEntry[] entries = new AccessLogEntry[count];
        for (int i = 0; i < count; i++) {
            entries[i] = new AccessLogEntry(start.plusNanos(22_000L * i), UUID.randomUUID().toString(), "a1b2c3d4e5",
                    "bench", "/items", "GET", "/bench/items", null, 200, 1, 1, "7h3k2m9q4r8s1t6v5w0x2y4z7a",
                    "127.0.0.1", null);
        }
        return entries;
    }

    /** {recorder ns per line, writer ns per line}, both in thread CPU time. */
    private static double[] measure(AccessLogEntry[] entries, int lines, boolean print) throws Exception {
        Path dir = Files.createTempDirectory("access-log-cost");
        Path file = dir.resolve(JsonLinesAccessLog.FILE_NAME);
        Files.createSymbolicLink(file, Paths.get("/dev/null"));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        JsonLinesAccessLog log = new JsonLinesAccessLog(dir);
        Thread writer = writerThread();
        long writerStart = threads.getThreadCpuTime(writer.getId());
        long cpu = 0;
        long allocated = 0;
        for (int done = 0; done < lines; done += BURST) {
            long cpuBefore = threads.getCurrentThreadCpuTime();
            long allocatedBefore = threads.getThreadAllocatedBytes(self);
            for (int i = done; i < done + BURST; i++) {
                log.record(entries[i & (entries.length - 1)]);
            }
            cpu += threads.getCurrentThreadCpuTime() - cpuBefore;
            allocated += threads.getThreadAllocatedBytes(self) - allocatedBefore;
            Thread.sleep(120); // the writer drains within 50 ms
        }
        long writerCpu = threads.getThreadCpuTime(writer.getId()) - writerStart;
        log.close();
        Files.delete(file);
        Files.delete(dir);
        if (log.dropped() != 0) {
            throw new IllegalStateException(log.dropped() + " dropped");
        }
        double recorder = (double) cpu / lines;
        double writing = (double) writerCpu / lines;
        if (print) {
            System.out.printf("recorder %.1f ns/line (%.0f B allocated/line), writer %.1f ns/line%n", recorder,
                    (double) allocated / lines, writing);
        }
        return new double[] {recorder, writing};
    }

    private static Thread writerThread() {
        List<Thread> found = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("gatehouse-access-log") && thread.isAlive()) {
                found.add(thread);
            }
        }
        if (found.size() != 1) {
            throw new IllegalStateException("writer threads: " + found);
        }
        return found.get(0);
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
