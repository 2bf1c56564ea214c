package dev.gatehouse.store;

import dev.gatehouse.model.AppClient;
import dev.gatehouse.model.ClientSecret;
import dev.gatehouse.model.Domain;
import dev.gatehouse.model.TokenValidity;
import dev.gatehouse.model.UserPool;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The directory's copies: one pool changes, every other pool and every older snapshot stays as it was. */
class DirectoryTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void withReplacesOnlyThatPoolAndOlderSnapshotsKeepTheirView() {
        Directory one = Directory.EMPTY.with(pool("us-east-1_A", List.of("a1", "a2"), List.of("login-a")))
                .with(pool("us-east-1_B", List.of("b1"), List.of("login-b")));

        Directory two = one.with(pool("us-east-1_A", List.of("a2", "a3"), List.of("login-a2")));

        assertThat(two.client("a1")).isEmpty();
        assertThat(two.client("a3")).map(e -> e.client().poolId()).contains("us-east-1_A");
        assertThat(two.client("b1")).map(e -> e.client().poolId()).contains("us-east-1_B");
        assertThat(two.poolOfDomain("us-east-1", "login-a")).isEmpty();
        assertThat(two.poolOfDomain("us-east-1", "LOGIN-A2")).contains("us-east-1_A");
        assertThat(two.clientCount()).isEqualTo(3);
        assertThat(two.poolCount()).isEqualTo(2);
        assertThat(one.client("a1")).isPresent();
        assertThat(one.client("a3")).isEmpty();
        assertThat(one.poolOfDomain("us-east-1", "login-a")).contains("us-east-1_A");
    }

    @Test
    void withoutDropsThePoolItsClientsAndDomains() {
        Directory both = Directory.EMPTY.with(pool("us-east-1_A", List.of("a1"), List.of("login-a")))
                .with(pool("us-east-1_B", List.of("b1"), List.of("login-b")));

        Directory left = both.without("us-east-1_A");

        assertThat(left.pool("us-east-1_A")).isEmpty();
        assertThat(left.client("a1")).isEmpty();
        assertThat(left.poolOfDomain("us-east-1", "login-a")).isEmpty();
        assertThat(left.client("b1")).isPresent();
        assertThat(left.poolOfDomain("us-east-1", "login-b")).contains("us-east-1_B");
        assertThat(left.clientCount()).isEqualTo(1);
        assertThat(left.without("us-east-1_A")).isSameAs(left);
    }

    @Test
    void aDomainThatMovedStaysWithItsNewPoolWhenTheOldPoolIsRefreshedLater() {
        Directory before = Directory.EMPTY.with(pool("us-east-1_A", List.of(), List.of("shared")))
                .with(pool("us-east-1_B", List.of(), List.of()));

        // B's refresh (domain created) is applied before A's (domain deleted): A must not take it away.
        Directory after = before.with(pool("us-east-1_B", List.of(), List.of("shared")))
                .with(pool("us-east-1_A", List.of(), List.of()));

        assertThat(after.poolOfDomain("us-east-1", "shared")).contains("us-east-1_B");
        assertThat(after.without("us-east-1_A").poolOfDomain("us-east-1", "shared")).contains("us-east-1_B");
    }

    @Test
    void withOnlyBuildsTheSameDirectoryAsOnePoolAtATime() {
        List<PoolState> states = new ArrayList<>();
        for (int p = 0; p < 50; p++) {
            int pool = p;
            states.add(pool("us-east-1_P" + p, IntStream.range(0, 40).mapToObj(c -> "p" + pool + "c" + c).toList(),
                    List.of("login-" + p)));
        }
        Directory incremental = Directory.EMPTY;
        for (PoolState state : states) {
            incremental = incremental.with(state);
        }

        Directory bulk = Directory.EMPTY.withOnly(states);

        assertThat(bulk.poolCount()).isEqualTo(incremental.poolCount()).isEqualTo(50);
        assertThat(bulk.clientCount()).isEqualTo(incremental.clientCount()).isEqualTo(2000);
        for (int p = 0; p < 50; p++) {
            assertThat(bulk.poolOfDomain("us-east-1", "login-" + p)).contains("us-east-1_P" + p);
            for (int c = 0; c < 40; c++) {
                String clientId = "p" + p + "c" + c;
                assertThat(bulk.client(clientId).map(Directory.ClientEntry::client))
                        .isEqualTo(incremental.client(clientId).map(Directory.ClientEntry::client));
                assertThat(bulk.client(clientId)).map(e -> e.client().poolId()).contains("us-east-1_P" + p);
                assertThat(bulk.client(clientId).orElseThrow().secretDigests()).singleElement()
                        .isEqualTo(Directory.digest("secret-of-" + clientId));
            }
        }
    }

    private static PoolState pool(String poolId, List<String> clientIds, List<String> domains) {
        UserPool pool = new UserPool(poolId, "us-east-1", poolId, "INACTIVE", "ESSENTIALS", "{}", NOW, NOW);
        List<AppClient> clients = clientIds.stream().map(id -> new AppClient(poolId, id, id, TokenValidity.DEFAULT,
                List.of(), List.of(), List.of(), List.of(), null, List.of("client_credentials"), List.of(), true, true,
                "{}", NOW, NOW)).toList();
        Map<String, ClientSecrets> secrets = new java.util.HashMap<>();
        for (String id : clientIds) {
            secrets.put(id, ClientSecrets.of(List.of(new ClientSecret(id + "--1", id, "secret-of-" + id, true, NOW))));
        }
        return new PoolState(pool, domains.stream().map(d -> new Domain(d, poolId, "us-east-1", null, null, null))
                .toList(), List.of(), clients, secrets, List.of());
    }
}
