package dev.gatehouse.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

/**
 * Appends the change-log row every write ends with (DESIGN §3), naming what changed (a pool id, or
 * {@code api:{id}}), so every node refreshes its directory. One place for both stores, because the
 * ordering lock must never be forgotten.
 */
final class ChangeLog {

    private static final String LOG_CHANGE = "INSERT INTO change_log (pool_id, changed_at) VALUES (?, ?)";
    /** Held until commit: revisions commit in the order they are taken (V6__change_log_order.sql). */
    private static final String LOCK_CHANGE_ORDER =
            "SELECT setting_value FROM gatehouse_setting WHERE setting_name = 'change_log.order' FOR UPDATE";

    private ChangeLog() {
    }

    static long append(Connection c, String changed, long millis) throws SQLException {
        Jdbc.query(c, LOCK_CHANGE_ORDER, row -> row.getString(1));
        return Jdbc.update(c, LOG_CHANGE, changed, millis);
    }

    /** The shape of most writes: one statement and the change-log row for {@code changed}, in one transaction. */
    static void updateLogged(Jdbc jdbc, Clock clock, String changed, String sql, Object... params) {
        jdbc.inTransaction(c -> {
            Jdbc.update(c, sql, params);
            return append(c, changed, clock.millis());
        });
    }
}
