package dev.gatehouse.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gatehouse.admin.awsjson.StrictJsonParser;
import dev.gatehouse.json.SharedMapper;
import dev.gatehouse.keys.CryptoProvider;
import dev.gatehouse.server.GatehouseServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * What start-up leaves for later (issue 5), done once the server listens and its banner is out, on the
 * main thread, which would otherwise only wait: choosing the crypto provider, jackson-databind's shared
 * mapper and the request parser's, and the management endpoints. The listener answers meanwhile (a health
 * check needs none of it), and the first management call or JSON answer does not pay for it.
 */
final class WarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);

    private WarmUp() {
    }

    static void run(GatehouseServer server) {
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
