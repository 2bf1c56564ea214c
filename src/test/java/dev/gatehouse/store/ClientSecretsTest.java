package dev.gatehouse.store;

import dev.gatehouse.model.ClientSecret;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client's secrets stay sealed until its first authentication, are opened once however many
 * threads ask at the same moment, and one that does not open gets no digest (authenticates no one).
 */
class ClientSecretsTest {

    @Test
    void secretsAreNotOpenedUntilTheirDigestsAreAskedFor() {
        CountingSecret first = new CountingSecret("c--1", "first-secret-value-0123456789");
        CountingSecret second = new CountingSecret("c--2", "second-secret-value-0123456789");

        ClientSecrets secrets = ClientSecrets.sealed(List.of(first, second));

        assertThat(secrets.opened()).isFalse();
        assertThat(secrets.secretIds()).containsExactly("c--1", "c--2");
        assertThat(first.opens.get() + second.opens.get()).isZero();

        assertThat(secrets.digests()).containsExactly(Directory.digest("first-secret-value-0123456789"),
                Directory.digest("second-secret-value-0123456789"));
        assertThat(secrets.opened()).isTrue();
        secrets.digests();
        assertThat(first.opens.get()).isOne();
        assertThat(second.opens.get()).isOne();
    }

    @Test
    void aSecretThatDoesNotOpenHasNoDigestAndTheOthersKeepTheirs() {
        CountingSecret tampered = new CountingSecret("c--1", null);
        CountingSecret good = new CountingSecret("c--2", "the-good-secret-0123456789");

        ClientSecrets secrets = ClientSecrets.sealed(List.of(tampered, good));

        assertThat(secrets.digests()).containsExactly(Directory.digest("the-good-secret-0123456789"));
        assertThat(secrets.digests()).allSatisfy(digest -> assertThat(digest).hasSize(32));
        // Refused once: the failure is memoized like a success, not retried (and logged) per request
        secrets.digests();
        assertThat(tampered.opens.get()).isOne();
        assertThat(secrets.secretIds()).containsExactly("c--1", "c--2");
    }

    @Test
    void concurrentFirstUsesOpenEachSecretOnceAndAllSeeTheSameDigests() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 200; round++) {
                CountingSecret first = new CountingSecret("c--1", "secret-a-" + round + "-0123456789abcdef");
                CountingSecret second = new CountingSecret("c--2", "secret-b-" + round + "-0123456789abcdef");
                ClientSecrets secrets = ClientSecrets.sealed(List.of(first, second));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<List<byte[]>>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return secrets.digests();
                    }));
                }
                start.countDown();
                List<byte[]> expected = List.of(Directory.digest("secret-a-" + round + "-0123456789abcdef"),
                        Directory.digest("secret-b-" + round + "-0123456789abcdef"));
                for (Future<List<byte[]>> result : results) {
                    List<byte[]> digests = result.get(10, TimeUnit.SECONDS);
                    assertThat(digests).containsExactlyElementsOf(expected);
                    assertThat(digests).isSameAs(results.get(0).get());
                }
                assertThat(first.opens.get()).as("round %d", round).isOne();
                assertThat(second.opens.get()).as("round %d", round).isOne();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void plaintextSecretsAreDigestedAtOnceAndNoValueIsShown() {
        ClientSecrets secrets = ClientSecrets.of(List.of(
                new ClientSecret("c--1", "c", "plain-secret-value-0123456789", true, Instant.EPOCH)));

        assertThat(secrets.opened()).isTrue();
        assertThat(secrets.digests()).containsExactly(Directory.digest("plain-secret-value-0123456789"));
        assertThat(secrets.toString()).contains("c--1").doesNotContain("plain-secret-value");
        assertThat(ClientSecrets.sealed(List.of())).isSameAs(ClientSecrets.NONE);
        assertThat(ClientSecrets.NONE.digests()).isEmpty();
    }

    /** A sealed secret that counts its openings; a null value stands for one that does not open. */
    private static final class CountingSecret implements ClientSecrets.Sealed {

        final AtomicInteger opens = new AtomicInteger();
        private final String secretId;
        private final String value;

        CountingSecret(String secretId, String value) {
            this.secretId = secretId;
            this.value = value;
        }

        @Override
        public String secretId() {
            return secretId;
        }

        @Override
        public Optional<String> open() {
            opens.incrementAndGet();
            Thread.yield(); // widen the window in which a second thread could also open
            return Optional.ofNullable(value);
        }
    }
}
