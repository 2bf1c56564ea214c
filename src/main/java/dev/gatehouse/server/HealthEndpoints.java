package dev.gatehouse.server;

import dev.gatehouse.net.DirectExchange;
import dev.gatehouse.net.DirectRequests;
import dev.gatehouse.net.ResponseHead;
import dev.gatehouse.runtime.Blocking;
import dev.gatehouse.store.Store;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.AsciiString;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /health/live} (the process answers) and {@code /health/ready} (the database answers too),
 * served on the listener's direct path ({@link DirectRequests}) rather than the router: probes come
 * every few seconds from every load balancer, and the very first one decides when a new node is
 * ready, so it should not wait for the router's cold first request.
 */
final class HealthEndpoints implements DirectRequests.Server {

    private static final String LIVE = "/health/live";
    private static final String READY = "/health/ready";
    private static final String UP = "{\"status\":\"UP\"}";
    private static final String DOWN = "{\"status\":\"DOWN\",\"database\":\"unreachable\"}";
    private static final AsciiString CONTENT_TYPE = AsciiString.cached("Content-Type");
    private static final AsciiString CACHE_CONTROL = AsciiString.cached("Cache-Control");

    private final Store store;
    private final Blocking blocking;
    private final CompletableFuture<Void> firstAnswer = new CompletableFuture<>();

    HealthEndpoints(Store store, Blocking blocking) {
        this.store = store;
        this.blocking = blocking;
    }

    /** The two paths, with or without a query, whatever the method (other methods get 405). */
    @Override
    public boolean claims(HttpRequest head) {
        String path = path(head.uri());
        return path.equals(LIVE) || path.equals(READY);
    }

    @Override
    public void serve(DirectExchange exchange) {
        HttpMethod method = exchange.method();
        if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
            ResponseHead head = new ResponseHead(405, null);
            head.add("Allow", "GET, HEAD");
            exchange.respond(head, null, exchange.hasBody());
            return;
        }
        if (path(exchange.uri()).equals(LIVE)) {
            answer(exchange, true);
            return;
        }
        blocking.run(store::ping).onComplete(result -> exchange.onLoop(() ->
                answer(exchange, result.succeeded() && Boolean.TRUE.equals(result.result()))));
    }

    /** Completes once the first probe has been answered (start-up's deferred work waits for it). */
    CompletableFuture<Void> firstAnswer() {
        return firstAnswer;
    }

    private void answer(DirectExchange exchange, boolean up) {
        ResponseHead head = new ResponseHead(up ? 200 : 503, null);
        head.add(CONTENT_TYPE, "application/json");
        head.add(CACHE_CONTROL, "no-store");
        // A body never read is not left in the connection for the next request: it closes.
        exchange.respond(head, Unpooled.wrappedBuffer((up ? UP : DOWN).getBytes(StandardCharsets.US_ASCII)),
                exchange.hasBody());
        firstAnswer.complete(null);
    }

    private static String path(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }
}
