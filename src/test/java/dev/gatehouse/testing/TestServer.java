package dev.gatehouse.testing;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.server.GatehouseServer;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real Gatehouse on 127.0.0.1, port 0, with its own data directory (and its own PostgreSQL
 * schema), fixed admin credentials and a fixed master key. Close it in the test that started it.
 * A test that customizes the admin credentials away ({@code withAdminCredentials(null, null)})
 * gets the generated ones, read from the server's admin-credentials file, in {@link #cognito}.
 */
public final class TestServer implements AutoCloseable {

    public static final String ACCESS_KEY = "AKIAGATEHOUSETEST001";
    public static final String SECRET_KEY = "gatehouse/test/secret/key/0123456789abcd";
    public static final String MASTER_KEY = Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'B');

    private final GatehouseServer server;
    private final Path dataDir;
    private final TestDatabase database;
    private final String schema;
    private final boolean ownsSchema;
    private final String accessKey;
    private final String secretKey;

    private TestServer(GatehouseServer server, Path dataDir, TestDatabase database, String schema, boolean ownsSchema) {
        this.server = server;
        this.dataDir = dataDir;
        this.database = database;
        this.schema = schema;
        this.ownsSchema = ownsSchema;
        GatehouseConfig config = server.components().config();
        if (config.adminAccessKeyId() != null) {
            this.accessKey = config.adminAccessKeyId();
            this.secretKey = config.adminSecretAccessKey();
        } else {
            Path file = server.components().adminCredentialsFile()
                    .orElseThrow(() -> new IllegalStateException("generated admin credentials but no credentials file"));
            this.accessKey = credential(file, "aws_access_key_id");
            this.secretKey = credential(file, "aws_secret_access_key");
        }
    }

    private static String credential(Path file, String name) {
        try {
            return Files.readAllLines(file).stream()
                    .filter(line -> line.startsWith(name + " = "))
                    .map(line -> line.substring(name.length() + 3).trim())
                    .findFirst().orElseThrow(() -> new IllegalStateException(name + " missing from " + file));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The admin access key id the {@link #cognito} clients sign with (generated or {@link #ACCESS_KEY}). */
    public String accessKey() {
        return accessKey;
    }

    /** The admin secret access key the {@link #cognito} clients sign with. */
    public String secretKey() {
        return secretKey;
    }

    public static TestServer start(TestDatabase database) {
        return start(database, config -> config);
    }

    /** Starts with the defaults changed by {@code customize}. Skips PostgreSQL runs when none is configured. */
    public static TestServer start(TestDatabase database, java.util.function.UnaryOperator<GatehouseConfig> customize) {
        if (database == TestDatabase.POSTGRES) {
            Assumptions.assumeTrue(TestDatabase.postgresConfigured(),
                    "PostgreSQL tests skipped: set " + TestDatabase.ENV + " (e.g. jdbc:postgresql://127.0.0.1:5432/test?user=root)");
        }
        String schema = database == TestDatabase.POSTGRES ? TestDatabase.freshSchema() : null;
        String url = schema == null ? null : TestDatabase.postgresUrl();
        return start(database, url, schema, true, customize);
    }

    /**
     * A PostgreSQL node on {@code schema} reached through {@code jdbcUrl} (another node's schema, or a
     * URL through a fault proxy). The caller owns the schema: closing this node leaves it in place
     * (create it with {@link TestDatabase#freshSchema()}, drop it with {@link TestDatabase#drop}).
     */
    public static TestServer startNode(String jdbcUrl, String schema, java.util.function.UnaryOperator<GatehouseConfig> customize) {
        Assumptions.assumeTrue(TestDatabase.postgresConfigured(),
                "PostgreSQL tests skipped: set " + TestDatabase.ENV + " (e.g. jdbc:postgresql://127.0.0.1:5432/test?user=root)");
        return start(TestDatabase.POSTGRES, jdbcUrl, schema, false, customize);
    }

    private static TestServer start(TestDatabase database, String jdbcUrl, String schema, boolean ownsSchema,
                                    java.util.function.UnaryOperator<GatehouseConfig> customize) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("gatehouse-test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        GatehouseConfig config = GatehouseConfig.defaults()
                .withListen("127.0.0.1", 0)
                .withDataDir(dataDir)
                .withMasterKey(MASTER_KEY)
                .withAdminCredentials(ACCESS_KEY, SECRET_KEY);
        if (schema != null) {
            config = config.withDatabase(jdbcUrl, null, null, schema);
        }
        try {
            return new TestServer(GatehouseServer.start(customize.apply(config)), dataDir, database, schema, ownsSchema);
        } catch (RuntimeException e) {
            if (ownsSchema && schema != null) {
                TestDatabase.drop(schema);
            }
            deleteRecursively(dataDir);
            throw e;
        }
    }

    public int port() {
        return server.port();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public String issuer(String poolId) {
        return server.issuerBaseUrl() + "/" + poolId;
    }

    public GatehouseServer server() {
        return server;
    }

    public Path dataDir() {
        return dataDir;
    }

    public TestDatabase database() {
        return database;
    }

    /** The PostgreSQL schema this node works in, or null on H2. */
    public String schema() {
        return schema;
    }

    /** The real AWS SDK v2 Cognito client, signing with the admin credentials, for {@code region}. */
    public CognitoIdentityProviderClient cognito(String region) {
        return CognitoIdentityProviderClient.builder()
                .endpointOverride(URI.create(baseUrl()))
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** The real AWS SDK v2 API Gateway client for {@code region}, without retries (a 429 answers at once). */
    public ApiGatewayClient apiGateway(String region) {
        return ApiGatewayClient.builder()
                .endpointOverride(URI.create(baseUrl()))
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClient(new JdkSdkHttpClient())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    public ApiGatewayClient apiGateway() {
        return apiGateway("us-east-1");
    }

    public CognitoIdentityProviderClient cognito() {
        return cognito("us-east-1");
    }

    /**
     * The SDK client for us-east-1 with the SDK's retries switched off, so a test sees (and times)
     * the server's own answer to one request — by default the SDK retries a 500 twice with backoff.
     */
    public CognitoIdentityProviderClient cognitoWithoutRetries() {
        return CognitoIdentityProviderClient.builder()
                .endpointOverride(URI.create(baseUrl()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            if (schema != null && ownsSchema) {
                TestDatabase.drop(schema);
            }
            deleteRecursively(dataDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is harmless
        }
    }
}
