package dev.gatehouse.model;

import java.util.Locale;

/** Cognito's TimeUnitsType: the unit a token validity value is counted in. */
public enum TimeUnit {
    SECONDS(1), MINUTES(60), HOURS(3600), DAYS(86400);

    private final long seconds;

    TimeUnit(long seconds) {
        this.seconds = seconds;
    }

    public long toSeconds(long value) {
        return value * seconds;
    }

    /** The wire name: {@code seconds}, {@code minutes}, {@code hours}, {@code days}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TimeUnit fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
