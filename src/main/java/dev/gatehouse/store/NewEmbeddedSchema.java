package dev.gatehouse.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the schema of a new embedded H2 database as Flyway would: the same scripts, run by H2's own
 * {@code RUNSCRIPT}, and the same {@code flyway_schema_history} table and rows, checksums included, so
 * Flyway takes the database over unchanged at the next upgrade (SchemaMigrationTest compares the two).
 * It spares the first start Flyway's own cost, about as much again as the rest of start-up (issue 5).
 * Only an H2 database with no tables at all qualifies; anything else, and every PostgreSQL database
 * (several nodes may start at once; Flyway's lock orders them), goes to Flyway.
 */
final class NewEmbeddedSchema {

    private static final String CREATE_HISTORY = """
            CREATE TABLE "flyway_schema_history" (
                "installed_rank" INT NOT NULL,
                "version" VARCHAR(50),
                "description" VARCHAR(200) NOT NULL,
                "type" VARCHAR(20) NOT NULL,
                "script" VARCHAR(1000) NOT NULL,
                "checksum" INT,
                "installed_by" VARCHAR(100) NOT NULL,
                "installed_on" TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL,
                "execution_time" INT NOT NULL,
                "success" BOOLEAN NOT NULL,
                CONSTRAINT "flyway_schema_history_pk" PRIMARY KEY ("installed_rank"))""";
    private static final String INDEX_HISTORY =
            "CREATE INDEX \"flyway_schema_history_s_idx\" ON \"flyway_schema_history\" (\"success\")";
    private static final String RECORD = "INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", "
            + "\"description\", \"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\") "
            + "VALUES (?, ?, ?, ?, ?, ?, USER(), ?, TRUE)";

    private NewEmbeddedSchema() {
    }

    /** An H2 database in its default schema, with no table in it yet. */
    static boolean applies(String jdbcUrl, String schema, DataSource dataSource) throws SQLException {
        if (!jdbcUrl.startsWith("jdbc:h2:") || schema != null) {
            return false;
        }
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery(
                     "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = SCHEMA()")) {
            return count.next() && count.getLong(1) == 0;
        }
    }

    /** Runs every script, recording each as Flyway does once it has run (a crash part-way leaves a true history). */
    static void create(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(CREATE_HISTORY);
            statement.execute(INDEX_HISTORY);
            runAndRecord(connection, statement);
        }
    }

    private static void runAndRecord(Connection connection, Statement statement) throws SQLException {
        try (PreparedStatement record = connection.prepareStatement(RECORD)) {
            insert(record, -1, null, "<< Flyway Schema History table created >>", "TABLE", "", null, 0);
            int rank = 1;
            for (String script : Migrations.SCRIPTS) {
                long started = System.nanoTime();
                statement.execute("RUNSCRIPT FROM 'classpath:/" + Migrations.LOCATION + "/" + script + "' CHARSET 'UTF-8'");
                int millis = (int) ((System.nanoTime() - started) / 1_000_000);
                insert(record, rank++, String.valueOf(Migrations.version(script)), Migrations.description(script), "SQL",
                        script, Migrations.checksum(script), millis);
            }
        }
    }

    private static void insert(PreparedStatement record, int rank, String version, String description, String type,
                               String script, Integer checksum, int millis) throws SQLException {
        record.setInt(1, rank);
        record.setString(2, version);
        record.setString(3, description);
        record.setString(4, type);
        record.setString(5, script);
        if (checksum == null) {
            record.setNull(6, java.sql.Types.INTEGER);
        } else {
            record.setInt(6, checksum);
        }
        record.setInt(7, millis);
        record.executeUpdate();
    }
}
