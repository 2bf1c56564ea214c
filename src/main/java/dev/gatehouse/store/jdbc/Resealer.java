package dev.gatehouse.store.jdbc;

import dev.gatehouse.store.SecretCodec;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-seals every sealed value from one master key to another in ONE transaction (master key
 * rotation, docs/security.md): each value is opened under the old key and its row's context and
 * sealed again under the new key. If any value does not open, or a row changed meanwhile, the
 * transaction rolls back and nothing changes. Every {@code sealed_*} column of the schema must be
 * listed in {@link #SEALED_COLUMNS} (a test compares the list with the database's own catalogue).
 */
public final class Resealer {

    /** A sealed column: how to read every row (key, context, value) and how to write one back. */
    public record SealedColumn(String table, String column, String select, String update, ContextOf context) {
    }

    /** The context of a row from the first two selected columns (the row key, then the parent, or the name). */
    @FunctionalInterface
    public interface ContextOf {
        String of(String key, String parent);
    }

    public static final List<SealedColumn> SEALED_COLUMNS = List.of(
            new SealedColumn("client_secret", "sealed_value",
                    "SELECT secret_id, client_id, sealed_value FROM client_secret ORDER BY secret_id",
                    "UPDATE client_secret SET sealed_value = ? WHERE secret_id = ? AND sealed_value = ?",
                    (secretId, clientId) -> SealContexts.clientSecret(clientId, secretId)),
            new SealedColumn("signing_key", "sealed_private_key",
                    "SELECT kid, pool_id, sealed_private_key FROM signing_key ORDER BY kid",
                    "UPDATE signing_key SET sealed_private_key = ? WHERE kid = ? AND sealed_private_key = ?",
                    (kid, poolId) -> SealContexts.signingKey(poolId, kid)),
            new SealedColumn("admin_credential", "sealed_secret",
                    "SELECT access_key_id, access_key_id, sealed_secret FROM admin_credential ORDER BY access_key_id",
                    "UPDATE admin_credential SET sealed_secret = ? WHERE access_key_id = ? AND sealed_secret = ?",
                    (accessKeyId, same) -> SealContexts.adminCredential(accessKeyId)),
            // Settings hold sealed values (the master-key canary) next to plain ones; only sealed ones are re-sealed.
            new SealedColumn("gatehouse_setting", "setting_value",
                    "SELECT setting_name, setting_name, setting_value FROM gatehouse_setting ORDER BY setting_name",
                    "UPDATE gatehouse_setting SET setting_value = ? WHERE setting_name = ? AND setting_value = ?",
                    (name, same) -> SealContexts.setting(name)));

    /** Thrown when a value does not open or a row changed during the rotation; nothing was changed. */
    public static final class ResealFailure extends RuntimeException {
        public ResealFailure(String message) {
            super(message, null, false, false);
        }
    }

    private final Jdbc jdbc;

    public Resealer(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /**
     * Opens every sealed value with {@code from} and seals it with {@code to}, all in one
     * transaction. Returns the number of values re-sealed per table, in {@link #SEALED_COLUMNS} order.
     */
    public Map<String, Integer> reseal(SecretCodec from, SecretCodec to) {
        return jdbc.inTransaction(c -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (SealedColumn column : SEALED_COLUMNS) {
                counts.put(column.table(), reseal(c, column, from, to));
            }
            return counts;
        });
    }

    private static int reseal(Connection c, SealedColumn column, SecretCodec from, SecretCodec to) throws SQLException {
        List<String[]> rows = Jdbc.query(c, column.select(),
                r -> new String[] {r.getString(1), r.getString(2), r.getString(3)});
        int count = 0;
        for (String[] row : rows) {
            String key = row[0];
            String sealed = row[2];
            if (!from.isSealed(sealed)) {
                if (column.table().equals("gatehouse_setting")) {
                    continue; // a plain setting
                }
                throw new ResealFailure(column.table() + " row " + key + ": " + column.column()
                        + " is not in the sealed format");
            }
            String context = column.context().of(key, row[1]);
            byte[] plaintext;
            try {
                plaintext = from.open(sealed, context);
            } catch (SecretCodec.OpenFailure e) {
                throw new ResealFailure(column.table() + " row " + key + ": " + e.getMessage());
            }
            if (Jdbc.update(c, column.update(), to.seal(plaintext, context), key, sealed) != 1) {
                throw new ResealFailure(column.table() + " row " + key + " changed during the rotation: "
                        + "is a Gatehouse node still running on this database?");
            }
            count++;
        }
        return count;
    }
}
