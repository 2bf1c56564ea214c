package dev.gatehouse.server;

import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health probes as a load balancer sends them, over a raw socket: answered on the listener's
 * direct path with exactly the head and body the router gave them, other methods refused, and a
 * health path on an execute-api host left to the gateway (its hosts own every path).
 */
class HealthEndpointsTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestDatabase.H2);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void readyWhenDatabaseAnswersThenUpAsJsonNotCached() throws IOException {
        String response = exchange("GET /health/ready?probe=elb HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nContent-Type: application/json\r\n")
                .contains("\r\nCache-Control: no-store\r\n").contains("\r\nContent-Length: 15\r\n")
                .endsWith("\r\n\r\n{\"status\":\"UP\"}");
    }

    @Test
    void liveAndReadyWhenPipelinedThenAnsweredInOrder() throws IOException {
        String response = exchange("HEAD /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "GET /health/ready HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(response.split("HTTP/1.1 200 OK\r\n", -1)).hasSize(4);
        // HEAD: the head of the GET answer, no body; then the two bodies, in order.
        assertThat(response.indexOf("{\"status\":\"UP\"}")).isGreaterThan(response.indexOf("HTTP/1.1 200", 1));
        assertThat(response).endsWith("{\"status\":\"UP\"}");
        assertThat(response.split("\\{\"status\":\"UP\"}", -1)).hasSize(3);
    }

    @Test
    void otherMethodThenMethodNotAllowedWithAllow() throws IOException {
        String response = exchange("POST /health/ready HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n"
                + "Connection: close\r\n\r\n{}");

        assertThat(response).startsWith("HTTP/1.1 405 Method Not Allowed\r\n").contains("\r\nAllow: GET, HEAD\r\n");
    }

    @Test
    void pathThatOnlyStartsLikeAProbeThenNotFound() throws IOException {
        assertThat(exchange("GET /health/readyz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 404 ");
    }

    @Test
    void probePathOnAnExecuteApiHostThenTheGatewaysAnswer() throws IOException {
        String response = exchange("GET /health/ready HTTP/1.1\r\nHost: abc123.execute-api.us-east-1.localhost\r\n"
                + "Connection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 403 Forbidden\r\n").contains("Missing Authentication Token");
    }

    /** Writes {@code request} as it is and reads until the server closes the connection. */
    private static String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
