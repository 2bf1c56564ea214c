package dev.gatehouse.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

/**
 * Hands the C heap's free pages back to the operating system now and then. glibc keeps what the JIT
 * compiler and native libraries have freed: after the benchmark's load about 25 MiB of the process's
 * resident memory was such free space (issue 5). The JDK's {@code -XX:TrimNativeHeapInterval} does
 * the same but is a JVM option, which {@code java -jar} does not carry; this runs the same diagnostic
 * command ({@code System.trim_native_heap}) through the platform MBean server. Where the JVM cannot
 * trim (not glibc), the command reports so and nothing happens.
 */
public final class NativeHeapTrim {

    /** Seconds between trims; 0 turns trimming off. */
    public static final String INTERVAL_PROPERTY = "gatehouse.trimNativeHeapSeconds";
    static final long DEFAULT_INTERVAL_SECONDS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(NativeHeapTrim.class);
    private static final String OPERATION = "systemTrimNativeHeap";

    private volatile boolean failed;

    /** The configured interval in seconds: the system property, else the default; 0 means never. */
    public static long intervalSeconds() {
        String value = System.getProperty(INTERVAL_PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_INTERVAL_SECONDS;
        }
        try {
            return Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            LOG.warn("-D{}={} is not a whole number of seconds; using {}", INTERVAL_PROPERTY, value,
                    DEFAULT_INTERVAL_SECONDS);
            return DEFAULT_INTERVAL_SECONDS;
        }
    }

    /**
     * Trims once; blocking (the first call starts the platform MBean server, a few hundred ms of CPU).
     * Returns the JVM's report, e.g. "Trim native heap: RSS+Swap: 270M->246M (-24996K)", or null
     * once trimming has failed (it is then not tried again).
     */
    public String trim() {
        if (failed) {
            return null;
        }
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            Object report = server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), OPERATION,
                    new Object[] {null}, new String[] {String[].class.getName()});
            LOG.debug("{}", report);
            return String.valueOf(report).trim();
        } catch (Exception | LinkageError e) { // no such command on this JVM, or management is unavailable
            failed = true;
            LOG.info("Native heap trimming is not available here ({}); not trying again", e.toString());
            return null;
        }
    }
}
