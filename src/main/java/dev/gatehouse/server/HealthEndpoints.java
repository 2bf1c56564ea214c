package dev.gatehouse.server;

import dev.gatehouse.runtime.Blocking;
import dev.gatehouse.store.Store;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code /health/live} (the process answers) and {@code /health/ready} (the database answers too). */
final class HealthEndpoints {

    private final Store store;
    private final Blocking blocking;

    HealthEndpoints(Store store, Blocking blocking) {
        this.store = store;
        this.blocking = blocking;
    }

    void mount(Router router) {
        router.get("/health/live").handler(ctx -> json(ctx, 200, "{\"status\":\"UP\"}"));
        router.get("/health/ready").handler(this::ready);
    }

    private void ready(RoutingContext ctx) {
        blocking.run(store::ping).onComplete(result -> {
            boolean up = result.succeeded() && Boolean.TRUE.equals(result.result());
            json(ctx, up ? 200 : 503, up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\",\"database\":\"unreachable\"}");
        });
    }

    private static void json(RoutingContext ctx, int status, String body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end(body);
    }
}
