package dev.gatehouse.store;

import dev.gatehouse.keys.SigningKeys;
import dev.gatehouse.model.AppClient;
import dev.gatehouse.model.ClientRateLimit;
import dev.gatehouse.model.ClientSecret;
import dev.gatehouse.model.Domain;
import dev.gatehouse.model.ResourceServer;
import dev.gatehouse.model.Scope;
import dev.gatehouse.model.SigningKey;
import dev.gatehouse.model.SigningKeyPolicy;
import dev.gatehouse.model.TokenValidity;
import dev.gatehouse.model.UserPool;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up reads every pool with one query per table; a write re-reads one pool. Both must yield
 * the same state, with every kind of row present (domains, scopes, secrets, limits, revocations,
 * key policy) and rows of several pools interleaved in the tables.
 */
class BulkPoolLoadTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void loadingAllPoolsAtOnceGivesEachPoolTheStateItsOwnLoadGives(TestDatabase database) {
        try (TestServer server = TestServer.start(database)) {
            Store store = server.server().components().store();
            Instant now = Instant.now();
            String run = UUID.randomUUID().toString().substring(0, 8);
            List<String> poolIds = List.of("us-east-1_A" + run, "us-east-1_B" + run, "us-east-1_C" + run);
            for (String poolId : poolIds) {
                store.insertPool(new UserPool(poolId, "us-east-1", poolId, "INACTIVE", "ESSENTIALS", "{}", now, now),
                        SigningKeys.newPoolKeys(poolId, now), Map.of());
            }
            for (int round = 0; round < 2; round++) {
                for (String poolId : poolIds) {
                    String stem = poolId.substring(10).toLowerCase() + round;
                    store.insertDomain(new Domain("login-" + stem, poolId, "us-east-1", null, null, null));
                    store.insertResourceServer(new ResourceServer(poolId, "api" + round, "API",
                            List.of(new Scope("read", "r"), new Scope("write", "w"))));
                    String clientId = (stem + "client" + "xxxxxxxxxxxxxxxxxxxxxxxxxx").substring(0, 26);
                    store.insertClient(new AppClient(poolId, clientId, stem, TokenValidity.DEFAULT, List.of(),
                            List.of(), List.of(), List.of(), null, List.of("client_credentials"), List.of("api0/read"),
                            true, true, "{}", now, now),
                            List.of(new ClientSecret(clientId + "--1", clientId, "secret-" + clientId, true, now)));
                    if (round == 1) {
                        store.setClientRateLimit(poolId, clientId, new ClientRateLimit(7, 9));
                        store.revokeToken(poolId, clientId, "jti-" + stem, now.plusSeconds(3600), now);
                        store.disableClient(poolId, clientId, now);
                    }
                }
            }
            store.putKeyPolicy(poolIds.get(1), new SigningKeyPolicy(30, 3600));

            List<PoolState> all = store.loadAllPoolStates();

            for (String poolId : poolIds) {
                PoolState one = store.loadPoolState(poolId).orElseThrow();
                PoolState bulk = all.stream().filter(s -> s.pool().id().equals(poolId)).findFirst().orElseThrow();
                assertThat(bulk.pool()).isEqualTo(one.pool());
                assertThat(bulk.domains()).isEqualTo(one.domains()).hasSize(2);
                assertThat(bulk.resourceServers()).isEqualTo(one.resourceServers()).hasSize(2);
                assertThat(bulk.clients()).isEqualTo(one.clients()).hasSize(2);
                assertThat(bulk.secretsByClient()).hasSize(2).hasSameSizeAs(one.secretsByClient());
                one.secretsByClient().forEach((clientId, secrets) -> {
                    ClientSecrets bulkSecrets = bulk.secretsByClient().get(clientId);
                    assertThat(bulkSecrets.secretIds()).isEqualTo(secrets.secretIds()).hasSize(1);
                    assertThat(bulkSecrets.digests()).singleElement()
                            .isEqualTo(Directory.digest("secret-" + clientId))
                            .isEqualTo(secrets.digests().get(0));
                });
                assertThat(bulk.rateLimitsByClient()).isEqualTo(one.rateLimitsByClient()).hasSize(1);
                assertThat(bulk.revocations()).isEqualTo(one.revocations());
                assertThat(bulk.revocations().disabledClients()).hasSize(1);
                assertThat(bulk.revocations().revokedJtis()).hasSize(1);
                assertThat(bulk.keyPolicy()).isEqualTo(one.keyPolicy());
                assertThat(bulk.keys()).hasSameSizeAs(one.keys()).isNotEmpty();
                for (int i = 0; i < one.keys().size(); i++) {
                    SigningKey expected = one.keys().get(i);
                    SigningKey actual = bulk.keys().get(i);
                    assertThat(actual.kid()).isEqualTo(expected.kid());
                    assertThat(Arrays.equals(actual.privateKeyPkcs8(), expected.privateKeyPkcs8())).isTrue();
                }
            }
            assertThat(all.stream().filter(s -> s.pool().id().equals(poolIds.get(1))).findFirst().orElseThrow()
                    .keyPolicy().rotationPeriodDays()).isEqualTo(30);
        }
    }

    /**
     * The reader's queries leave ordering to it (no ORDER BY, so H2 scans tables in storage order):
     * rows inserted out of order still come back as the single-pool SQL once ordered them.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void loadingWhenRowsWereInsertedOutOfOrderThenEachPoolsRowsAreInTheirOrder(TestDatabase database) {
        try (TestServer server = TestServer.start(database)) {
            Store store = server.server().components().store();
            Instant now = Instant.parse("2026-01-01T00:00:00Z");
            String poolId = "us-east-1_ORDER" + UUID.randomUUID().toString().substring(0, 4);
            List<SigningKey> template = SigningKeys.newPoolKeys("us-east-1_TEMPLATE", now);
            // kids in reverse of creation order: the later key has the smaller kid
            List<SigningKey> keys = List.of(
                    copy(template.get(0), poolId, "z-first", now), copy(template.get(1), poolId, "y-first", now),
                    copy(template.get(0), poolId, "b-second", now.plusSeconds(60)),
                    copy(template.get(1), poolId, "a-second", now.plusSeconds(60)));
            store.insertPool(new UserPool(poolId, "us-east-1", poolId, "INACTIVE", "ESSENTIALS", "{}", now, now),
                    List.of(keys.get(3), keys.get(1), keys.get(2), keys.get(0)), Map.of());
            String stem = poolId.substring(10).toLowerCase();
            store.insertDomain(new Domain("zeta-" + stem, poolId, "us-east-1", null, null, null));
            store.insertDomain(new Domain("alpha-" + stem, poolId, "us-east-1", null, null, null));
            store.insertResourceServer(new ResourceServer(poolId, "zapi", "Z", List.of(new Scope("write", "w"))));
            store.insertResourceServer(new ResourceServer(poolId, "api", "A",
                    List.of(new Scope("write", "w"), new Scope("read", "r"), new Scope("admin", "a"))));
            List<String> clientIds = List.of("c3xxxxxxxxxxxxxxxxxxxxxxxx", "c2xxxxxxxxxxxxxxxxxxxxxxxx",
                    "c1xxxxxxxxxxxxxxxxxxxxxxxx");
            for (String clientId : clientIds) {
                store.insertClient(new AppClient(poolId, clientId, clientId, TokenValidity.DEFAULT, List.of(),
                        List.of(), List.of(), List.of(), null, List.of("client_credentials"), List.of(), true, true,
                        "{}", now, now),
                        List.of(new ClientSecret(clientId + "--b", clientId, "late", true, now.plusSeconds(5))));
            }
            String first = clientIds.get(2);
            store.insertSecret(poolId, new ClientSecret(first + "--z", first, "early", true, now.plusSeconds(1)));
            store.insertSecret(poolId, new ClientSecret(first + "--a", first, "late-too", true, now.plusSeconds(5)));

            PoolState one = store.loadPoolState(poolId).orElseThrow();
            PoolState bulk = store.loadAllPoolStates().stream().filter(p -> p.pool().id().equals(poolId))
                    .findFirst().orElseThrow();

            for (PoolState state : List.of(one, bulk)) {
                assertThat(state.keys()).extracting(SigningKey::kid)
                        .containsExactly("y-first", "z-first", "a-second", "b-second");
                assertThat(state.domains()).extracting(Domain::domain).containsExactly("alpha-" + stem, "zeta-" + stem);
                assertThat(state.resourceServers()).extracting(ResourceServer::identifier).containsExactly("api", "zapi");
                assertThat(state.resourceServers().get(0).scopes()).extracting(Scope::name)
                        .containsExactly("write", "read", "admin");
                assertThat(state.clients()).extracting(AppClient::clientId)
                        .containsExactly(clientIds.get(2), clientIds.get(1), clientIds.get(0));
                assertThat(state.secretsByClient().get(first).secretIds()).containsExactly(first + "--z", first + "--a", first + "--b");
            }
        }
    }

    private static SigningKey copy(SigningKey key, String poolId, String kid, Instant created) {
        return new SigningKey(poolId, kid, key.purpose(), key.algorithm(), key.privateKeyPkcs8(), key.publicKeyX509(),
                created, created, null);
    }
}
