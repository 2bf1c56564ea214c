package dev.gatehouse.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Tells whether the schema already holds every migration this build ships, by one read of Flyway's
 * history table. When it does, {@link Database} skips Flyway altogether: loading, configuring and
 * running it costs a few hundred milliseconds of class loading and SQL parsing on every start
 * (issue 5), to find there is nothing to do. Anything unusual (no history table, a failed or
 * repeatable migration, a version that is not a whole number) answers "not current", so Flyway runs
 * and applies, waits for another node's lock, or reports the problem as before. Flyway's checksum
 * check of applied scripts therefore runs only on starts that migrate.
 */
final class SchemaCurrency {

    /** The highest {@code V<n>__*.sql} under {@code db/migration}. */
    static final int LATEST_MIGRATION = Migrations.LATEST;

    private static final String HISTORY_QUERY =
            "SELECT \"version\", \"success\", \"type\" FROM \"flyway_schema_history\"";

    private SchemaCurrency() {
    }

    /** The highest successfully applied version if every row is a plain successful migration, else -1. */
    static int appliedVersion(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(HISTORY_QUERY)) {
            int highest = -1;
            while (rows.next()) {
                String version = rows.getString(1);
                if (!rows.getBoolean(2)) {
                    return -1;
                }
                if (version == null) {
                    if (isMarker(rows.getString(3))) {
                        continue;
                    }
                    return -1;
                }
                highest = Math.max(highest, Integer.parseInt(version));
            }
            return highest;
        } catch (SQLException | NumberFormatException e) {
            return -1; // no history table yet (a new database), or one Flyway must judge
        }
    }

    /** Flyway's own rows: the history table (H2) or the schema (PostgreSQL) was created. */
    private static boolean isMarker(String type) {
        return "TABLE".equals(type) || "SCHEMA".equals(type);
    }

    /**
     * True when the schema is at this build's latest migration or beyond (a newer node of a shared
     * database migrated first; Flyway too leaves such "future" migrations alone).
     */
    static boolean isCurrent(DataSource dataSource) {
        return appliedVersion(dataSource) >= LATEST_MIGRATION;
    }
}
