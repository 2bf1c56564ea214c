package dev.gatehouse.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The migration scripts this build ships, named here so that start-up never scans the jar for them
 * (SchemaMigrationTest checks the list against {@code db/migration}), and what Flyway records about each.
 */
final class Migrations {

    static final String LOCATION = "db/migration";

    /** In version order. A new script is added here too. */
    static final List<String> SCRIPTS = List.of(
            "V1__core.sql",
            "V2__signing_key_rotation.sql",
            "V3__token_revocation.sql",
            "V4__client_rate_limits.sql",
            "V6__change_log_order.sql",
            "V7__rest_apis.sql",
            "V8__rest_api_version_and_stage_tags.sql",
            "V9__signing_key_algorithm.sql");

    static final int LATEST = version(SCRIPTS.get(SCRIPTS.size() - 1));

    private Migrations() {
    }

    /** {@code V7__rest_apis.sql} → 7 */
    static int version(String script) {
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }

    /** {@code V7__rest_apis.sql} → "rest apis", as Flyway describes it. */
    static String description(String script) {
        return script.substring(script.indexOf("__") + 2, script.length() - ".sql".length()).replace('_', ' ');
    }

    /** Flyway's checksum: CRC-32 of the script's lines in UTF-8, without line breaks or a byte-order mark. */
    static int checksum(String script) {
        CRC32 crc = new CRC32();
        try (InputStream in = open(script);
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String text = line.startsWith("\uFEFF") ? line.substring(1) : line;
                crc.update(text.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read migration " + script, e);
        }
        return (int) crc.getValue();
    }

    private static InputStream open(String script) throws IOException {
        InputStream in = Migrations.class.getClassLoader().getResourceAsStream(LOCATION + "/" + script);
        if (in == null) {
            throw new IOException("missing from the class path");
        }
        return in;
    }
}
