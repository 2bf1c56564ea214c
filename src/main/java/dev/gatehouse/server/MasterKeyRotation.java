package dev.gatehouse.server;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.keys.MasterKey;
import dev.gatehouse.keys.Sealer;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.jdbc.JdbcStore;
import dev.gatehouse.store.jdbc.Resealer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Moves every sealed value from the current master key to a new one, offline (docs/security.md,
 * "Rotating the master key"): the current key must pass the canary check first; the re-seal is
 * one transaction; for the embedded database's key file the new key is staged before the commit
 * and moved into place after it, the old one kept as {@code master.key.previous}.
 */
public final class MasterKeyRotation {

    /**
     * @param resealed   values re-sealed per table
     * @param generated  the new key when Gatehouse generated it and the operator must now store
     *                   it (an external database, or a current key given in the environment);
     *                   empty when it was written to the key file or given by the operator
     * @param keyFile    the key file that now holds the new key, if any
     */
    public record Result(String oldKeyId, String newKeyId, Map<String, Integer> resealed,
                         Optional<MasterKey> generated, Optional<Path> keyFile) {
    }

    private MasterKeyRotation() {
    }

    /**
     * @param config  where the database is, and {@code masterKey} (else the embedded key file) as the current key
     * @param newKey  base64 of the new key, or null to generate one
     */
    public static Result rotate(GatehouseConfig config, String newKey) throws IOException {
        boolean keyFromFile = config.masterKey() == null;
        MasterKey current = currentKey(config);
        MasterKey next = newKey == null ? MasterKey.generate() : MasterKey.fromBase64(newKey);
        if (next.id().equals(current.id())) {
            throw new IllegalArgumentException("The new master key is the current one: nothing to rotate.");
        }
        Path dataDir = config.dataDir();
        try (Database database = Database.open(config.jdbcUrl(), config.dbUser(), config.dbPassword(), config.dbSchema())) {
            Sealer from = new Sealer(current);
            MasterKeyCheck.verify(new JdbcStore(database.dataSource(), from, Clock.systemUTC()), from, current);
            if (keyFromFile) {
                MasterKey.stageFile(dataDir, next);
            }
            Map<String, Integer> counts;
            try {
                counts = new Resealer(database.dataSource()).reseal(from, new Sealer(next));
            } catch (RuntimeException e) {
                if (keyFromFile) {
                    MasterKey.discardStagedFile(dataDir);
                }
                throw e;
            }
            if (keyFromFile) {
                MasterKey.promoteStagedFile(dataDir);
            }
            boolean operatorMustStore = newKey == null && !keyFromFile;
            return new Result(current.id(), next.id(), counts, operatorMustStore ? Optional.of(next) : Optional.empty(),
                    keyFromFile ? Optional.of(dataDir.resolve(MasterKey.FILE_NAME)) : Optional.empty());
        }
    }

    private static MasterKey currentKey(GatehouseConfig config) throws IOException {
        if (config.masterKey() != null) {
            return MasterKey.fromBase64(config.masterKey());
        }
        if (!config.embeddedDatabase()) {
            throw new IllegalArgumentException("GATEHOUSE_MASTER_KEY must hold the current master key when the "
                    + "database is shared (--db-url).");
        }
        return MasterKey.readFile(config.dataDir()).orElseThrow(() -> new IllegalArgumentException(
                "No master key: neither GATEHOUSE_MASTER_KEY nor " + config.dataDir().resolve(MasterKey.FILE_NAME)
                        + " exists, so there is nothing sealed to rotate."));
    }
}
