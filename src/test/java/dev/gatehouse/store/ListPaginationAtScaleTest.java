package dev.gatehouse.store;

import dev.gatehouse.keys.SigningKeys;
import dev.gatehouse.model.AppClient;
import dev.gatehouse.model.ClientSecret;
import dev.gatehouse.model.SigningKey;
import dev.gatehouse.model.TokenValidity;
import dev.gatehouse.model.UserPool;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walking ListUserPools and ListUserPoolClients page by page over many rows yields every row of
 * the region (or pool) once, in id order, and nothing of another region or pool — with rows of the
 * other region and pool inserted between them. The list queries order by the whole index
 * ({@code region, id} and {@code pool_id, client_id}) so the database stops after one page.
 */
class ListPaginationAtScaleTest {

    private static final int PAGE = 60;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void walkWhenManyPoolsInTwoRegionsThenEveryPoolOfTheRegionOnceInIdOrder(TestDatabase database) {
        try (TestServer server = TestServer.start(database)) {
            Store store = server.server().components().store();
            Instant now = Instant.now();
            List<SigningKey> template = SigningKeys.newPoolKeys("us-east-1_TEMPLATE", now);
            List<String> east = new ArrayList<>();
            // Inserted in descending id order, the other region's pools interleaved: storage order is not id order.
            for (int i = 149; i >= 0; i--) {
                String id = "us-east-1_P%03d".formatted(i);
                insertPool(store, template, id, "us-east-1", now);
                east.add(0, id);
                if (i % 10 == 0) {
                    insertPool(store, template, "eu-west-1_P%03d".formatted(i), "eu-west-1", now);
                }
            }

            List<String> walked = walk(after -> store.listPools("us-east-1", after, PAGE), UserPool::id);

            assertThat(walked).containsExactlyElementsOf(east);
            assertThat(walk(after -> store.listPools("eu-west-1", after, PAGE), UserPool::id))
                    .hasSize(15).allMatch(id -> id.startsWith("eu-west-1_"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void walkWhenManyClientsInTwoPoolsThenEveryClientOfThePoolOnceInIdOrder(TestDatabase database) {
        try (TestServer server = TestServer.start(database)) {
            Store store = server.server().components().store();
            Instant now = Instant.now();
            List<SigningKey> template = SigningKeys.newPoolKeys("us-east-1_TEMPLATE", now);
            insertPool(store, template, "us-east-1_BIG", "us-east-1", now);
            insertPool(store, template, "us-east-1_OTHER", "us-east-1", now);
            List<String> big = new ArrayList<>();
            for (int i = 129; i >= 0; i--) {
                String id = "client%03dxxxxxxxxxxxxxxxxxxx".formatted(i).substring(0, 26);
                insertClient(store, "us-east-1_BIG", id, now);
                big.add(0, id);
                if (i % 3 == 0) {
                    insertClient(store, "us-east-1_OTHER", ("client%03dyyyyyyyyyyyyyyyyyyy".formatted(i)).substring(0, 26), now);
                }
            }

            List<String> walked = walk(after -> store.listClients("us-east-1_BIG", after, PAGE), AppClient::clientId);

            assertThat(walked).containsExactlyElementsOf(big);
        }
    }

    private static <T> List<String> walk(Function<String, Page<T>> page, Function<T, String> id) {
        List<String> out = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Page<T> current = page.apply(after);
            assertThat(current.items()).hasSizeLessThanOrEqualTo(PAGE);
            current.items().forEach(item -> out.add(id.apply(item)));
            after = current.lastKey();
            pages++;
        } while (after != null && pages < 100);
        return out;
    }

    private static void insertPool(Store store, List<SigningKey> template, String poolId, String region, Instant now) {
        List<SigningKey> keys = template.stream().map(k -> new SigningKey(poolId, poolId + "-" + k.kid(), k.purpose(),
                k.algorithm(), k.privateKeyPkcs8(), k.publicKeyX509(), k.creationDate(), k.activationDate(),
                k.revocationDate())).toList();
        store.insertPool(new UserPool(poolId, region, poolId, "INACTIVE", "ESSENTIALS", "{}", now, now), keys, Map.of());
    }

    private static void insertClient(Store store, String poolId, String clientId, Instant now) {
        store.insertClient(new AppClient(poolId, clientId, clientId, TokenValidity.DEFAULT, List.of(), List.of(),
                List.of(), List.of(), null, List.of("client_credentials"), List.of(), true, true, "{}", now, now),
                List.of(new ClientSecret(clientId + "--1", clientId, "secret-" + clientId, true, now)));
    }
}
