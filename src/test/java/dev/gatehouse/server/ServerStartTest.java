package dev.gatehouse.server;

import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

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
        }
    }
}
