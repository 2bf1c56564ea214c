package dev.gatehouse.net;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import java.time.Duration;
import java.util.List;

/**
 * The options of every HTTP listener Gatehouse opens, in one place so tests listen exactly as
 * production does. Vert.x's defaults are not safe here: they accept an h2c upgrade on a plain
 * listener, and a request carrying {@code Upgrade: h2c} without {@code HTTP2-Settings} then gets no
 * answer at all (Vert.x 5.0.7), besides being the h2c smuggling vector of SECURITY GW-14.
 */
public final class ListenerOptions {

    public static final int MAX_HEADER_BYTES = 16 * 1024;

    private ListenerOptions() {
    }

    public static HttpServerOptions http() {
        return new HttpServerOptions()
                .setMaxInitialLineLength(8192)
                .setMaxHeaderSize(MAX_HEADER_BYTES)
                .setIdleTimeout(60)
                .setCompressionSupported(false)
                // HTTP/2 belongs behind TLS with ALPN, never as an upgrade of a plain connection.
                .setHttp2ClearTextEnabled(false)
                // No WebSocket routes: without these Vert.x adds no extension handler that every request passes.
                .setPerFrameWebSocketCompressionSupported(false)
                .setPerMessageWebSocketCompressionSupported(false);
    }

    /** A listener with these options whose connections are framing-guarded; {@code connected} runs next. */
    public static HttpServer server(Vertx vertx, Handler<HttpConnection> connected) {
        HttpServerOptions options = http();
        return vertx.createHttpServer(options).connectionHandler(connection -> {
            FramingGuard.install(connection, options);
            connected.handle(connection);
        });
    }

    /**
     * A listener with these options whose connections are framing-guarded, serve {@code direct}'s
     * requests on Netty ahead of the request handler (which gets all others), and close a connection
     * that takes longer than {@code headTimeout} to send a request head.
     */
    public static HttpServer server(Vertx vertx, DirectRequests.Server direct, Duration headTimeout) {
        return server(vertx, List.of(direct), headTimeout);
    }

    /** As {@link #server(Vertx, DirectRequests.Server, Duration)}, with several direct servers asked in order. */
    public static HttpServer server(Vertx vertx, List<DirectRequests.Server> direct, Duration headTimeout) {
        return server(vertx, connection -> DirectRequests.install(connection, direct, headTimeout));
    }

    /** A listener with these options whose connections are framing-guarded. */
    public static HttpServer server(Vertx vertx) {
        return server(vertx, connection -> { });
    }
}
