package dev.gatehouse.store.jdbc;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shares equal values among the rows of one read. H2 hands out a new string for every value of
 * every row (its own cache of recent values is off, see {@code Database}), and the directory keeps
 * what start-up reads: 100,000 app clients mostly repeating the same pool ids, flows and settings,
 * 10,000 pools the same sign-in settings. Shared, the scale set's directory takes ~150 MB of heap
 * instead of ~230 MB, which the collector no longer copies while the directory is built. Only
 * immutable values (strings, immutable lists of them) are shared.
 */
final class Dedup {

    /** Shares nothing: for reads of a single row. */
    static final Dedup NONE = new Dedup(false);

    private final boolean sharing;
    private final Map<String, String> strings = new HashMap<>();
    private final Map<String, List<String>> lines = new HashMap<>();

    private Dedup(boolean sharing) {
        this.sharing = sharing;
    }

    /** A new scope of sharing: for one read of many rows. */
    Dedup() {
        this(true);
    }

    /** The first string read that equals {@code value} (null stays null). */
    String of(String value) {
        if (value == null || !sharing) {
            return value;
        }
        String first = strings.putIfAbsent(value, value);
        return first == null ? value : first;
    }

    /** {@link JdbcStore#split} of a newline-joined column, one list per distinct text. */
    List<String> lines(String joined) {
        if (!sharing) {
            return JdbcStore.split(joined);
        }
        List<String> list = lines.get(joined);
        if (list == null) {
            list = JdbcStore.split(joined);
            lines.put(joined, list);
        }
        return list;
    }
}
