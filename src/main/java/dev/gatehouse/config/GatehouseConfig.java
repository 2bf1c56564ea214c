package dev.gatehouse.config;

import dev.gatehouse.model.SigningKeyPolicy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything a node is told at start, resolved once (flags over environment over defaults) and
 * validated here; nothing reads configuration per request.
 *
 * @param issuerBaseUrl  base of every pool's issuer ({@code {base}/{poolId}}); null means
 *                       {@code http://localhost:{actual port}}
 * @param dbUrl          a PostgreSQL JDBC URL, or null for the embedded H2 file database in dataDir
 * @param domainSuffix   pool prefix domains are {@code {prefix}.auth.{region}.{domainSuffix}}
 * @param masterKey      base64 of the 32-byte master key, or null to use (and create) the key file
 *                       in dataDir, which only the embedded database may do
 * @param adminAccessKeyId     fixed admin credentials, or null to generate them at first start
 * @param abuse          trusted proxies, throttles and rate limits (docs/abuse-protection.md)
 * @param keyPrePublication    how long a new signing key is published in JWKS before it signs, for
 *                             pools without their own policy (docs/key-rotation.md)
 * @param listeners      listener instances, each serving its connections on an event loop of its own;
 *                       0 means one per available processor ({@link #listenerInstances()})
 * @param transport      what drives the sockets ({@link NetworkTransport#AUTO}: epoll, else NIO)
 * @param backendCaFile  PEM certificates HTTPS integrations may chain to besides the JDK's roots, or null
 */
public record GatehouseConfig(
        String listenHost,
        int listenPort,
        Path dataDir,
        String dbUrl,
        String dbUser,
        String dbPassword,
        String dbSchema,
        String issuerBaseUrl,
        String region,
        String accountId,
        String domainSuffix,
        String masterKey,
        String adminAccessKeyId,
        String adminSecretAccessKey,
        AbuseProtection abuse,
        Duration keyPrePublication,
        int listeners,
        NetworkTransport transport,
        Path backendCaFile) {

    public static final int DEFAULT_PORT = 9229;
    /**
     * One hour: well above the JWKS cache lifetimes of common verifiers (Nimbus JWKSourceBuilder and
     * Spring Security 5 min, jose and jwks-rsa 10 min), so each has refreshed before a new key signs.
     */
    public static final Duration DEFAULT_KEY_PRE_PUBLICATION = Duration.ofHours(1);
    /** More instances than event loops only queue connections behind one another. */
    public static final int MAX_LISTENERS = 256;
    private static final Pattern REGION = Pattern.compile("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d{1,2}$");
    private static final Pattern ACCOUNT = Pattern.compile("^\\d{12}$");

    public GatehouseConfig {
        Objects.requireNonNull(listenHost, "listenHost");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(domainSuffix, "domainSuffix");
        Objects.requireNonNull(abuse, "abuse");
        if (listenPort < 0 || listenPort > 65535) {
            throw new IllegalArgumentException("--listen: the port must be between 0 and 65535");
        }
        if (!isRegion(region)) {
            throw new IllegalArgumentException("--region: '" + region + "' is not an AWS region name such as us-east-1");
        }
        if (!ACCOUNT.matcher(accountId).matches()) {
            throw new IllegalArgumentException("--account-id: must be 12 digits");
        }
        if (issuerBaseUrl != null) {
            if (!issuerBaseUrl.matches("^https?://[^/?#\\s]+(/[^?#\\s]*)?$")) {
                throw new IllegalArgumentException("--issuer-base-url: must be an absolute http(s) URL without query");
            }
            issuerBaseUrl = issuerBaseUrl.endsWith("/") ? issuerBaseUrl.substring(0, issuerBaseUrl.length() - 1) : issuerBaseUrl;
        }
        Objects.requireNonNull(keyPrePublication, "keyPrePublication");
        Objects.requireNonNull(transport, "transport");
        if (keyPrePublication.isNegative() || keyPrePublication.toSeconds() > SigningKeyPolicy.MAX_PRE_PUBLICATION_SECONDS) {
            throw new IllegalArgumentException("--key-pre-publication: must be between 0 seconds and 30 days");
        }
        if (listeners < 0 || listeners > MAX_LISTENERS) {
            throw new IllegalArgumentException("--listeners: must be between 1 and " + MAX_LISTENERS + ", or 0 for one per processor");
        }
        if ((adminAccessKeyId == null) != (adminSecretAccessKey == null)) {
            throw new IllegalArgumentException("GATEHOUSE_ADMIN_ACCESS_KEY_ID and GATEHOUSE_ADMIN_SECRET_ACCESS_KEY go together");
        }
    }

    /** Defaults: 127.0.0.1:9229, ./gatehouse-data, embedded H2, us-east-1, account 000000000000. */
    public static GatehouseConfig defaults() {
        return new GatehouseConfig("127.0.0.1", DEFAULT_PORT, Path.of("gatehouse-data"), null, null, null, null,
                null, "us-east-1", "000000000000", "localhost", null, null, null, AbuseProtection.DEFAULTS,
                DEFAULT_KEY_PRE_PUBLICATION, 0, NetworkTransport.AUTO, null);
    }

    /** How many listener instances to deploy: as configured, or one per available processor. */
    public int listenerInstances() {
        return listeners > 0 ? listeners : Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    public GatehouseConfig withListeners(int instances) {
        return new GatehouseConfig(listenHost, listenPort, dataDir, dbUrl, dbUser, dbPassword, dbSchema, issuerBaseUrl,
                region, accountId, domainSuffix, masterKey, adminAccessKeyId, adminSecretAccessKey, abuse, keyPrePublication,
                instances, transport, backendCaFile);
    }

    public GatehouseConfig withTransport(NetworkTransport choice) {
        return new GatehouseConfig(listenHost, listenPort, dataDir, dbUrl, dbUser, dbPassword, dbSchema, issuerBaseUrl,
                region, accountId, domainSuffix, masterKey, adminAccessKeyId, adminSecretAccessKey, abuse, keyPrePublication,
                listeners, choice, backendCaFile);
    }

    public GatehouseConfig withBackendCaFile(Path pemFile) {
        return new GatehouseConfig(listenHost, listenPort, dataDir, dbUrl, dbUser, dbPassword, dbSchema, issuerBaseUrl,
                region, accountId, domainSuffix, masterKey, adminAccessKeyId, adminSecretAccessKey, abuse, keyPrePublication,
                listeners, transport, pemFile);
    }

    public static boolean isRegion(String value) {
        return value != null && REGION.matcher(value).matches();
    }

    public boolean embeddedDatabase() {
        return dbUrl == null;
    }

    /** The JDBC URL actually used: the given one, or the H2 file in the data directory. */
    public String jdbcUrl() {
        return dbUrl != null ? dbUrl : "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("gatehouse") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    public GatehouseConfig withListen(String host, int port) {
        return new GatehouseConfig(host, port, dataDir, dbUrl, dbUser, dbPassword, dbSchema, issuerBaseUrl, region,
                accountId, domainSuffix, masterKey, adminAccessKeyId, adminSecretAccessKey, abuse, keyPrePublication, listeners, transport, backendCaFile);
    }

    public GatehouseConfig withDataDir(Path dir) {
        return new GatehouseConfig(listenHost, listenPort, dir, dbUrl, dbUser, dbPassword, dbSchema, issuerBaseUrl, region,
                accountId, domainSuffix, masterKey, adminAccessKeyId, adminSecretAccessKey, abuse, keyPrePublication, listeners, transport, backendCaFile);
    }

    public GatehouseConfig withDatabase(String url, String user, String password, String schema) {
        return new GatehouseConfig(listenHost, listenPort, dataDir, url, user, password, schema, issuerBaseUrl, region,
                accountId, domainSuffix, masterKey, adminAccessKeyId, adminSecretAccessKey, abuse, keyPrePublication, listeners, transport, backendCaFile);
    }

    public GatehouseConfig withIssuerBaseUrl(String url) {
        return new GatehouseConfig(listenHost, listenPort, dataDir, dbUrl, dbUser, dbPassword, dbSchema, url, region,
                accountId, domainSuffix, masterKey, adminAccessKeyId, adminSecretAccessKey, abuse, keyPrePublication, listeners, transport, backendCaFile);
    }

    public GatehouseConfig withMasterKey(String base64) {
        return new GatehouseConfig(listenHost, listenPort, dataDir, dbUrl, dbUser, dbPassword, dbSchema, issuerBaseUrl,
                region, accountId, domainSuffix, base64, adminAccessKeyId, adminSecretAccessKey, abuse, keyPrePublication, listeners, transport, backendCaFile);
    }

    public GatehouseConfig withAdminCredentials(String accessKeyId, String secretAccessKey) {
        return new GatehouseConfig(listenHost, listenPort, dataDir, dbUrl, dbUser, dbPassword, dbSchema, issuerBaseUrl,
                region, accountId, domainSuffix, masterKey, accessKeyId, secretAccessKey, abuse, keyPrePublication, listeners, transport, backendCaFile);
    }

    public GatehouseConfig withAbuseProtection(AbuseProtection protection) {
        return new GatehouseConfig(listenHost, listenPort, dataDir, dbUrl, dbUser, dbPassword, dbSchema, issuerBaseUrl,
                region, accountId, domainSuffix, masterKey, adminAccessKeyId, adminSecretAccessKey, protection, keyPrePublication, listeners, transport, backendCaFile);
    }

    public GatehouseConfig withKeyPrePublication(Duration delay) {
        return new GatehouseConfig(listenHost, listenPort, dataDir, dbUrl, dbUser, dbPassword, dbSchema, issuerBaseUrl,
                region, accountId, domainSuffix, masterKey, adminAccessKeyId, adminSecretAccessKey, abuse, delay, listeners, transport, backendCaFile);
    }

    @Override
    public String toString() {
        return "GatehouseConfig[listen=" + listenHost + ":" + listenPort + ", dataDir=" + dataDir
                + ", database=" + (dbUrl == null ? "embedded H2" : "external") + ", region=" + region
                + ", listeners=" + listenerInstances() + "]";
    }
}
