package dev.gatehouse.gateway.proxy;

import dev.gatehouse.net.DirectExchange;
import dev.gatehouse.net.DirectRequests;
import dev.gatehouse.net.ListenerOptions;
import dev.gatehouse.net.ResponseHead;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpRequest;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SelfSignedCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.gatehouse.gateway.proxy.ScriptedBackend.readRequest;
import static dev.gatehouse.gateway.proxy.ScriptedBackend.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The forwarder against backends on raw sockets: keep-alive reuse, a backend closing an idle pooled
 * connection, bodiless answers, a large response streamed, a caller leaving mid-response, the
 * integration timeout and a chunked request body. The front is a listener whose direct-request server
 * hands every request to the forwarder (the backend named by {@code X-Test-Backend}), as the gateway does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForwarderTest {

    Vertx vertx;
    Forwarder forwarder;
    /** Trusts {@link #backendCertificate} besides the JDK's roots, as {@code --backend-ca-file} makes it. */
    Forwarder trustingForwarder;
    SelfSignedCertificate backendCertificate;
    HttpServer front;
    final List<Throwable> uncaught = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(1));
        vertx.exceptionHandler(uncaught::add);
        forwarder = new Forwarder(vertx);
        backendCertificate = SelfSignedCertificate.create("localhost");
        trustingForwarder = new Forwarder(vertx, BackendTrust.withCertificatesFrom(Path.of(backendCertificate.certificatePath())));
        front = ListenerOptions.server(vertx, new DirectRequests.Server() {
            @Override
            public boolean claims(HttpRequest head) {
                return true;
            }

            @Override
            public void serve(DirectExchange request) {
                int timeout = request.header("X-Test-Timeout") == null ? 5000 : Integer.parseInt(request.header("X-Test-Timeout"));
                Forwarder chosen = request.header("X-Test-Trust-Backend-Certificate") != null ? trustingForwarder : forwarder;
                Forwarder.Forwarding forwarding = chosen.forward(request, request.method().name(),
                        request.header("X-Test-Backend") + request.uri(), Map.of(),
                        new ProxyHeaders.Caller("127.0.0.1", false, request.header("Host")), timeout, head -> { },
                        outcome -> {
                            if (outcome.error() != null) {
                                request.respond(new ResponseHead(outcome.error().status(), null),
                                        Unpooled.copiedBuffer(outcome.error().body(), StandardCharsets.UTF_8));
                            }
                        });
                request.closeHandler(forwarding::cancel);
            }
        }, Duration.ofSeconds(10)).requestHandler(request -> request.response().setStatusCode(500).end())
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
    }

    @AfterAll
    void stop() {
        forwarder.close();
        trustingForwarder.close();
        vertx.close();
    }

    record Response(int status, String head, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }
    }

    static final ScriptedBackend.Script ANSWER_OK = (connection, in, out) -> {
        while (readRequest(in) != null) {
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        }
    };

    @Test
    void sequentialRequestsReuseOneBackendConnection() throws Exception {
        try (ScriptedBackend backend = new ScriptedBackend(ANSWER_OK)) {
            for (int i = 0; i < 3; i++) {
                try (Socket caller = connect()) {
                    Response response = send(caller, "GET /items HTTP/1.1\r\nHost: x\r\nX-Test-Backend: " + backend.url() + "\r\n\r\n");
                    assertThat(response.status()).isEqualTo(200);
                    assertThat(response.text()).isEqualTo("ok");
                }
            }
            assertThat(backend.connections()).isEqualTo(1);
            assertThat(forwarder.idleConnections(backend.url())).isEqualTo(1);
        }
    }

    @Test
    void backendClosingAnIdlePooledConnectionThenTheNextRequestGetsANewOne() throws Exception {
        ScriptedBackend.Script answerOnceThenClose = (connection, in, out) -> {
            readRequest(in);
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"); // keep-alive, then the backend closes it
        };
        try (ScriptedBackend backend = new ScriptedBackend(answerOnceThenClose); Socket caller = connect()) {
            String request = "GET /a HTTP/1.1\r\nHost: x\r\nX-Test-Backend: " + backend.url() + "\r\n\r\n";
            assertThat(send(caller, request).status()).isEqualTo(200);
            assertThat(backend.ended.poll(10, TimeUnit.SECONDS)).isEqualTo(1);
            awaitIdleConnections(backend.url(), 0);

            Response second = send(caller, request);

            assertThat(second.status()).isEqualTo(200);
            assertThat(backend.connections()).isEqualTo(2);
        }
    }

    /** Connection 1 answers its first request, then closes on the next one unanswered (its keep-alive ran out). */
    static final ScriptedBackend.Script CLOSE_SECOND_REQUEST_UNANSWERED = (connection, in, out) -> {
        if (connection == 1) {
            readRequest(in);
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst");
            readRequest(in);
            return; // closed without a byte of answer
        }
        for (ScriptedBackend.Request request; (request = readRequest(in)) != null; ) {
            String path = request.head().substring(request.head().indexOf(' ') + 1, request.head().indexOf(" HTTP/"));
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: " + path.length() + "\r\n\r\n"
                    + (request.head().startsWith("HEAD ") ? "" : path));
        }
    };

    /** RFC 9110 §9.2.2: a bodiless idempotent request may be sent again when its connection closed unanswered. */
    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
    void pooledConnectionClosedUnansweredThenAnIdempotentRequestGoesOnceMoreOnANewConnection(String method)
            throws Exception {
        try (ScriptedBackend backend = new ScriptedBackend(CLOSE_SECOND_REQUEST_UNANSWERED); Socket caller = connect()) {
            assertThat(send(caller, "GET /a HTTP/1.1\r\nHost: x\r\nX-Test-Backend: " + backend.url() + "\r\n\r\n").text())
                    .isEqualTo("first");
            awaitIdleConnections(backend.url(), 1);

            Response again = send(caller, method + " /again HTTP/1.1\r\nHost: x\r\nX-Test-Backend: " + backend.url()
                    + "\r\n\r\n", method.equals("HEAD"));

            assertThat(again.status()).isEqualTo(200);
            assertThat(again.head()).containsIgnoringCase("content-length: 6");
            if (!method.equals("HEAD")) {
                assertThat(again.text()).isEqualTo("/again");
            }
            assertThat(backend.connections()).isEqualTo(2);
            awaitIdleConnections(backend.url(), 1); // the new one, kept
        }
    }

    /** A POST, or any request with a body, may have been acted on: never sent twice (a 502 instead). */
    @ParameterizedTest
    @ValueSource(strings = {"POST /again HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n",
            "PATCH /again HTTP/1.1\r\nHost: x\r\n",
            "PUT /again HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"})
    void pooledConnectionClosedUnansweredThenANonIdempotentOrBodiedRequestGets502(String head) throws Exception {
        try (ScriptedBackend backend = new ScriptedBackend(CLOSE_SECOND_REQUEST_UNANSWERED); Socket caller = connect()) {
            assertThat(send(caller, "GET /a HTTP/1.1\r\nHost: x\r\nX-Test-Backend: " + backend.url() + "\r\n\r\n").text())
                    .isEqualTo("first");
            awaitIdleConnections(backend.url(), 1);

            Response refused = send(caller, head + "X-Test-Backend: " + backend.url() + "\r\n\r\n"
                    + (head.contains("Content-Length: 3") ? "abc" : ""));

            assertThat(refused.status()).isEqualTo(502);
            assertThat(backend.connections()).isEqualTo(1);
        }
    }

    /** Only a pooled connection is replayed: a new one that closes unanswered is the backend's failure (502). */
    @Test
    void newConnectionClosedUnansweredThen502AndNoSecondTry() throws Exception {
        ScriptedBackend.Script hangUp = (connection, in, out) -> readRequest(in);
        try (ScriptedBackend backend = new ScriptedBackend(hangUp); Socket caller = connect()) {
            Response refused = send(caller, "GET /a HTTP/1.1\r\nHost: x\r\nX-Test-Backend: " + backend.url() + "\r\n\r\n");

            assertThat(refused.status()).isEqualTo(502);
            assertThat(backend.connections()).isEqualTo(1);
        }
    }

    /** Once sent again, the request is not sent a third time: the new connection's close is a 502. */
    @Test
    void requestSentAgainAndClosedUnansweredAgainThen502() throws Exception {
        ScriptedBackend.Script script = (connection, in, out) -> {
            if (connection == 1) {
                readRequest(in);
                write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            }
            readRequest(in); // then hang up, on this connection and every later one
        };
        try (ScriptedBackend backend = new ScriptedBackend(script); Socket caller = connect()) {
            String request = "GET /a HTTP/1.1\r\nHost: x\r\nX-Test-Backend: " + backend.url() + "\r\n\r\n";
            assertThat(send(caller, request).status()).isEqualTo(200);
            awaitIdleConnections(backend.url(), 1);

            assertThat(send(caller, request).status()).isEqualTo(502);
            assertThat(backend.connections()).isEqualTo(2);
        }
    }

    @Test
    void headNoContentAndNotModifiedCarryNoBodyAndTheConnectionStaysInStep() throws Exception {
        ScriptedBackend.Script script = (connection, in, out) -> {
            for (ScriptedBackend.Request request; (request = readRequest(in)) != null; ) {
                if (request.head().startsWith("HEAD ")) {
                    write(out, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n");
                } else if (request.head().startsWith("GET /204 ")) {
                    write(out, "HTTP/1.1 204 No Content\r\n\r\n");
                } else if (request.head().startsWith("GET /304 ")) {
                    write(out, "HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\n\r\n");
                } else {
                    write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
                }
            }
        };
        try (ScriptedBackend backend = new ScriptedBackend(script); Socket caller = connect()) {
            String fields = " HTTP/1.1\r\nHost: x\r\nX-Test-Backend: " + backend.url() + "\r\n\r\n";

            Response head = send(caller, "HEAD /h" + fields, true);
            Response noContent = send(caller, "GET /204" + fields);
            Response notModified = send(caller, "GET /304" + fields, true);
            Response last = send(caller, "GET /last" + fields);

            assertThat(head.status()).isEqualTo(200);
            assertThat(head.head().toLowerCase(Locale.ROOT)).contains("content-length: 5");
            assertThat(noContent.status()).isEqualTo(204);
            assertThat(notModified.status()).isEqualTo(304);
            assertThat(notModified.head()).contains("\"v1\"");
            assertThat(last.status()).isEqualTo(200);
            assertThat(last.text()).isEqualTo("hello");
            assertThat(backend.connections()).isEqualTo(1);
        }
    }

    @Test
    void largeResponseReachesTheCallerWhileTheBackendIsStillSending() throws Exception {
        CountDownLatch callerHasSome = new CountDownLatch(1);
        byte[] chunk = "0123456789abcdef".repeat(4096).getBytes(StandardCharsets.US_ASCII); // 64 KiB
        int chunksPerHalf = 64; // 4 MiB
        ScriptedBackend.Script script = (connection, in, out) -> {
            readRequest(in);
            write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (int half = 0; half < 2; half++) {
                for (int i = 0; i < chunksPerHalf; i++) {
                    write(out, Integer.toHexString(chunk.length) + "\r\n");
                    out.write(chunk);
                    write(out, "\r\n");
                }
                // A gateway that buffered the whole response would not have passed anything on yet.
                if (half == 0 && !callerHasSome.await(20, TimeUnit.SECONDS)) {
                    return;
                }
            }
            write(out, "0\r\n\r\n");
            readRequest(in);
        };
        try (ScriptedBackend backend = new ScriptedBackend(script); Socket caller = connect()) {
            write(caller.getOutputStream(), "GET /big HTTP/1.1\r\nHost: x\r\nX-Test-Backend: " + backend.url() + "\r\n\r\n");
            InputStream in = caller.getInputStream();
            String head = ScriptedBackend.readHead(in);
            assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("transfer-encoding: chunked");

            long total = 0;
            boolean signalled = false;
            while (true) {
                int size = Integer.parseInt(line(in).trim(), 16);
                if (size == 0) {
                    line(in);
                    break;
                }
                byte[] data = in.readNBytes(size);
                assertThat(data).hasSize(size);
                line(in);
                total += size;
                if (!signalled && total >= 1024 * 1024) {
                    callerHasSome.countDown();
                    signalled = true;
                }
            }
            assertThat(total).isEqualTo(2L * chunksPerHalf * chunk.length);
        }
    }

    @Test
    void callerLeavingMidResponseThenTheBackendConnectionIsClosedAndNothingIsWrittenAfter() throws Exception {
        uncaught.clear();
        ScriptedBackend.Script script = (connection, in, out) -> {
            readRequest(in);
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 10000000\r\n\r\n" + "x".repeat(1000));
            while (in.read() >= 0) {
                // until the gateway closes it
            }
        };
        try (ScriptedBackend backend = new ScriptedBackend(script)) {
            try (Socket caller = connect()) {
                write(caller.getOutputStream(), "GET /partial HTTP/1.1\r\nHost: x\r\nX-Test-Backend: " + backend.url() + "\r\n\r\n");
                assertThat(ScriptedBackend.readHead(caller.getInputStream())).startsWith("HTTP/1.1 200");
            }

            assertThat(backend.ended.poll(10, TimeUnit.SECONDS)).isEqualTo(1);
            try (Socket next = connect()) {
                // the event loop is still sound: a new request to another backend goes through
                try (ScriptedBackend ok = new ScriptedBackend(ANSWER_OK)) {
                    assertThat(send(next, "GET / HTTP/1.1\r\nHost: x\r\nX-Test-Backend: " + ok.url() + "\r\n\r\n").status())
                            .isEqualTo(200);
                }
            }
            assertThat(uncaught).isEmpty();
        }
    }

    @Test
    void noStatusLineWithinTheTimeoutThen504AndThatConnectionIsNotReused() throws Exception {
        ScriptedBackend.Script script = (connection, in, out) -> {
            if (connection == 1) {
                readRequest(in);
                while (in.read() >= 0) {
                    // never answers
                }
                return;
            }
            ANSWER_OK.run(connection, in, out);
        };
        try (ScriptedBackend backend = new ScriptedBackend(script); Socket caller = connect()) {
            String request = "GET /slow HTTP/1.1\r\nHost: x\r\nX-Test-Timeout: 300\r\nX-Test-Backend: " + backend.url() + "\r\n\r\n";

            Response timedOut = send(caller, request);

            assertThat(timedOut.status()).isEqualTo(504);
            assertThat(timedOut.text()).isEqualTo("{\"message\":\"Endpoint request timed out\"}");
            assertThat(backend.ended.poll(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(send(caller, request).status()).isEqualTo(200);
            assertThat(backend.connections()).isEqualTo(2);
        }
    }

    @Test
    void chunkedRequestBodyIsStreamedChunkedToTheBackend() throws Exception {
        ScriptedBackend.Script echo = (connection, in, out) -> {
            for (ScriptedBackend.Request request; (request = readRequest(in)) != null; ) {
                String body = (request.has("transfer-encoding: chunked") ? "chunked:" : "length:") + request.body();
                write(out, "HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
            }
        };
        try (ScriptedBackend backend = new ScriptedBackend(echo); Socket caller = connect()) {
            Response chunked = send(caller, "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nX-Test-Backend: "
                    + backend.url() + "\r\n\r\n3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\n");
            Response sized = send(caller, "POST /l HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nX-Test-Backend: "
                    + backend.url() + "\r\n\r\nhello");

            assertThat(chunked.text()).isEqualTo("chunked:abcdefg");
            assertThat(sized.text()).isEqualTo("length:hello");
            assertThat(backend.connections()).isEqualTo(1);
        }
    }

    @Test
    void httpsBackendWhoseCertificateIsNotTrustedThen502NotASilentlyTrustedConnection() throws Exception {
        Response response = throughTls(SelfSignedCertificate.create("localhost"), "127.0.0.1", false);

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.text()).isEqualTo("{\"message\":\"Internal server error\"}");
    }

    /** {@code --backend-ca-file}: a backend whose certificate chains to the operator's is reached. */
    @Test
    void httpsBackendTrustedThroughTheOperatorsCertificatesThenItsAnswerComesThrough() throws Exception {
        Response response = throughTls(backendCertificate, "localhost", true);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo("over tls /tls");
    }

    /** Trusting a certificate does not stop it having to name the host the integration calls. */
    @Test
    void httpsBackendTrustedButNamedOtherwiseThen502() throws Exception {
        assertThat(throughTls(backendCertificate, "127.0.0.1", true).status()).isEqualTo(502);
    }

    /**
     * {@code GET /tls} through the forwarder to an HTTPS backend with {@code certificate} (answering
     * {@code over tls {uri}}), called by {@code host}; with {@code trusted}, by the forwarder that trusts
     * {@link #backendCertificate}.
     */
    private Response throughTls(SelfSignedCertificate certificate, String host, boolean trusted) throws Exception {
        HttpServer tls = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(certificate.keyCertOptions()))
                .requestHandler(request -> request.response().end("over tls " + request.uri()))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        try (Socket caller = connect()) {
            return send(caller, "GET /tls HTTP/1.1\r\nHost: x\r\n" + (trusted ? "X-Test-Trust-Backend-Certificate: yes\r\n" : "")
                    + "X-Test-Backend: https://" + host + ":" + tls.actualPort() + "\r\n\r\n");
        } finally {
            tls.close();
        }
    }

    /** Polls (the gateway learns of the close asynchronously); fails when it never does. */
    private void awaitIdleConnections(String backend, int expected) throws InterruptedException {
        for (int i = 0; i < 500 && forwarder.idleConnections(backend) != expected; i++) {
            Thread.sleep(10);
        }
        assertThat(forwarder.idleConnections(backend)).isEqualTo(expected);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), front.actualPort());
        socket.setSoTimeout(30_000);
        return socket;
    }

    private static Response send(Socket socket, String request) throws IOException {
        return send(socket, request, false);
    }

    /** Writes one request and reads its response; {@code bodiless} for HEAD and 304 answers. */
    private static Response send(Socket socket, String request, boolean bodiless) throws IOException {
        write(socket.getOutputStream(), request);
        InputStream in = socket.getInputStream();
        String head = ScriptedBackend.readHead(in);
        assertThat(head).isNotNull();
        int status = Integer.parseInt(head.substring(9, 12));
        String lower = head.toLowerCase(Locale.ROOT);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (!bodiless && status != 204) {
            if (lower.contains("\r\ntransfer-encoding: chunked")) {
                for (int size; (size = Integer.parseInt(line(in).trim(), 16)) > 0; ) {
                    body.write(in.readNBytes(size));
                    line(in);
                }
                line(in);
            } else {
                int at = lower.indexOf("\r\ncontent-length: ");
                int length = Integer.parseInt(lower.substring(at + 18, lower.indexOf("\r\n", at + 2)).trim());
                body.write(in.readNBytes(length));
            }
        }
        return new Response(status, head, body.toByteArray());
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) >= 0 && b != '\n'; ) {
            line.append((char) b);
        }
        return line.toString().replace("\r", "");
    }
}
