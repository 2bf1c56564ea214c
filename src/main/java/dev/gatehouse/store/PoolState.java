package dev.gatehouse.store;

import dev.gatehouse.model.AppClient;
import dev.gatehouse.model.ClientRateLimit;
import dev.gatehouse.model.Domain;
import dev.gatehouse.model.ResourceServer;
import dev.gatehouse.model.SigningKey;
import dev.gatehouse.model.SigningKeyPolicy;
import dev.gatehouse.model.UserPool;

import java.util.List;
import java.util.Map;

/**
 * Everything the hot paths need to know about one pool, read in one transaction.
 *
 * @param secretsByClient    each client's active secrets, still sealed (opened on first use)
 * @param rateLimitsByClient issuance limits of the clients that have their own
 * @param revocations        revoked token ids, clients revoked-before times and disabled clients
 */
public record PoolState(
        UserPool pool,
        List<Domain> domains,
        List<ResourceServer> resourceServers,
        List<AppClient> clients,
        Map<String, ClientSecrets> secretsByClient,
        List<SigningKey> keys,
        Map<String, ClientRateLimit> rateLimitsByClient,
        RevocationState revocations,
        SigningKeyPolicy keyPolicy) {

    /** A pool whose clients all use the default issuance limit, with nothing revoked and no client disabled. */
    public PoolState(UserPool pool, List<Domain> domains, List<ResourceServer> resourceServers, List<AppClient> clients,
                     Map<String, ClientSecrets> secretsByClient, List<SigningKey> keys) {
        this(pool, domains, resourceServers, clients, secretsByClient, keys, Map.of(), RevocationState.EMPTY,
                SigningKeyPolicy.DEFAULT);
    }

    public PoolState {
        domains = List.copyOf(domains);
        resourceServers = List.copyOf(resourceServers);
        clients = List.copyOf(clients);
        secretsByClient = Map.copyOf(secretsByClient);
        keys = List.copyOf(keys);
        rateLimitsByClient = Map.copyOf(rateLimitsByClient);
        revocations = revocations == null ? RevocationState.EMPTY : revocations;
        keyPolicy = keyPolicy == null ? SigningKeyPolicy.DEFAULT : keyPolicy;
    }
}
