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
                assertThat(bulk.secretsByClient()).isEqualTo(one.secretsByClient()).hasSize(2);
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
}
