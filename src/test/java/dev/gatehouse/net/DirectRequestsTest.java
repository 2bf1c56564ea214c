package dev.gatehouse.net;

import dev.gatehouse.testing.RawResponse;
import dev.gatehouse.testing.SlowHead;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpRequest;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A listener whose {@code /direct} requests are served on Netty ({@link DirectRequests}) and all
 * others by a Vert.x handler, over raw sockets: responses in request order however the two sides
 * interleave on one connection, the head deadline after either side's response, and the framing
 * {@link DirectExchange} chooses (length, chunks, close-delimited, none for HEAD), bodies read in
 * order, and a connection closed after a response that left its request body unread.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectRequestsTest {

    static final Duration HEAD_TIMEOUT = Duration.ofMillis(1_500);

    Vertx vertx;
    HttpServer listener;
    final List<Throwable> uncaught = new CopyOnWriteArrayList<>();

    /** {@code /direct/<name>[?delay=ms]}, {@code /direct/stream}, {@code /direct/echo}, {@code /direct/refuse}. */
    final DirectRequests.Server direct = new DirectRequests.Server() {
        @Override
        public boolean claims(HttpRequest head) {
            return head.uri().startsWith("/direct");
        }

        @Override
        public void serve(DirectExchange exchange) {
            String uri = exchange.uri();
            if (uri.startsWith("/direct/stream")) {
                exchange.resume();
                exchange.start(new ResponseHead(200, null));
                exchange.write(text("one,"));
                vertx.setTimer(50, t -> exchange.onLoop(() -> exchange.end(text("two"))));
            } else if (uri.startsWith("/direct/echo")) {
                CompositeByteBuf body = Unpooled.compositeBuffer();
                exchange.body(chunk -> body.addComponent(true, chunk), () -> exchange.respond(new ResponseHead(200, null), body));
                exchange.resume();
            } else if (uri.startsWith("/direct/refuse")) {
                exchange.respond(new ResponseHead(401, null), text("no"), exchange.hasBody());
            } else {
                exchange.resume();
                long delay = delay(uri);
                Runnable answer = () -> {
                    ResponseHead head = new ResponseHead(200, null);
                    head.add("X-Side", "direct");
                    exchange.respond(head, text("direct:" + uri));
                };
                if (delay > 0) {
                    vertx.setTimer(delay, t -> exchange.onLoop(answer));
                } else {
                    answer.run();
                }
            }
        }
    };

    @BeforeAll
    void start() throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        vertx.exceptionHandler(uncaught::add);
        listener = ListenerOptions.server(vertx, direct, HEAD_TIMEOUT).requestHandler(request -> {
            long delay = delay(request.uri());
            Runnable answer = () -> request.response().end("vertx:" + request.uri());
            if (delay > 0) {
                vertx.setTimer(delay, t -> answer.run());
            } else {
                answer.run();
            }
        }).listen(0, "127.0.0.1").await();
    }

    @AfterAll
    void stop() {
        listener.close().await();
        vertx.close().await();
        assertThat(uncaught).isEmpty();
    }

    @Test
    void pipelinedRequestsWhenBothSidesInterleaveThenAnsweredInOrder() throws Exception {
        List<String> uris = List.of("/direct/a?delay=300", "/vertx/b", "/direct/c", "/vertx/d?delay=200",
                "/vertx/e", "/direct/f?delay=100", "/direct/g");
        try (Socket socket = connect()) {
            StringBuilder requests = new StringBuilder();
            for (String uri : uris) {
                requests.append("GET ").append(uri).append(" HTTP/1.1\r\nHost: localhost\r\n\r\n");
            }
            socket.getOutputStream().write(requests.toString().getBytes(StandardCharsets.US_ASCII));
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < uris.size(); i++) {
                bodies.add(RawResponse.read(socket.getInputStream()).body());
            }
            assertThat(bodies).containsExactly("direct:/direct/a?delay=300", "vertx:/vertx/b", "direct:/direct/c",
                    "vertx:/vertx/d?delay=200", "vertx:/vertx/e", "direct:/direct/f?delay=100", "direct:/direct/g");
        }
    }

    @Test
    void headDeadlineWhenNextHeadTrickledAfterDirectResponseThenClosed() throws Exception {
        try (Socket socket = connect()) {
            assertThat(exchange(socket, "GET /direct/a HTTP/1.1\r\nHost: x\r\n\r\n").body()).isEqualTo("direct:/direct/a");
            assertClosedWithinDeadline(socket);
        }
    }

    @Test
    void headDeadlineWhenNextHeadTrickledAfterVertxResponseThenClosed() throws Exception {
        try (Socket socket = connect()) {
            assertThat(exchange(socket, "GET /vertx/a HTTP/1.1\r\nHost: x\r\n\r\n").body()).isEqualTo("vertx:/vertx/a");
            assertClosedWithinDeadline(socket);
        }
    }

    @Test
    void headDeadlineWhenResponseSlowerThanDeadlineThenNotApplied() throws Exception {
        try (Socket socket = connect()) {
            // The deadline is for heads only: a response that takes longer is waited for, on both sides.
            assertThat(exchange(socket, "GET /direct/slow?delay=2000 HTTP/1.1\r\nHost: x\r\n\r\n").status()).isEqualTo(200);
            assertThat(exchange(socket, "GET /vertx/slow?delay=2000 HTTP/1.1\r\nHost: x\r\n\r\n").status()).isEqualTo(200);
        }
    }

    @Test
    void streamedResponseWhenHttp11ThenChunkedAndConnectionKept() throws Exception {
        try (Socket socket = connect()) {
            RawResponse response = exchange(socket, "GET /direct/stream HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(response.headers().get("transfer-encoding")).containsExactly("chunked");
            assertThat(response.body()).isEqualTo("one,two");
            assertThat(exchange(socket, "GET /direct/next HTTP/1.1\r\nHost: x\r\n\r\n").body()).isEqualTo("direct:/direct/next");
        }
    }

    @Test
    void streamedResponseWhenHttp10ThenDelimitedByClose() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("GET /direct/stream HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(raw).doesNotContainIgnoringCase("transfer-encoding").containsIgnoringCase("connection: close")
                    .endsWith("\r\n\r\none,two");
        }
    }

    @Test
    void wholeResponseWhenHttp10KeepAliveThenKeptWithLength() throws Exception {
        try (Socket socket = connect()) {
            RawResponse first = exchange(socket, "GET /direct/a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            assertThat(first.headers().get("connection")).containsExactly("keep-alive");
            assertThat(first.headers().get("content-length")).containsExactly("16");
            assertThat(exchange(socket, "GET /direct/b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").body())
                    .isEqualTo("direct:/direct/b");
        }
    }

    @Test
    void headRequestWhenDirectThenNoBodyAndConnectionKept() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("HEAD /direct/a HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            RawResponse head = RawResponse.read(socket.getInputStream(), true);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.headers()).doesNotContainKey("content-length");
            // Had a body been written, it would be read as the next response's status line.
            assertThat(exchange(socket, "GET /direct/b HTTP/1.1\r\nHost: x\r\n\r\n").body()).isEqualTo("direct:/direct/b");
        }
    }

    @Test
    void bodyWhenSentInPiecesThenDeliveredWholeInOrder() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write("POST /direct/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(50);
            out.write("5\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(50);
            out.write("6\r\n world\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(RawResponse.read(socket.getInputStream()).body()).isEqualTo("hello world");
            byte[] big = "x".repeat(300_000).getBytes(StandardCharsets.US_ASCII);
            out.write(("POST /direct/echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + big.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(big);
            assertThat(RawResponse.read(socket.getInputStream()).body()).hasSize(big.length);
        }
    }

    @Test
    void responseWhenBodyLeftUnreadThenConnectionCloses() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("POST /direct/refuse HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n\r\n"
                    + "GET /vertx/smuggled ").getBytes(StandardCharsets.US_ASCII));
            RawResponse refused = RawResponse.read(socket.getInputStream());
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.headers().get("connection")).containsExactly("close");
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", listener.actualPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, DirectExchange.INLINE_BODY - 1, DirectExchange.INLINE_BODY,
            DirectExchange.INLINE_BODY + 1, 40_000})
    void wholeBodyWhenCopiedBehindTheHeadOrSentAfterItThenExactAndTheConnectionGoesOn(int size) throws Exception {
        String body = "0123456789abcdef".repeat(size / 16 + 1).substring(0, size);
        try (Socket socket = connect()) {
            RawResponse echoed = exchange(socket, "POST /direct/echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + size
                    + "\r\n\r\n" + body);

            assertThat(echoed.headers().get("content-length")).containsExactly(String.valueOf(size));
            assertThat(echoed.body()).isEqualTo(body);
            assertThat(exchange(socket, "GET /direct/next HTTP/1.1\r\nHost: x\r\n\r\n").body()).isEqualTo("direct:/direct/next");
        }
    }

    private static RawResponse exchange(Socket socket, String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        return RawResponse.read(socket.getInputStream());
    }

    /** Trickles a head one field a time: the connection must close at the deadline, not stay open per byte. */
    private static void assertClosedWithinDeadline(Socket socket) throws IOException {
        long millis = SlowHead.trickleUntilClosed(socket, "GET /direct/never HTTP/1.1", 60);
        assertThat(millis).as("closed after %d ms", millis)
                .isBetween(HEAD_TIMEOUT.toMillis() - 200, HEAD_TIMEOUT.toMillis() + 3_000);
    }

    private static long delay(String uri) {
        int at = uri.indexOf("delay=");
        return at < 0 ? 0 : Long.parseLong(uri.substring(at + 6));
    }

    private static ByteBuf text(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }
}
