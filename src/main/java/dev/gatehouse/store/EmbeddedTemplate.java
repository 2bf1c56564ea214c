package dev.gatehouse.store;

import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A new embedded database starts as a copy of one made when Gatehouse was built: {@link NewEmbeddedSchema}'s
 * scripts and Flyway history, run once by the build ({@link #main}, pom.xml, phase process-classes) into
 * {@value #RESOURCE}. Running the scripts (and H2's table copies for their ALTER TABLEs) at the first start
 * was about a fifth of that start's CPU (issue 5); opening the copy costs what every later start costs.
 * Only the embedded default qualifies: a {@code jdbc:h2:file:} URL with an absolute path and no setting but
 * {@code DB_CLOSE_ON_EXIT=FALSE}, no user, password or schema (the template's admin is H2's default user),
 * and no database file yet. Without the resource (classes run outside the build) the scripts run as before.
 */
final class EmbeddedTemplate {

    static final String RESOURCE = "/db/embedded/gatehouse.mv.db";
    private static final String PREFIX = "jdbc:h2:file:";
    private static final String SETTINGS = ";DB_CLOSE_ON_EXIT=FALSE";
    private static final String FILE_SUFFIX = ".mv.db";
    /** The history says when this database got its schema, not when the template did. */
    private static final String STAMP = "UPDATE \"flyway_schema_history\" SET \"installed_on\" = CURRENT_TIMESTAMP";

    private EmbeddedTemplate() {
    }

    /**
     * Copies the template to where H2 would create the database of {@code jdbcUrl}, if it qualifies.
     * Returns whether it did: false when it does not qualify, there is no template, or the file exists.
     */
    static boolean install(String jdbcUrl, String user, String password, String schema) {
        Optional<Path> file = newDatabaseFile(jdbcUrl, user, password, schema);
        if (file.isEmpty()) {
            return false;
        }
        try (InputStream template = EmbeddedTemplate.class.getResourceAsStream(RESOURCE)) {
            return template != null && copy(template, file.get());
        } catch (IOException e) {
            throw new StoreException("Could not create the embedded database " + file.get(), e);
        }
    }

    /** The file H2 would create for {@code jdbcUrl}, when the URL is the embedded default's and the file is absent. */
    static Optional<Path> newDatabaseFile(String jdbcUrl, String user, String password, String schema) {
        if (user != null || password != null || schema != null
                || !jdbcUrl.startsWith(PREFIX) || !jdbcUrl.endsWith(SETTINGS)) {
            return Optional.empty();
        }
        String name = jdbcUrl.substring(PREFIX.length(), jdbcUrl.length() - SETTINGS.length());
        if (name.isEmpty() || name.contains(";") || !Path.of(name).isAbsolute()) {
            return Optional.empty();
        }
        Path file = Path.of(name + FILE_SUFFIX);
        return Files.exists(file) ? Optional.empty() : Optional.of(file);
    }

    /**
     * Written beside the target, then linked into place: a link, unlike a rename, never replaces a file
     * another process created meanwhile, and nobody sees half a copy.
     */
    private static boolean copy(InputStream template, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path partial = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".partial");
        try {
            Files.copy(template, partial, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.createLink(file, partial);
            } catch (FileAlreadyExistsException raced) {
                throw raced;
            } catch (IOException | UnsupportedOperationException noLinks) { // a file system without hard links
                Files.move(partial, file); // fails, rather than replaces, when the file exists
            }
            return true;
        } catch (FileAlreadyExistsException raced) {
            return false;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** Sets the history's install time to now: the rows were written when the template was built. */
    static void stamp(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate(STAMP);
        }
    }

    /** Build step: writes the template to {@code args[0]}. */
    public static void main(String[] args) throws IOException, SQLException {
        Path target = Path.of(args[0]);
        Path dir = Files.createTempDirectory("gatehouse-template");
        try {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(PREFIX + dir.toAbsolutePath().resolve("gatehouse") + SETTINGS);
            NewEmbeddedSchema.create(h2);
            try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN COMPACT");
            }
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.copy(dir.resolve("gatehouse" + FILE_SUFFIX), target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
