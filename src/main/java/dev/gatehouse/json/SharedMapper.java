package dev.gatehouse.json;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One {@link ObjectMapper} with Jackson's defaults for every place that wants exactly that, made at
 * the first {@link #get} (the JVM runs this class's initialiser then, once, thread-safely). Start-up
 * used to build a dozen such mappers, and the first of them loaded jackson-databind's few hundred
 * classes before the server could answer (issue 5); now a process pays for it when its first request
 * needs a tree. A mapper is thread-safe once configured, and this one is never reconfigured: a place
 * that wants other settings builds its own.
 */
public final class SharedMapper {

    private static final ObjectMapper DEFAULTS = new ObjectMapper();

    private SharedMapper() {
    }

    public static ObjectMapper get() {
        return DEFAULTS;
    }
}
