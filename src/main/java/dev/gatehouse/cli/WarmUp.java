package dev.gatehouse.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gatehouse.admin.awsjson.StrictJsonParser;
import dev.gatehouse.json.SharedMapper;
import dev.gatehouse.keys.CryptoProvider;
import dev.gatehouse.server.GatehouseServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What start-up leaves for later (issue 5), done on the main thread, which would otherwise only wait,
 * once the server listens, its banner is out and its first health probe is answered (or a second has
 * passed): choosing the crypto provider, jackson-databind's shared mapper and the request parser's, and
 * the management endpoints. The listener answers meanwhile (a health check needs none of it), and the
 * first management call or JSON answer does not pay for it.
 */
final class WarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);

    /** How long the warm-up waits for the first health probe before it starts anyway. */
    private static final long PROBE_WAIT_MILLIS = 1000;

    private WarmUp() {
    }

    static void run(GatehouseServer server) {
        try {
            // On a small machine the warm-up competes with the listener for the CPU: the first readiness probe,
            // which decides when a new node takes traffic, is answered first.
            server.components().firstProbeAnswered().get(PROBE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // no probe yet: warm up anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            CryptoProvider.rsa(); // chooses, and logs the choice
            SharedMapper.get().writeValueAsString(SharedMapper.get().createObjectNode().put("ready", true));
            new StrictJsonParser().parseObject("{\"ready\":true}".getBytes(StandardCharsets.UTF_8));
            server.components().buildManagementEndpoints();
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.debug("Warm-up after start-up failed; the first requests will do its work", e);
        }
    }
}
