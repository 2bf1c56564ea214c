package dev.gatehouse.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;

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

    /** Each default: property, value. */
    static final Map<String, String> DEFAULTS = Map.of(NETTY_JFR, "false");

    private static List<String> applied;

    private RuntimeDefaults() {
    }

    /** Sets each default the operator left open, once; returns what was set, for the start-up banner. */
    public static synchronized List<String> apply() {
        if (applied == null) {
            applied = applyTo(System.getProperties());
        }
        return applied;
    }

    /** Sets in {@code properties} each default they lack; returns those, as {@code -Dname=value}. */
    static List<String> applyTo(Properties properties) {
        List<String> set = new ArrayList<>();
        DEFAULTS.forEach((property, value) -> {
            if (properties.getProperty(property) == null) {
                properties.setProperty(property, value);
                set.add("-D" + property + "=" + value);
            }
        });
        Collections.sort(set);
        return List.copyOf(set);
    }
}
