package dev.gatehouse.server;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The node's listener instances over real sockets: they share one port (the first picks it when
 * asked for port 0), new connections are spread over their event loops (a single Vert.x server would
 * serve them all on one), closing stops them all, and a port already taken fails the start whole.
 */
class ListenersTest {

    /** Answers each request with the name of the thread that served it. */
    private static final Function<Vertx, HttpServer> THREAD_NAME = vertx -> vertx.createHttpServer()
            .requestHandler(request -> request.response().end(Thread.currentThread().getName()));

    private Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(4));
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void instancesWhenConnectionsArriveThenOnePortAndEveryEventLoopServes() throws IOException {
        Listeners listeners = Listeners.start(vertx, THREAD_NAME, "127.0.0.1", 0, 3);
        Set<String> threads = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            threads.add(get(listeners.port()));
        }
        listeners.close();

        assertThat(threads).hasSize(3).allMatch(name -> name.startsWith("vert.x-eventloop-thread-"));
        assertThatThrownBy(() -> get(listeners.port())).isInstanceOf(java.net.SocketException.class); // refused or reset
    }

    @Test
    void portTakenThenTheStartFailsAndLeavesNothingListening() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> Listeners.start(vertx, THREAD_NAME, "127.0.0.1", taken.getLocalPort(), 2))
                    .isInstanceOf(java.net.BindException.class);
        }
        assertThat(vertx.deploymentIDs()).isEmpty();
    }

    /** One request on a new connection; the body. */
    private static String get(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }
}
