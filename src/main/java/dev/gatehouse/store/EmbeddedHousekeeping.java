package dev.gatehouse.store;

import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Holds off the embedded H2 store's background writer while the server starts. That thread also
 * compacts a fragmented file, and a file right after a bulk load (the scale set: 600 MB, mostly
 * dead chunks) kept it busy for ~1.5 CPU-s during start-up, on the one core the directory load
 * needs. Paused, H2 writes each commit to the file at once instead of within its write delay
 * (TransactionStore commits the store itself when the delay is 0), so nothing committed waits in
 * memory; resumed, the writer and its compaction carry on as before.
 */
final class EmbeddedHousekeeping {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedHousekeeping.class);

    private final MVStore store;
    private final int writeDelayMillis;
    private boolean resumed;

    private EmbeddedHousekeeping(MVStore store, int writeDelayMillis) {
        this.store = store;
        this.writeDelayMillis = writeDelayMillis;
    }

    /** Pauses the background writer of an embedded H2 file database; empty for anything else. */
    static Optional<EmbeddedHousekeeping> pause(String jdbcUrl, DataSource dataSource) {
        if (!jdbcUrl.startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection()) {
            Session session = connection.unwrap(JdbcConnection.class).getSession();
            if (!(session instanceof SessionLocal local) || local.getDatabase().getStore() == null) {
                return Optional.empty(); // an H2 server over TCP: its housekeeping is not ours
            }
            MVStore store = local.getDatabase().getStore().getMvStore();
            int delay = store.getAutoCommitDelay();
            if (delay <= 0) {
                return Optional.empty(); // in memory, or already writing on every commit
            }
            store.setAutoCommitDelay(0);
            return Optional.of(new EmbeddedHousekeeping(store, delay));
        } catch (SQLException | RuntimeException | LinkageError e) {
            // Only a start-up optimisation: without it the database works exactly as before.
            LOG.debug("Could not pause H2's background writer", e);
            return Optional.empty();
        }
    }

    /** Restarts the background writer with its own write delay; once, and not after the store closed. */
    synchronized void resume() {
        if (!resumed && !store.isClosed()) {
            store.setAutoCommitDelay(writeDelayMillis);
        }
        resumed = true;
    }

    synchronized boolean paused() {
        return !resumed;
    }
}
