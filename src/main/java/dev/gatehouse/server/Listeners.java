package dev.gatehouse.server;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The node's listener, one instance per core unless configured ({@code --listeners}): a Vert.x HTTP
 * server serves all its connections on one event loop, so one server would sign tokens and proxy on
 * one core however many the machine has. Each instance is deployed on its own event loop and they
 * share the port (Vert.x hands each new connection to the next instance), a random one when the
 * configured port is 0.
 */
final class Listeners {

    private final Vertx vertx;
    private final List<String> deployments = new ArrayList<>();
    private int port;
    private int instances;

    private Listeners(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * {@code instances} servers made by {@code server} (each on the event loop it is called on), sharing
     * {@code host:port}. Blocks until every one listens; on failure, closes what was started and throws.
     */
    static Listeners start(Vertx vertx, Function<Vertx, HttpServer> server, String host, int port, int instances) {
        Listeners listeners = new Listeners(vertx);
        boolean started = false;
        try {
            // Port 0 would give each instance a port of its own; a negative port is Vert.x's "one random port,
            // shared by every server that asks for the same negative number".
            int shared = port == 0 ? -1 : port;
            List<Listener> made = new CopyOnWriteArrayList<>(); // Vert.x may make the instances on other threads
            listeners.deploy(() -> {
                Listener listener = new Listener(server, host, shared);
                made.add(listener);
                return listener;
            }, instances);
            listeners.port = made.get(0).server.actualPort();
            listeners.instances = made.size();
            for (Listener listener : made) {
                if (listener.server.actualPort() != listeners.port) {
                    throw new IllegalStateException("listener instances got different ports");
                }
            }
            started = true;
            return listeners;
        } finally {
            if (!started) { // await() rethrows a failed bind as it is, checked or not
                listeners.close();
            }
        }
    }

    int port() {
        return port;
    }

    /** How many instances listen. */
    int instances() {
        return instances;
    }

    void close() {
        for (String deployment : deployments) {
            vertx.undeploy(deployment).await();
        }
        deployments.clear();
    }

    private void deploy(Supplier<Listener> listener, int instances) {
        Future<String> deployed = vertx.deployVerticle(listener, new DeploymentOptions().setInstances(instances));
        deployments.add(deployed.await()); // Future.await() rethrows the cause as is, e.g. a BindException
    }

    /** One server on its own event loop; undeploying it closes the server. */
    private static final class Listener extends VerticleBase {
        private final Function<Vertx, HttpServer> make;
        private final String host;
        private final int port;
        /** Set on the instance's event loop; read once the deployment has completed. */
        private volatile HttpServer server;

        Listener(Function<Vertx, HttpServer> make, String host, int port) {
            this.make = make;
            this.host = host;
            this.port = port;
        }

        @Override
        public Future<?> start() {
            server = make.apply(vertx);
            return server.listen(port, host);
        }
    }
}
