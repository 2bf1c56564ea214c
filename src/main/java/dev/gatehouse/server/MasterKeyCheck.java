package dev.gatehouse.server;

import dev.gatehouse.keys.MasterKey;
import dev.gatehouse.keys.Sealer;
import dev.gatehouse.store.Store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Refuses to start with the wrong master key: a canary sealed at first start must open, before
 * anything else is read, so nothing is ever half-decrypted.
 */
final class MasterKeyCheck {

    static final String CANARY_SETTING = "master_key.canary";
    private static final byte[] CANARY = "gatehouse master key canary".getBytes(StandardCharsets.UTF_8);

    private MasterKeyCheck() {
    }

    static void verify(Store store, Sealer sealer, MasterKey key) {
        Optional<String> canary = store.setting(CANARY_SETTING);
        if (canary.isEmpty()) {
            store.putSettingIfAbsent(CANARY_SETTING, sealer.seal(CANARY, CANARY_SETTING));
            return;
        }
        byte[] opened;
        try {
            opened = sealer.open(canary.get(), CANARY_SETTING);
        } catch (Sealer.SealException e) {
            throw new IllegalStateException("The master key (id " + key.id() + ") does not open this database's "
                    + "secrets: " + e.getMessage() + ". Start with the master key the database was created with, "
                    + "or, after 'gatehouse rotate-master', with the new one (docs/security.md).");
        }
        if (!Arrays.equals(opened, CANARY)) {
            throw new IllegalStateException("The master key check failed: the canary does not match.");
        }
    }
}
