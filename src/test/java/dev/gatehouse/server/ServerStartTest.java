package dev.gatehouse.server;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerStartTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void startWhenFreshDatabaseThenReadyAndLive(TestDatabase database) throws Exception {
        try (TestServer server = TestServer.start(database)) {
            HttpClient http = HttpClient.newHttpClient();
            for (String path : new String[] {"/health/live", "/health/ready"}) {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(path).isEqualTo(200);
                assertThat(response.body()).contains("\"UP\"");
            }
            assertThat(server.server().listenerInstances()).as("one listener per core by default")
                    .isEqualTo(Runtime.getRuntime().availableProcessors());
        }
    }

    /** {@code --listeners N} deploys N instances on the one port, each serving. */
    @Test
    void listenersWhenConfiguredThenThatManyServeTheOnePort() throws Exception {
        try (TestServer server = TestServer.start(TestDatabase.H2, config -> config.withListeners(3))) {
            assertThat(server.server().listenerInstances()).isEqualTo(3);
            for (int i = 0; i < 6; i++) { // a new connection each: they go round the instances
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
            }
        }
    }

    /** A CA file that cannot be read fails the start before a master key, a database or a port is made. */
    @Test
    void backendCaFileWhenUnreadableThenTheStartFailsAndWritesNothing(@TempDir Path dir) {
        Path data = dir.resolve("data");
        GatehouseConfig config = GatehouseConfig.defaults().withListen("127.0.0.1", 0).withDataDir(data)
                .withBackendCaFile(dir.resolve("missing.pem"));

        assertThatThrownBy(() -> GatehouseServer.start(config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--backend-ca-file ");
        assertThat(data).doesNotExist();
    }
}
