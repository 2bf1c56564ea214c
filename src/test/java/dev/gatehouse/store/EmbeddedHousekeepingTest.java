package dev.gatehouse.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An embedded H2 database opens with its background writer (and the file compaction it runs)
 * held off, commits still reach the file, and resuming brings the writer back.
 */
class EmbeddedHousekeepingTest {

    @TempDir
    Path dir;

    @Test
    void embeddedDatabaseOpensWithoutItsBackgroundWriterUntilResumed() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("gatehouse") + ";DB_CLOSE_ON_EXIT=FALSE";
        try (Database database = Database.open(url, null, null, null)) {
            assertThat(database.housekeepingPaused()).isTrue();
            assertThat(backgroundWriterRunning()).isFalse();
            write(database, "written while paused");

            database.resumeHousekeeping();

            assertThat(database.housekeepingPaused()).isFalse();
            assertThat(backgroundWriterRunning()).isTrue();
            database.resumeHousekeeping(); // a second resume changes nothing
            assertThat(backgroundWriterRunning()).isTrue();
        }
        try (Database reopened = Database.open(url, null, null, null)) {
            assertThat(read(reopened)).isEqualTo("written while paused");
            reopened.resumeHousekeeping();
        }
    }

    @Test
    void inMemoryDatabaseHasNothingToHoldOff() {
        try (Database database = Database.open("jdbc:h2:mem:housekeeping;DB_CLOSE_DELAY=-1", null, null, null)) {
            assertThat(database.housekeepingPaused()).isFalse();
            database.resumeHousekeeping();
        }
    }

    private boolean backgroundWriterRunning() {
        String name = "MVStore background writer " + dir.resolve("gatehouse.mv.db");
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    private static void write(Database database, String value) throws Exception {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement(
                     "INSERT INTO gatehouse_setting (setting_name, setting_value) VALUES ('housekeeping.test', ?)")) {
            s.setString(1, value);
            s.executeUpdate();
        }
    }

    private static String read(Database database) throws Exception {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT setting_value FROM gatehouse_setting WHERE setting_name = 'housekeeping.test'");
             ResultSet rows = s.executeQuery()) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }
}
