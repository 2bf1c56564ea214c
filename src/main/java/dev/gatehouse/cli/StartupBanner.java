package dev.gatehouse.cli;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.keys.CryptoProvider;
import dev.gatehouse.runtime.NativeHeapTrim;
import dev.gatehouse.runtime.RuntimeDefaults;
import dev.gatehouse.server.GatehouseServer;

import java.io.PrintWriter;
import java.util.List;

/** What a person needs right after start: where it listens, the issuer, and how to sign in. */
final class StartupBanner {

    private StartupBanner() {
    }

    private static boolean isLocal(String host) {
        return host.equals("0.0.0.0") || host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::");
    }

    /**
     * With pools, the provider is chosen now, before the first token needs it. An empty server has
     * nothing to sign with yet: the warm-up after this banner chooses it (and logs it), so that loading
     * AWS-LC, ~5 % of a fresh start's CPU, is not spent before the listener is up (issue 5).
     */
    private static String crypto(GatehouseServer server) {
        if (server.components().directory().current().poolCount() > 0) {
            return CryptoProvider.describe();
        }
        return CryptoProvider.describeIfChosen().orElse("chosen once the server is up, and logged: AWS-LC native "
                + "where it loads, else the JDK's");
    }

    static void print(PrintWriter out, GatehouseServer server, GatehouseConfig config) {
        String endpoint = "http://" + (isLocal(config.listenHost()) ? "localhost" : config.listenHost())
                + ":" + server.port();
        out.println("Gatehouse " + VersionProvider.version() + " is ready.");
        int listeners = server.listenerInstances();
        out.println("  listening on     " + config.listenHost() + ":" + server.port() + "  (" + listeners
                + (listeners == 1 ? " listener)" : " listeners, one event loop each)"));
        out.println("  endpoint         " + endpoint + "  (use as --endpoint-url)");
        out.println("  issuer base      " + server.issuerBaseUrl() + "/{poolId}");
        out.println("  pool domains     {prefix}.auth.{region}." + config.domainSuffix() + ":" + server.port());
        out.println("  database         " + (config.embeddedDatabase()
                ? "embedded H2 in " + config.dataDir().toAbsolutePath() : "PostgreSQL (--db-url)"));
        out.println("  crypto           " + crypto(server));
        out.println("  transport        " + server.components().transportName());
        List<String> defaults = RuntimeDefaults.apply();
        if (!defaults.isEmpty()) {
            out.println("  JVM defaults     " + String.join(" ", defaults) + "  (options given to java win)");
        }
        long trimSeconds = NativeHeapTrim.intervalSeconds();
        out.println("  native memory    " + (trimSeconds > 0
                ? "free C heap returned to the OS every " + trimSeconds + " s (-D" + NativeHeapTrim.INTERVAL_PROPERTY + "=0: never)"
                : "C heap not trimmed (-D" + NativeHeapTrim.INTERVAL_PROPERTY + "=0)"));
        String accessKey = server.components().adminAccessKeyId();
        if (config.adminAccessKeyId() != null) {
            out.println("  admin key        " + accessKey + " (from GATEHOUSE_ADMIN_ACCESS_KEY_ID)");
        } else {
            server.components().adminCredentialsFile().ifPresentOrElse(file -> {
                out.println("  admin key        " + accessKey + ", credentials in " + file.toAbsolutePath());
                out.println();
                out.println("To use the AWS CLI or SDKs against it:");
                out.println("  export AWS_SHARED_CREDENTIALS_FILE=" + file.toAbsolutePath());
                out.println("  export AWS_PROFILE=gatehouse AWS_DEFAULT_REGION=" + config.region());
                out.println("  aws cognito-idp list-user-pools --max-results 10 --endpoint-url " + endpoint);
            }, () -> out.println("  admin key        " + accessKey + " (the credentials file was removed; "
                    + "set GATEHOUSE_ADMIN_ACCESS_KEY_ID/GATEHOUSE_ADMIN_SECRET_ACCESS_KEY to choose your own)"));
        }
        out.flush();
    }
}
