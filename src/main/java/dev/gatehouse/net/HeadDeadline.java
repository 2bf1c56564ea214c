package dev.gatehouse.net;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A total deadline for each request head (slow-loris, SECURITY F9): from the moment a connection
 * opens, or its previous response ends, a complete request head must arrive within
 * {@code timeout}, or the connection is closed. Vert.x's idle timeout alone restarts with every
 * byte, so a client trickling one header byte at a time would hold a connection for ever.
 */
public final class HeadDeadline {

    private final Vertx vertx;
    private final long timeoutMillis;
    private final Map<HttpConnection, Long> timers = new ConcurrentHashMap<>();

    public HeadDeadline(Vertx vertx, Duration timeout) {
        this.vertx = vertx;
        this.timeoutMillis = Math.max(1, timeout.toMillis());
    }

    /** For {@code HttpServer.connectionHandler}: starts the first deadline. */
    public void connected(HttpConnection connection) {
        connection.closeHandler(ignored -> cancel(connection));
        arm(connection);
    }

    /** Wraps the request handler: a head arrived in time; the next deadline starts when the response ends. */
    public Handler<HttpServerRequest> guard(Handler<HttpServerRequest> next) {
        return request -> {
            HttpConnection connection = request.connection();
            if (connection != null) {
                cancel(connection);
                request.response().endHandler(ignored -> arm(connection));
            }
            next.handle(request);
        };
    }

    private void arm(HttpConnection connection) {
        long id = vertx.setTimer(timeoutMillis, ignored -> {
            timers.remove(connection);
            connection.close();
        });
        Long previous = timers.put(connection, id);
        if (previous != null) {
            vertx.cancelTimer(previous);
        }
    }

    private void cancel(HttpConnection connection) {
        Long id = timers.remove(connection);
        if (id != null) {
            vertx.cancelTimer(id);
        }
    }
}
