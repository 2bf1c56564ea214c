package dev.gatehouse.store;

import dev.gatehouse.model.AppClient;
import dev.gatehouse.model.ClientSecret;
import dev.gatehouse.model.Domain;
import dev.gatehouse.model.ResourceServer;
import dev.gatehouse.model.SigningKey;
import dev.gatehouse.model.SigningKeyPolicy;
import dev.gatehouse.model.UserPool;

import java.util.List;
import java.util.Map;

/** Everything the hot paths need to know about one pool, read in one transaction. */
public record PoolState(
        UserPool pool,
        List<Domain> domains,
        List<ResourceServer> resourceServers,
        List<AppClient> clients,
        Map<String, List<ClientSecret>> secretsByClient,
        List<SigningKey> keys,
        SigningKeyPolicy keyPolicy) {

    public PoolState {
        domains = List.copyOf(domains);
        resourceServers = List.copyOf(resourceServers);
        clients = List.copyOf(clients);
        secretsByClient = Map.copyOf(secretsByClient);
        keys = List.copyOf(keys);
        keyPolicy = keyPolicy == null ? SigningKeyPolicy.DEFAULT : keyPolicy;
    }
}
