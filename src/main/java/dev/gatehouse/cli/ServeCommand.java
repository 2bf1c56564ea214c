package dev.gatehouse.cli;

import dev.gatehouse.config.AbuseProtection;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.config.NetworkTransport;
import dev.gatehouse.model.ClientRateLimit;
import dev.gatehouse.server.GatehouseServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code gatehouse serve}: starts every plane on one listener. Each flag has a
 * {@code GATEHOUSE_*} environment variable; a flag wins over the environment.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the server (management API, token endpoint, JWKS and discovery).")
public final class ServeCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "${env:GATEHOUSE_LISTEN:-127.0.0.1:9229}",
            description = "Address to listen on (env GATEHOUSE_LISTEN, default ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:GATEHOUSE_DATA_DIR:-gatehouse-data}",
            description = "Directory for the embedded database, the master key file and the admin credentials "
                    + "(env GATEHOUSE_DATA_DIR, default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--db-url", paramLabel = "JDBC_URL", defaultValue = "${env:GATEHOUSE_DB_URL}",
            description = "PostgreSQL JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/gatehouse "
                    + "(env GATEHOUSE_DB_URL; default: embedded H2 in the data directory).")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "${env:GATEHOUSE_DB_USER}", description = "Database user (env GATEHOUSE_DB_USER).")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "${env:GATEHOUSE_DB_PASSWORD}",
            description = "Database password (env GATEHOUSE_DB_PASSWORD; prefer the environment variable).")
    String dbPassword;

    @Option(names = "--issuer-base-url", paramLabel = "URL", defaultValue = "${env:GATEHOUSE_ISSUER_BASE_URL}",
            description = "Base of every pool's token issuer, {URL}/{poolId} (env GATEHOUSE_ISSUER_BASE_URL; "
                    + "default http://localhost:{port}).")
    String issuerBaseUrl;

    @Option(names = "--region", defaultValue = "${env:GATEHOUSE_REGION:-us-east-1}",
            description = "Default region (env GATEHOUSE_REGION, default ${DEFAULT-VALUE}). Management calls use "
                    + "the region of their SigV4 signature.")
    String region;

    @Option(names = "--account-id", defaultValue = "${env:GATEHOUSE_ACCOUNT_ID:-000000000000}",
            description = "12-digit account id used in ARNs (env GATEHOUSE_ACCOUNT_ID, default ${DEFAULT-VALUE}).")
    String accountId;

    @Option(names = "--domain-suffix", defaultValue = "${env:GATEHOUSE_DOMAIN_SUFFIX:-localhost}",
            description = "Pool domains are {prefix}.auth.{region}.{suffix} (env GATEHOUSE_DOMAIN_SUFFIX, default ${DEFAULT-VALUE}).")
    String domainSuffix;

    @Option(names = "--trusted-proxies", paramLabel = "CIDR[,CIDR...]", defaultValue = "${env:GATEHOUSE_TRUSTED_PROXIES}",
            description = "Proxies whose X-Forwarded-For is believed for the client address (env "
                    + "GATEHOUSE_TRUSTED_PROXIES; default none: the TCP peer is the client).")
    String trustedProxies;

    @Option(names = "--client-rate-limit", paramLabel = "RATE[/BURST]", defaultValue = "${env:GATEHOUSE_CLIENT_RATE_LIMIT:-50/100}",
            description = "Tokens per second each app client may be issued, and the burst (env "
                    + "GATEHOUSE_CLIENT_RATE_LIMIT, default ${DEFAULT-VALUE}); SetClientRateLimit overrides it per client.")
    String clientRateLimit;

    @Option(names = "--key-pre-publication", paramLabel = "DURATION",
            defaultValue = "${env:GATEHOUSE_KEY_PRE_PUBLICATION:-PT1H}",
            description = "How long a rotated signing key is published in JWKS before it signs, as an ISO-8601 "
                    + "duration (PT1H) or seconds (3600) (env GATEHOUSE_KEY_PRE_PUBLICATION, default ${DEFAULT-VALUE}; "
                    + "a pool's own policy wins).")
    String keyPrePublication;

    @Option(names = "--listeners", paramLabel = "N", defaultValue = "${env:GATEHOUSE_LISTENERS:-0}",
            description = "Listener instances, each serving its connections on an event loop (a core) of its own "
                    + "(env GATEHOUSE_LISTENERS, default 0: one per available processor).")
    int listeners;

    @Option(names = "--transport", paramLabel = "auto|io_uring|epoll|nio", defaultValue = "${env:GATEHOUSE_TRANSPORT:-auto}",
            description = "What drives the sockets (env GATEHOUSE_TRANSPORT, default ${DEFAULT-VALUE}: epoll where Netty's "
                    + "native library loads, else NIO; io_uring is experimental, see docs/gateway-runtime.md).")
    String transport;

    @Option(names = "--backend-ca-file", paramLabel = "PEM", defaultValue = "${env:GATEHOUSE_BACKEND_CA_FILE}",
            description = "Certificates (PEM) that HTTPS integrations may chain to besides the JDK's trusted roots: "
                    + "a private CA, or a backend's self-signed certificate (env GATEHOUSE_BACKEND_CA_FILE).")
    String backendCaFile;

    @Override
    public void run() {
        GatehouseConfig config = config();
        PrintWriter out = spec.commandLine().getOut();
        GatehouseServer server = GatehouseServer.start(config);
        StartupBanner.print(out, server, config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "gatehouse-shutdown"));
        WarmUp.run(server);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    GatehouseConfig config() {
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--listen must be HOST:PORT, e.g. 127.0.0.1:9229");
        }
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--listen: the port is not a number");
        }
        try {
            return new GatehouseConfig(listen.substring(0, colon), port, dataDir, blankToNull(dbUrl), blankToNull(dbUser),
                    blankToNull(dbPassword), null, blankToNull(issuerBaseUrl), region, accountId, domainSuffix,
                    blankToNull(System.getenv("GATEHOUSE_MASTER_KEY")),
                    blankToNull(System.getenv("GATEHOUSE_ADMIN_ACCESS_KEY_ID")),
                    blankToNull(System.getenv("GATEHOUSE_ADMIN_SECRET_ACCESS_KEY")),
                    AbuseProtection.DEFAULTS
                            .withTrustedProxies(AbuseProtection.parseTrustedProxies(trustedProxies))
                            .withClientRateLimit(parseRateLimit(clientRateLimit)),
                    duration("--key-pre-publication", keyPrePublication), listeners, NetworkTransport.parse(transport),
                    blankToNull(backendCaFile) == null ? null : Path.of(backendCaFile));
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static ClientRateLimit parseRateLimit(String value) {
        try {
            return ClientRateLimit.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--client-rate-limit: " + e.getMessage());
        }
    }

    /** An ISO-8601 duration such as PT1H, or a whole number of seconds. */
    private java.time.Duration duration(String option, String value) {
        String text = value.trim();
        try {
            return text.matches("\\d{1,9}") ? java.time.Duration.ofSeconds(Long.parseLong(text))
                    : java.time.Duration.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    option + ": '" + text + "' is neither a duration such as PT1H nor a number of seconds");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
