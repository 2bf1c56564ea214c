package dev.gatehouse.store;

import dev.gatehouse.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Start-up hands the schema to Flyway only when it is not already current (issue 5): a new or older
 * schema is migrated, a current one is left alone, and anything odd in the history goes to Flyway.
 */
class SchemaMigrationTest {

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.+\\.sql");

    @TempDir
    Path dir;
    private final List<String> schemas = new ArrayList<>();

    @AfterEach
    void dropSchemas() {
        schemas.forEach(TestDatabase::drop);
    }

    @Test
    void scriptListIsTheMigrationDirectoryInVersionOrder() throws IOException, URISyntaxException {
        Path scripts = Path.of(Objects.requireNonNull(getClass().getResource("/" + Migrations.LOCATION)).toURI());
        List<String> names;
        try (Stream<Path> files = Files.list(scripts)) {
            names = files.map(file -> file.getFileName().toString()).filter(name -> VERSIONED.matcher(name).matches())
                    .sorted(Comparator.comparingInt(Migrations::version)).toList();
        }
        assertThat(Migrations.SCRIPTS).isEqualTo(names);
        assertThat(SchemaCurrency.LATEST_MIGRATION).isEqualTo(Migrations.version(names.get(names.size() - 1)));
    }

    /** The build's template (EmbeddedTemplate): what a new embedded database starts as. */
    @Test
    void newEmbeddedDatabaseWhenOpenedThenIsTheTemplateWithTheSchemaAndHistoryFlywayWouldMake() throws SQLException {
        assertThat(EmbeddedTemplate.class.getResource(EmbeddedTemplate.RESOURCE)).as("made by the build").isNotNull();
        String ours = h2Url("ours");
        Instant before = Instant.now().minusSeconds(1);
        try (Database opened = Database.open(ours, null, null, null)) {
            assertThat(opened.migrated()).isTrue();
        }
        assertThat(tableCount(ours, "INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'REST_API'")).isOne();
        assertSameAsFlyway(ours);
        assertThat(installedOn(ours)).as("stamped at the copy, not at the build").allMatch(time -> !time.isBefore(before));
    }

    /** Without the template (classes run outside the build) H2 runs the scripts, to the same result. */
    @Test
    void newEmbeddedDatabaseWhenCreatedByTheScriptsThenHasTheSchemaAndHistoryFlywayWouldMake() throws SQLException {
        String ours = h2Url("scripts");
        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL(ours);
        assertThat(NewEmbeddedSchema.applies(ours, null, h2)).isTrue();
        NewEmbeddedSchema.create(h2);
        assertSameAsFlyway(ours);
    }

    private void assertSameAsFlyway(String ours) throws SQLException {
        String byFlyway = h2Url("by-flyway");
        Flyway.configure().dataSource(byFlyway, null, null).locations("classpath:" + Migrations.LOCATION).load().migrate();
        assertThat(schemaScript(ours)).isEqualTo(schemaScript(byFlyway)).isNotEmpty();
        assertThat(history(ours)).isEqualTo(history(byFlyway)).hasSize(Migrations.SCRIPTS.size() + 1);
        Flyway flyway = Flyway.configure().dataSource(ours, null, null).locations("classpath:" + Migrations.LOCATION).load();
        assertThat(flyway.validateWithResult().validationSuccessful).isTrue();
        assertThat(flyway.migrate().migrationsExecuted).isZero();
    }

    @Test
    void templateWhenTheUrlIsNotTheEmbeddedDefaultOrTheFileExistsThenNotUsed() throws IOException {
        String url = h2Url("t");
        assertThat(EmbeddedTemplate.newDatabaseFile(url, null, null, null)).contains(dir.resolve("t").resolve("gatehouse.mv.db"));
        assertThat(EmbeddedTemplate.newDatabaseFile(url, "sa", null, null)).isEmpty();
        assertThat(EmbeddedTemplate.newDatabaseFile(url, null, "secret", null)).isEmpty();
        assertThat(EmbeddedTemplate.newDatabaseFile(url, null, null, "tenant")).isEmpty();
        assertThat(EmbeddedTemplate.newDatabaseFile(url.replace(";DB_CLOSE_ON_EXIT=FALSE", ";MODE=PostgreSQL;DB_CLOSE_ON_EXIT=FALSE"),
                null, null, null)).isEmpty();
        assertThat(EmbeddedTemplate.newDatabaseFile("jdbc:h2:file:relative/gatehouse;DB_CLOSE_ON_EXIT=FALSE", null, null, null)).isEmpty();
        assertThat(EmbeddedTemplate.newDatabaseFile("jdbc:h2:mem:x;DB_CLOSE_ON_EXIT=FALSE", null, null, null)).isEmpty();
        assertThat(EmbeddedTemplate.newDatabaseFile("jdbc:postgresql://127.0.0.1/x", null, null, null)).isEmpty();
        Files.createDirectories(dir.resolve("t"));
        Files.writeString(dir.resolve("t").resolve("gatehouse.mv.db"), "not a template");
        assertThat(EmbeddedTemplate.newDatabaseFile(url, null, null, null)).isEmpty();
        assertThat(EmbeddedTemplate.install(url, null, null, null)).isFalse();
        assertThat(Files.readString(dir.resolve("t").resolve("gatehouse.mv.db"))).isEqualTo("not a template");
        try (Stream<Path> files = Files.list(dir.resolve("t"))) {
            assertThat(files).as("no partial copy left behind").hasSize(1);
        }
    }

    private static long tableCount(String url, String from) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM " + from)) {
            count.next();
            return count.getLong(1);
        }
    }

    private static List<Instant> installedOn(String url) throws SQLException {
        List<Instant> times = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT \"installed_on\" FROM \"flyway_schema_history\"")) {
            while (rows.next()) {
                times.add(rows.getTimestamp(1).toInstant());
            }
        }
        return times;
    }

    @Test
    void databaseWithTablesButNoHistoryIsLeftToFlyway() throws SQLException {
        String url = h2Url("stray");
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE stray (id INT)");
        }
        // Flyway refuses a non-empty schema without a history table; the shortcut must not paper over it.
        assertThatThrownBy(() -> Database.open(url, null, null, null)).isInstanceOf(FlywayException.class);
    }

    private String h2Url(String name) {
        return "jdbc:h2:file:" + dir.resolve(name).resolve("gatehouse") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /** The DDL of every object, as H2 writes it out, without the comment and user lines. */
    private static List<String> schemaScript(String url) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SCRIPT NODATA")) {
            while (rows.next()) {
                String line = rows.getString(1);
                if (!line.startsWith("--") && !line.startsWith("CREATE USER")) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    /** Every history row but its time and duration. */
    private static List<List<Object>> history(String url) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet found = statement.executeQuery("SELECT \"installed_rank\", \"version\", \"description\", "
                     + "\"type\", \"script\", \"checksum\", \"installed_by\", \"success\" FROM \"flyway_schema_history\" "
                     + "ORDER BY \"installed_rank\"")) {
            while (found.next()) {
                List<Object> row = new ArrayList<>();
                for (int column = 1; column <= 8; column++) {
                    row.add(found.getObject(column));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void newSchemaIsMigratedAndLaterOpensLeaveItAlone(TestDatabase database) {
        Target target = target(database);
        try (Database first = target.open()) {
            assertThat(first.migrated()).isTrue();
            assertThat(SchemaCurrency.appliedVersion(first.dataSource())).isEqualTo(SchemaCurrency.LATEST_MIGRATION);
        }
        try (Database second = target.open()) {
            assertThat(second.migrated()).isFalse();
            assertThat(SchemaCurrency.isCurrent(second.dataSource())).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void schemaBehindIsMigratedToTheLatest(TestDatabase database) {
        Target target = target(database);
        target.flyway().target(String.valueOf(SchemaCurrency.LATEST_MIGRATION - 1)).load().migrate();
        try (Database opened = target.open()) {
            assertThat(opened.migrated()).isTrue();
            assertThat(SchemaCurrency.appliedVersion(opened.dataSource())).isEqualTo(SchemaCurrency.LATEST_MIGRATION);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void failedMigrationInTheHistoryIsLeftToFlywayToReport(TestDatabase database) throws SQLException {
        Target target = target(database);
        try (Database opened = target.open();
             Connection connection = opened.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE \"flyway_schema_history\" SET \"success\" = FALSE WHERE \"version\" = '"
                    + SchemaCurrency.LATEST_MIGRATION + "'");
            assertThat(SchemaCurrency.isCurrent(opened.dataSource())).isFalse();
        }
        assertThatThrownBy(target::open).isInstanceOf(FlywayException.class);
    }

    /** One database to open repeatedly: an H2 file in a temp dir, or a fresh PostgreSQL schema. */
    private record Target(String url, String schema) {
        Database open() {
            return Database.open(url, null, null, schema);
        }

        org.flywaydb.core.api.configuration.FluentConfiguration flyway() {
            return Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration")
                    .schemas(schema == null ? new String[0] : new String[] {schema}).createSchemas(schema != null);
        }
    }

    private Target target(TestDatabase database) {
        if (database == TestDatabase.H2) {
            return new Target("jdbc:h2:file:" + dir.resolve("gatehouse") + ";DB_CLOSE_ON_EXIT=FALSE", null);
        }
        Assumptions.assumeTrue(TestDatabase.postgresConfigured(), TestDatabase.ENV + " is not set");
        String schema = TestDatabase.freshSchema();
        schemas.add(schema);
        return new Target(TestDatabase.postgresUrl(), schema);
    }
}
