package dev.gatehouse.server;

import dev.gatehouse.admin.AdminCredentials;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.model.Ids;
import dev.gatehouse.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/**
 * Decides the admin credentials at start (DESIGN §1): the environment's when set; otherwise the
 * ones generated at first start, stored sealed in the database and written once to
 * {@code {dataDir}/admin-credentials} (AWS shared-credentials format, profile {@code gatehouse},
 * mode 0600).
 */
final class AdminBootstrap {

    static final String FILE_NAME = "admin-credentials";
    static final String FIRST_KEY_SETTING = "admin.first_access_key_id";
    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

    record Result(AdminCredentials credentials, String accessKeyId, Optional<Path> credentialsFile) {
    }

    private AdminBootstrap() {
    }

    static Result resolve(GatehouseConfig config, Store store) throws IOException {
        if (config.adminAccessKeyId() != null) {
            return new Result(new AdminCredentials(Map.of(config.adminAccessKeyId(), config.adminSecretAccessKey())),
                    config.adminAccessKeyId(), Optional.empty());
        }
        Path file = config.dataDir().resolve(FILE_NAME);
        Optional<String> existing = store.setting(FIRST_KEY_SETTING);
        if (existing.isPresent()) {
            String secret = store.adminSecretKey(existing.get())
                    .orElseThrow(() -> new IllegalStateException("the stored admin credential is missing"));
            return new Result(new AdminCredentials(Map.of(existing.get(), secret)), existing.get(),
                    Files.exists(file) ? Optional.of(file) : Optional.empty());
        }
        String accessKeyId = Ids.accessKeyId();
        String secret = Ids.secretAccessKey();
        store.insertAdminCredential(accessKeyId, secret);
        store.putSettingIfAbsent(FIRST_KEY_SETTING, accessKeyId);
        writeCredentialsFile(file, accessKeyId, secret);
        LOG.info("Generated admin credentials {} and wrote them to {}", accessKeyId, file.toAbsolutePath());
        return new Result(new AdminCredentials(Map.of(accessKeyId, secret)), accessKeyId, Optional.of(file));
    }

    private static void writeCredentialsFile(Path file, String accessKeyId, String secret) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, "[gatehouse]\naws_access_key_id = " + accessKeyId
                + "\naws_secret_access_key = " + secret + "\n", StandardOpenOption.TRUNCATE_EXISTING);
    }
}
