package dev.gatehouse.bench;

import dev.gatehouse.keys.SigningKeys;
import dev.gatehouse.model.AppClient;
import dev.gatehouse.model.ClientSecret;
import dev.gatehouse.model.Domain;
import dev.gatehouse.model.SigningKey;
import dev.gatehouse.model.TokenValidity;
import dev.gatehouse.model.UserPool;
import dev.gatehouse.store.DirectoryHolder;
import dev.gatehouse.store.PoolState;
import dev.gatehouse.store.Store;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Times the directory at scale on H2 (issue 5): {@code loadAll} over many pools, and the refresh a
 * management write triggers on a pool with thousands of clients. Rows are written straight through
 * the store (no HTTP, one RSA key pair reused) so the set-up measures nothing of interest.
 * Run after {@code mvn test-compile}: {@code java -cp target/classes:target/test-classes:<test class path>
 * dev.gatehouse.bench.DirectoryLoadBench 2000 10 5000} (pools, clients per pool, clients of the big pool).
 */
public final class DirectoryLoadBench {

    private DirectoryLoadBench() {
    }

    public static void main(String[] args) {
        int pools = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int clientsPerPool = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int bigPoolClients = args.length > 2 ? Integer.parseInt(args[2]) : 5000;
        try (TestServer server = TestServer.start(TestDatabase.H2)) {
            Store store = server.server().components().store();
            Instant now = Instant.now();
            List<SigningKey> template = SigningKeys.newPoolKeys("us-east-1_TEMPLATE", now);
            long started = System.nanoTime();
            for (int p = 0; p < pools; p++) {
                String poolId = insertPool(store, template, "us-east-1_P" + p, now);
                for (int c = 0; c < clientsPerPool; c++) {
                    insertClient(store, poolId, "p" + p + "c" + c, now);
                }
            }
            String big = insertPool(store, template, "us-east-1_BIG", now);
            for (int c = 0; c < bigPoolClients; c++) {
                insertClient(store, big, "big" + c, now);
            }
            System.out.printf("set-up: %d pools x %d clients + 1 pool x %d clients written in %d ms%n",
                    pools, clientsPerPool, bigPoolClients, millisSince(started));

            for (int round = 0; round < 3; round++) {
                DirectoryHolder holder = new DirectoryHolder(store);
                started = System.nanoTime();
                holder.loadAll();
                System.out.printf("loadAll: %d pools, %d clients in %d ms%n", holder.current().poolCount(),
                        holder.current().clientCount(), millisSince(started));
            }

            DirectoryHolder holder = new DirectoryHolder(store);
            holder.loadAll();
            int writes = 20;
            for (int round = 0; round < 2; round++) {
                started = System.nanoTime();
                PoolState state = null;
                for (int i = 0; i < writes; i++) {
                    state = store.loadPoolState(big).orElseThrow();
                }
                System.out.printf("loadPoolState of the %d-client pool: %.1f ms each%n", bigPoolClients,
                        millisSince(started) / (double) writes);
                started = System.nanoTime();
                for (int i = 0; i < writes; i++) {
                    holder.current().with(state);
                }
                System.out.printf("Directory.with of the %d-client pool: %.1f ms each%n", bigPoolClients,
                        millisSince(started) / (double) writes);
            }
            for (int round = 0; round < 2; round++) {
                started = System.nanoTime();
                for (int i = 0; i < writes; i++) {
                    insertClient(store, big, "more" + round + "x" + i, now);
                    holder.refresh(big);
                }
                System.out.printf("insert client + refresh of the %d-client pool: %.1f ms each%n", bigPoolClients,
                        millisSince(started) / (double) writes);
                started = System.nanoTime();
                for (int i = 0; i < writes; i++) {
                    insertClient(store, "us-east-1_P" + i, "small" + round + "x" + i, now);
                    holder.refresh("us-east-1_P" + i);
                }
                System.out.printf("insert client + refresh of a %d-client pool: %.2f ms each%n", clientsPerPool,
                        millisSince(started) / (double) writes);
            }
        }
    }

    private static String insertPool(Store store, List<SigningKey> template, String poolId, Instant now) {
        List<SigningKey> keys = template.stream().map(k -> new SigningKey(poolId, poolId + "-" + k.kid(), k.purpose(),
                k.algorithm(), k.privateKeyPkcs8(), k.publicKeyX509(), k.creationDate(), k.activationDate(),
                k.revocationDate())).toList();
        store.insertPool(new UserPool(poolId, "us-east-1", poolId, "INACTIVE", "ESSENTIALS", "{}", now, now), keys,
                Map.of());
        store.insertDomain(new Domain(poolId.substring("us-east-1_".length()).toLowerCase(), poolId, "us-east-1",
                null, null, null));
        return poolId;
    }

    private static void insertClient(Store store, String poolId, String name, Instant now) {
        String clientId = (name + "xxxxxxxxxxxxxxxxxxxxxxxxxx").substring(0, 26);
        store.insertClient(new AppClient(poolId, clientId, name, TokenValidity.DEFAULT, List.of(), List.of(),
                List.of(), List.of(), null, List.of("client_credentials"), List.of(), true, true, "{}", now, now),
                List.of(new ClientSecret(clientId + "--1", clientId, "secret-" + clientId + "-0123456789", true, now)));
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
