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
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
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
    void latestMigrationConstantIsTheHighestScript() throws IOException, URISyntaxException {
        Path scripts = Path.of(Objects.requireNonNull(getClass().getResource("/db/migration")).toURI());
        int highest;
        try (Stream<Path> files = Files.list(scripts)) {
            highest = files.map(file -> VERSIONED.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches).mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow();
        }
        assertThat(SchemaCurrency.LATEST_MIGRATION).isEqualTo(highest);
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
