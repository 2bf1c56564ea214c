package dev.gatehouse.runtime;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.concurrent.Callable;

/**
 * The one way to run blocking work (JDBC, files) from an event loop: on a worker thread, unordered
 * so independent requests do not queue behind each other (DESIGN §4).
 */
public final class Blocking {

    private final Vertx vertx;

    public Blocking(Vertx vertx) {
        this.vertx = vertx;
    }

    public <T> Future<T> run(Callable<T> work) {
        return vertx.executeBlocking(work, false);
    }
}
