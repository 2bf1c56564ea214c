package dev.gatehouse.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where the management API is and whose credentials sign the calls; shared by the keys subcommands. */
public final class KeysConnectionOptions {

    @Option(names = "--pool", required = true, paramLabel = "POOL_ID", description = "The user pool id, e.g. us-east-1_EXAMPLE12.")
    String poolId;

    @Option(names = "--endpoint", paramLabel = "URL", defaultValue = "${env:GATEHOUSE_ENDPOINT:-http://localhost:9229}",
            description = "The Gatehouse management endpoint (env GATEHOUSE_ENDPOINT, default ${DEFAULT-VALUE}).")
    String endpoint;

    @Option(names = "--region", defaultValue = "${env:GATEHOUSE_REGION:-us-east-1}",
            description = "The region the pool lives in, signed into the request (default ${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:GATEHOUSE_DATA_DIR:-gatehouse-data}",
            description = "Where to read DIR/admin-credentials when GATEHOUSE_ADMIN_ACCESS_KEY_ID and "
                    + "GATEHOUSE_ADMIN_SECRET_ACCESS_KEY are not set (default ${DEFAULT-VALUE}).")
    Path dataDir;
}
