package dev.gatehouse.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Opens the connection pool and brings the schema up to date with Flyway. The same migrations
 * run on H2 and PostgreSQL. A schema that is already current is not handed to Flyway at all
 * ({@link SchemaCurrency}): that is every start but the first and those after an upgrade; nor is a
 * new embedded database, which starts as a copy of the build's ({@link EmbeddedTemplate}) or, without
 * one, gets the scripts run by H2 ({@link NewEmbeddedSchema}).
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final boolean migrated;
    private final Optional<EmbeddedHousekeeping> housekeeping;

    private Database(HikariDataSource dataSource, boolean migrated, String jdbcUrl) {
        this.dataSource = dataSource;
        this.migrated = migrated;
        this.housekeeping = EmbeddedHousekeeping.pause(jdbcUrl, dataSource);
    }

    /**
     * The schema is current when this returns. An embedded H2 database comes back with its
     * background writer paused ({@link EmbeddedHousekeeping}) until {@link #resumeHousekeeping()}:
     * the server resumes it once it is listening.
     *
     * @param schema a PostgreSQL schema to work in (created if absent), or null for the default;
     *               tests use one schema per run
     */
    public static Database open(String jdbcUrl, String user, String password, String schema) {
        skipH2ObjectCache();
        boolean fromTemplate = EmbeddedTemplate.install(jdbcUrl, user, password, schema);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        if (schema != null) {
            config.setSchema(schema);
        }
        config.setPoolName("gatehouse-db");
        config.setMaximumPoolSize(8);
        // Fail fast when the database is down (SECURITY F1): a write waits at most this long.
        config.setConnectionTimeout(2_000);
        config.setValidationTimeout(1_000);
        config.setInitializationFailTimeout(10_000);
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            if (fromTemplate && SchemaCurrency.isCurrent(dataSource)) {
                EmbeddedTemplate.stamp(dataSource);
                return new Database(dataSource, true, jdbcUrl);
            }
            // A new embedded database first: asking it for a history table it lacks would throw, and H2 formats
            // every SQLException into a trace file in the data directory (issue 5).
            if (NewEmbeddedSchema.applies(jdbcUrl, schema, dataSource)) {
                NewEmbeddedSchema.create(dataSource);
                return new Database(dataSource, true, jdbcUrl);
            }
            if (SchemaCurrency.isCurrent(dataSource)) {
                return new Database(dataSource, false, jdbcUrl);
            }
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:" + Migrations.LOCATION)
                    .schemas(schema == null ? new String[0] : new String[] {schema})
                    .createSchemas(schema != null)
                    .load()
                    .migrate();
        } catch (SQLException e) {
            dataSource.close();
            throw new StoreException("Could not create the schema of the new embedded database", e);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource, true, jdbcUrl);
    }

    /**
     * H2 passes every string it reads through a shared cache of recent values (hashing each one
     * to share repeats); start-up reads a million strings and the look-ups cost ~5 % of its main
     * thread, for values the directory load shares itself where they repeat. Read once, when H2
     * first loads, so only if nothing (an operator's {@code -Dh2.objectCache}) set it before.
     */
    private static void skipH2ObjectCache() {
        if (System.getProperty("h2.objectCache") == null) {
            System.setProperty("h2.objectCache", "false");
        }
    }

    /** Whether this open created or migrated the schema, or found it current and left it alone. */
    public boolean migrated() {
        return migrated;
    }

    /** Lets H2's background writer (and its file compaction) run again; nothing for other databases. */
    public void resumeHousekeeping() {
        housekeeping.ifPresent(EmbeddedHousekeeping::resume);
    }

    /** Whether H2's background writer is held off (tests). */
    public boolean housekeepingPaused() {
        return housekeeping.map(EmbeddedHousekeeping::paused).orElse(false);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
