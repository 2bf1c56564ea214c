package dev.gatehouse.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The key states of docs/key-rotation.md as a table: ring, instant → states, active kid, published kids. */
class KeyRingTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Duration GRACE = KeyRing.MAX_TOKEN_LIFETIME.plus(KeyRing.CLOCK_SKEW_ALLOWANCE);

    /** One access key: kid, created, activates, revoked (seconds after T0; null = never). */
    record K(String kid, long created, long activates, Long revoked) {
        SigningKey key() {
            return new SigningKey("us-east-1_TEST", kid, KeyPurpose.ACCESS, dev.gatehouse.model.SigningAlgorithm.RS256, new byte[1], new byte[1],
                    T0.plusSeconds(created), T0.plusSeconds(activates), revoked == null ? null : T0.plusSeconds(revoked));
        }
    }

    record Row(String name, List<K> keys, long at, List<String> states, String active, List<String> published) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final long HOUR = 3600;
    private static final long GRACE_S = GRACE.toSeconds();

    static Stream<Row> table() {
        K k1 = new K("k1", 0, 0, null);
        K k2 = new K("k2", 100, 100 + HOUR, null);
        K k3 = new K("k3", 200 + HOUR, 200 + 2 * HOUR, null);
        return Stream.of(
                new Row("a single key signs", List.of(k1), 10, List.of("ACTIVE"), "k1", List.of("k1")),
                new Row("a new key is pending until its activation", List.of(k1, k2), 100,
                        List.of("ACTIVE", "PENDING"), "k1", List.of("k1", "k2")),
                new Row("one second before activation the old key still signs", List.of(k1, k2), 99 + HOUR,
                        List.of("ACTIVE", "PENDING"), "k1", List.of("k1", "k2")),
                new Row("at its activation the new key signs and the old retires", List.of(k1, k2), 100 + HOUR,
                        List.of("RETIRED", "ACTIVE"), "k2", List.of("k1", "k2")),
                new Row("the retired key stays published until replacement + 1 day + skew", List.of(k1, k2),
                        100 + HOUR + GRACE_S - 1, List.of("RETIRED", "ACTIVE"), "k2", List.of("k1", "k2")),
                new Row("then it expires and leaves JWKS", List.of(k1, k2), 100 + HOUR + GRACE_S,
                        List.of("EXPIRED", "ACTIVE"), "k2", List.of("k2")),
                new Row("two rotations: each retirement counts from its own replacement", List.of(k1, k2, k3),
                        200 + 2 * HOUR, List.of("RETIRED", "RETIRED", "ACTIVE"), "k3", List.of("k1", "k2", "k3")),
                new Row("two rotations: the older key expires first", List.of(k1, k2, k3),
                        100 + HOUR + GRACE_S, List.of("EXPIRED", "RETIRED", "ACTIVE"), "k3", List.of("k2", "k3")),
                new Row("emergency: the revoked key neither signs nor is published", List.of(
                        new K("k1", 0, 0, 50L), new K("k2", 50, 50, null)), 50,
                        List.of("REVOKED", "ACTIVE"), "k2", List.of("k2")),
                new Row("before its revocation time a key is in its ordinary state", List.of(
                        new K("k1", 0, 0, 50L), new K("k2", 50, 50, null)), 49,
                        List.of("ACTIVE", "PENDING"), "k1", List.of("k1", "k2")),
                new Row("a revoked pending key never becomes active", List.of(k1, new K("k2", 100, 100 + HOUR, 200L)),
                        100 + 2 * HOUR, List.of("ACTIVE", "REVOKED"), "k1", List.of("k1")),
                new Row("a key revoked before it signed does not start the retirement of its predecessor", List.of(
                        k1, new K("k2", 100, 100 + HOUR, 200L), new K("k3", 300, 300 + 2 * HOUR, null)),
                        300 + 2 * HOUR + GRACE_S - 1, List.of("RETIRED", "REVOKED", "ACTIVE"), "k3", List.of("k1", "k3")),
                new Row("equal activation times: the later creation is newer", List.of(
                        new K("k1", 0, 10, null), new K("k2", 5, 10, null)), 10,
                        List.of("RETIRED", "ACTIVE"), "k2", List.of("k1", "k2")),
                new Row("no key active yet", List.of(new K("k1", 0, 100, null)), 50, List.of("PENDING"), null, List.of("k1")),
                new Row("every key revoked: nothing signs, nothing is published", List.of(new K("k1", 0, 0, 10L)), 10,
                        List.of("REVOKED"), null, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void ringWhenAskedAtAnInstantThenDerivesStatesFromTimeAlone(Row row) {
        List<SigningKey> keys = row.keys().stream().map(K::key).toList();
        KeyRing ring = new KeyRing(keys);
        Instant now = T0.plusSeconds(row.at());
        List<String> states = new ArrayList<>();
        keys.forEach(key -> states.add(ring.state(key, now).name()));
        assertThat(states).as("states").isEqualTo(row.states());
        assertThat(ring.activeKey(KeyPurpose.ACCESS, now).map(SigningKey::kid).orElse(null)).as("active").isEqualTo(row.active());
        assertThat(ring.publishedKeys(now).stream().map(SigningKey::kid).toList()).as("published").isEqualTo(row.published());
        assertThat(ring.activeKey(KeyPurpose.ID, now)).as("no ID key in this ring").isEmpty();
    }
}
