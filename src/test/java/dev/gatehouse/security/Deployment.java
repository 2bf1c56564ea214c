package dev.gatehouse.security;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One deployment's lasting state — a data directory and (PostgreSQL) a schema — that a test starts
 * servers on again and again, with generated admin credentials, and opens raw while they are
 * stopped. The embedded H2 deployment uses the key file by default, as a real one does.
 */
final class Deployment implements AutoCloseable {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    final TestDatabase database;
    final Path dataDir;
    final String schema;

    Deployment(TestDatabase database) {
        if (database == TestDatabase.POSTGRES) {
            Assumptions.assumeTrue(TestDatabase.postgresConfigured(), "PostgreSQL tests skipped: set " + TestDatabase.ENV);
        }
        this.database = database;
        try {
            this.dataDir = Files.createTempDirectory("gatehouse-sealing");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        this.schema = database == TestDatabase.POSTGRES ? TestDatabase.freshSchema() : null;
    }

    /** The master key a PostgreSQL deployment must be given (H2 uses its key file unless told otherwise). */
    static String newKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Starts a server; {@code masterKey} null means the embedded key file (H2 only). */
    TestServer start(String masterKey) {
        return TestServer.start(database, c -> config(c, masterKey).withAdminCredentials(null, null));
    }

    GatehouseConfig config(GatehouseConfig base, String masterKey) {
        GatehouseConfig config = base.withDataDir(dataDir).withMasterKey(masterKey);
        return schema == null ? config : config.withDatabase(TestDatabase.postgresUrl(), null, null, schema);
    }

    GatehouseConfig config(String masterKey) {
        return config(GatehouseConfig.defaults().withListen("127.0.0.1", 0), masterKey);
    }

    /** A raw JDBC connection to the deployment's database; for H2 only while no server is running. */
    Connection connect() throws SQLException {
        if (schema == null) {
            return DriverManager.getConnection(config(null).jdbcUrl());
        }
        Connection c = DriverManager.getConnection(TestDatabase.postgresUrl());
        c.setSchema(schema);
        return c;
    }

    /** POST /oauth2/token with client_secret_basic; returns the status and body. */
    static HttpResponse<String> token(TestServer server, String clientId, String secret, String scope) throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                        + java.net.URLEncoder.encode(scope, StandardCharsets.UTF_8)))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        if (schema != null) {
            TestDatabase.drop(schema);
        }
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is harmless
        }
    }
}
