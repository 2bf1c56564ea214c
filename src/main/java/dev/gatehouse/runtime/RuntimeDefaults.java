package dev.gatehouse.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Defaults the server sets on itself at launch, since {@code java -jar gatehouse.jar serve} carries no
 * JVM options (issue 5). Each applies only when the operator has not chosen: a {@code -D} system
 * property given on the command line wins. {@link #apply} must run before any Netty class loads.
 */
public final class RuntimeDefaults {

    /**
     * Netty's allocator registers JDK Flight Recorder events with its first buffer, which starts up
     * JFR's metadata repository (a hundred classes and ~60 ms of the first request's CPU) on a server
     * that is not being recorded. {@code -Dio.netty.jfr.enabled=true} brings the events back.
     */
    static final String NETTY_JFR = "io.netty.jfr.enabled";

    private static final List<String> applied = new ArrayList<>();
    private static boolean done;

    private RuntimeDefaults() {
    }

    /** Sets each default the operator left open; returns what was set, for the start-up log. */
    public static synchronized List<String> apply() {
        if (!done) {
            done = true;
            setIfAbsent(NETTY_JFR, "false");
        }
        return Collections.unmodifiableList(applied);
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
            applied.add("-D" + property + "=" + value);
        }
    }
}
