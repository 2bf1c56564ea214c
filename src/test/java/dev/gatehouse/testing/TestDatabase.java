package dev.gatehouse.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The databases the suite runs on. H2 always; PostgreSQL when {@value #ENV} names one (CI sets it
 * to the local server, so there the PostgreSQL tests always run and fail loudly if it is down).
 * Each PostgreSQL use gets its own schema, dropped by {@link #drop}.
 */
public enum TestDatabase {
    H2, POSTGRES;

    /** e.g. {@code jdbc:postgresql://127.0.0.1:5432/test?user=root} */
    public static final String ENV = "GATEHOUSE_TEST_POSTGRES_URL";

    public static String postgresUrl() {
        String url = System.getenv(ENV);
        return url == null || url.isBlank() ? null : url;
    }

    public static boolean postgresConfigured() {
        return postgresUrl() != null;
    }

    /** A fresh schema name for one server's lifetime. */
    public static String freshSchema() {
        return "gh_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    }

    public static void drop(String schema) {
        try (Connection c = DriverManager.getConnection(postgresUrl()); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test schema " + schema, e);
        }
    }
}
