package dev.gatehouse.cli;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.keys.MasterKey;
import dev.gatehouse.server.MasterKeyRotation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code gatehouse keys rotate-master}: re-seals every
 * secret under a new master key in one transaction. Run it with every node stopped.
 */
@Command(name = "rotate-master", mixinStandardHelpOptions = true,
        description = {"Re-seal every stored secret (client secrets, signing keys, admin credentials) under a new "
                + "master key, in one transaction. Stop every Gatehouse node first; start them again with the new key.",
                "Current key: GATEHOUSE_MASTER_KEY, else the key file in the data directory. New key: "
                        + "GATEHOUSE_NEW_MASTER_KEY, else generated."})
public final class KeysRotateMasterCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:GATEHOUSE_DATA_DIR:-gatehouse-data}",
            description = "Data directory holding the embedded database and its master.key "
                    + "(env GATEHOUSE_DATA_DIR, default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--db-url", paramLabel = "JDBC_URL", defaultValue = "${env:GATEHOUSE_DB_URL}",
            description = "PostgreSQL JDBC URL (env GATEHOUSE_DB_URL; default: embedded H2 in the data directory).")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "${env:GATEHOUSE_DB_USER}", description = "Database user (env GATEHOUSE_DB_USER).")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "${env:GATEHOUSE_DB_PASSWORD}",
            description = "Database password (env GATEHOUSE_DB_PASSWORD; prefer the environment variable).")
    String dbPassword;

    /** Where GATEHOUSE_MASTER_KEY and GATEHOUSE_NEW_MASTER_KEY are read: the environment, or a test's map. */
    public interface KeySource {
        String get(String name);
    }

    private final KeySource environment;

    public KeysRotateMasterCommand() {
        this(System::getenv);
    }

    public KeysRotateMasterCommand(KeySource environment) {
        this.environment = environment;
    }

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        GatehouseConfig config;
        try {
            config = GatehouseConfig.defaults().withDataDir(dataDir)
                    .withDatabase(blankToNull(dbUrl), blankToNull(dbUser), blankToNull(dbPassword), null)
                    .withMasterKey(blankToNull(environment.get("GATEHOUSE_MASTER_KEY")));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        run(config, out);
    }

    void run(GatehouseConfig config, PrintWriter out) {
        MasterKeyRotation.Result result;
        try {
            result = MasterKeyRotation.rotate(config, blankToNull(environment.get("GATEHOUSE_NEW_MASTER_KEY")));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println("Re-sealed under master key " + result.newKeyId() + " (was " + result.oldKeyId() + "), one transaction:");
        for (Map.Entry<String, Integer> count : result.resealed().entrySet()) {
            out.printf("  %-18s %d%n", count.getKey(), count.getValue());
        }
        result.keyFile().ifPresent(file -> out.println("The new key is in " + file + "; the old one in "
                + file.resolveSibling(MasterKey.PREVIOUS_FILE_NAME) + "."));
        result.generated().ifPresent(key -> {
            out.println("WARNING: this is the new master key. It is shown only now: store it safely (a secret manager),");
            out.println("and start every node with GATEHOUSE_MASTER_KEY set to it. Without it the database cannot be opened.");
            out.println(key.base64());
        });
        out.println("Start every node with the new key; a node started with the old key refuses to start.");
        out.flush();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
