package dev.gatehouse.keys;

import dev.gatehouse.manage.KeyRotationService;
import dev.gatehouse.model.KeyRing;
import dev.gatehouse.model.KeyState;
import dev.gatehouse.model.SigningKey;
import dev.gatehouse.model.SigningAlgorithm;
import dev.gatehouse.model.SigningKeyPolicy;
import dev.gatehouse.observe.AuditLog;
import dev.gatehouse.server.Components;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The periodic automatic rotation ({@link KeyRotationService#rotateDue}): it rotates a pool whose
 * active key is older than its period, leaves other pools alone, and two nodes running it at the
 * same instant make one rotation. The nodes' clock is moved instead of waiting for days.
 */
class AutoRotationTest {

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void rotateDueWhenActiveKeyOlderThanPeriodThenRotatesOnlyThatPool(TestDatabase database) throws Exception {
        try (TestServer server = TestServer.start(database)) {
            Components c = server.server().components();
            String rotating = RotationFixture.create(server).poolId;
            String manual = RotationFixture.create(server).poolId;
            String longPeriod = RotationFixture.create(server).poolId;
            c.store().putKeyPolicy(rotating, new SigningKeyPolicy(90, 60, SigningAlgorithm.ES256));
            c.store().putKeyPolicy(longPeriod, new SigningKeyPolicy(365, null));
            MovableClock clock = new MovableClock();
            KeyRotationService node = node(c, clock);

            assertThat(node.rotateDue()).as("every key is younger than its period").isEmpty();
            clock.advance(Duration.ofDays(89));
            assertThat(node.rotateDue()).as("89 days < 90").isEmpty();
            clock.advance(Duration.ofDays(1));
            assertThat(node.rotateDue()).as("90 days: due").containsExactly(rotating);
            assertThat(c.store().keysOf(rotating)).hasSize(4);
            assertThat(c.store().keysOf(manual)).as("no period, no rotation").hasSize(2);
            assertThat(c.store().keysOf(longPeriod)).hasSize(2);

            KeyRing ring = new KeyRing(c.store().keysOf(rotating));
            List<SigningKey> pending = ring.keys().stream().filter(k -> ring.state(k, clock.instant()) == KeyState.PENDING).toList();
            assertThat(pending).hasSize(2).allSatisfy(key -> assertThat(Duration.between(clock.instant(), key.activationDate()))
                    .as("the pool's own pre-publication").isBetween(Duration.ofSeconds(60), Duration.ofSeconds(61)));
            assertThat(pending).as("the policy's algorithm").allSatisfy(key -> assertThat(key.algorithm()).isEqualTo(SigningAlgorithm.ES256));
            assertThat(c.store().keysOf(manual)).allSatisfy(key -> assertThat(key.algorithm()).isEqualTo(SigningAlgorithm.RS256));
            assertThat(c.directory().current().pool(rotating).orElseThrow().keys()).as("the directory was refreshed").hasSize(4);

            assertThat(node.rotateDue()).as("a pending key: not due again").isEmpty();
            clock.advance(Duration.ofDays(30));
            assertThat(node.rotateDue()).as("the new key is only 30 days old").isEmpty();
            assertThat(c.store().keysOf(rotating)).hasSize(4);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void rotateDueWhenTwoNodesRunAtTheSameInstantThenOneRotation(TestDatabase database) throws Exception {
        try (TestServer server = TestServer.start(database)) {
            Components c = server.server().components();
            String poolId = RotationFixture.create(server).poolId;
            c.store().putKeyPolicy(poolId, new SigningKeyPolicy(1, null));
            MovableClock clock = new MovableClock();
            clock.advance(Duration.ofDays(2));
            ExecutorService nodes = Executors.newFixedThreadPool(4);
            try {
                for (int round = 0; round < 3; round++) {
                    CyclicBarrier together = new CyclicBarrier(4);
                    List<Future<List<String>>> runs = new ArrayList<>();
                    for (int n = 0; n < 4; n++) {
                        KeyRotationService node = node(c, clock);
                        Callable<List<String>> run = () -> {
                            together.await();
                            return node.rotateDue();
                        };
                        runs.add(nodes.submit(run));
                    }
                    int rotations = 0;
                    for (Future<List<String>> run : runs) {
                        rotations += run.get().size();
                    }
                    assertThat(rotations).as("round " + round + ": four nodes at once, one rotation").isEqualTo(1);
                    // the pending keys activate, then age past the period
                    clock.advance(Duration.ofDays(2));
                }
            } finally {
                nodes.shutdownNow();
            }
            assertThat(c.store().keysOf(poolId)).as("the original pair and one pair per round").hasSize(8);
        }
    }

    /** A second service on the same store, as another node would run it. */
    private static KeyRotationService node(Components c, Clock clock) {
        return new KeyRotationService(c.store(), c.directory(), clock, Duration.ofHours(1), Duration.ofDays(1), AuditLog.NONE);
    }
}
