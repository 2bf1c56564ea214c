package dev.gatehouse.keys;

import dev.gatehouse.model.KeyPurpose;
import dev.gatehouse.model.SigningAlgorithm;
import dev.gatehouse.model.SigningKey;
import org.junit.jupiter.api.Test;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key reserve hands each pair out once, fills itself in the background only after the first
 * take, never makes a caller wait for it, and RS256 keys that come from it are proper RSA-2048
 * pairs whose halves belong together.
 */
class KeyReserveTest {

    private static final String REFILL_THREAD = "test-key-reserve";

    /** P-256 pairs: real key material, cheap enough to make hundreds; records who generated each. */
    private static final class RecordingGenerator implements Supplier<KeyPair> {
        final Map<String, String> threadOfPair = new ConcurrentHashMap<>();
        volatile CountDownLatch refillGate;

        @Override
        public KeyPair get() {
            if (Thread.currentThread().getName().equals(REFILL_THREAD) && refillGate != null) {
                try {
                    refillGate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            KeyPair pair = SigningKeys.generatePair(SigningAlgorithm.ES256);
            threadOfPair.put(encoded(pair), Thread.currentThread().getName());
            return pair;
        }
    }

    @Test
    void takeWhenManyCallersAtOnceThenNoPairIsHandedOutTwice() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try (KeyReserve reserve = new KeyReserve(REFILL_THREAD, 4, new RecordingGenerator())) {
            List<Future<KeyPair>> taken = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                taken.add(callers.submit(reserve::take));
            }
            Set<String> distinct = new HashSet<>();
            for (Future<KeyPair> pair : taken) {
                distinct.add(encoded(pair.get()));
            }
            assertThat(distinct).hasSize(200);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void takeWhenReserveHasFilledThenThePairWasMadeAheadOnTheRefillThread() throws Exception {
        RecordingGenerator generator = new RecordingGenerator();
        // Held until the first take has returned: the refill thread starts with it and could otherwise
        // have a pair ready before the caller looks.
        generator.refillGate = new CountDownLatch(1);
        try (KeyReserve reserve = new KeyReserve(REFILL_THREAD, 3, generator)) {
            assertThat(generator.threadOfPair).as("nothing is generated before the first take").isEmpty();

            KeyPair first = reserve.take();
            generator.refillGate.countDown();
            assertThat(generator.threadOfPair.get(encoded(first))).isEqualTo(Thread.currentThread().getName());
            waitUntil(() -> reserve.readyCount() == 3);

            KeyPair second = reserve.take();
            assertThat(generator.threadOfPair.get(encoded(second))).isEqualTo(REFILL_THREAD);
        }
    }

    @Test
    void takeWhenReserveIsEmptyAndRefillIsSlowThenCallerGeneratesItsOwn() {
        RecordingGenerator generator = new RecordingGenerator();
        generator.refillGate = new CountDownLatch(1);
        try (KeyReserve reserve = new KeyReserve(REFILL_THREAD, 2, generator)) {
            for (int i = 0; i < 3; i++) {
                KeyPair pair = reserve.take();
                assertThat(generator.threadOfPair.get(encoded(pair))).isEqualTo(Thread.currentThread().getName());
            }
            assertThat(reserve.readyCount()).isZero();
        } finally {
            generator.refillGate.countDown();
        }
    }

    @Test
    void generateWhenRs256ThenEachKeyIsItsOwnRsa2048PairWhosePrivateHalfSignsForItsPublicHalf() throws Exception {
        Instant now = Instant.now();
        Set<String> publicKeys = new HashSet<>();
        Set<String> kids = new HashSet<>();
        for (int pool = 0; pool < 6; pool++) {
            for (SigningKey key : SigningKeys.newPoolKeys("us-east-1_RESERVE" + pool, now)) {
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                PublicKey publicKey = rsa.generatePublic(new X509EncodedKeySpec(key.publicKeyX509()));
                PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(key.privateKeyPkcs8()));
                assertThat(((RSAPublicKey) publicKey).getModulus().bitLength()).isEqualTo(2048);
                Signature signer = Signature.getInstance("SHA256withRSA");
                signer.initSign(privateKey);
                signer.update(key.kid().getBytes());
                byte[] signature = signer.sign();
                Signature verifier = Signature.getInstance("SHA256withRSA");
                verifier.initVerify(publicKey);
                verifier.update(key.kid().getBytes());
                assertThat(verifier.verify(signature)).isTrue();
                publicKeys.add(Base64.getEncoder().encodeToString(key.publicKeyX509()));
                kids.add(key.kid());
            }
        }
        assertThat(publicKeys).hasSize(12);
        assertThat(kids).hasSize(12);
        assertThat(SigningKeys.newPoolKeys("us-east-1_RESERVEX", now))
                .extracting(SigningKey::purpose).containsExactly(KeyPurpose.ACCESS, KeyPurpose.ID);
    }

    private static String encoded(KeyPair pair) {
        return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    /** Waits for the background refill; the test fails (rather than hangs) if it never happens. */
    private static void waitUntil(Supplier<Boolean> condition) throws InterruptedException {
        for (int i = 0; i < 6_000 && !condition.get(); i++) {
            Thread.sleep(10);
        }
        assertThat(condition.get()).as("the reserve filled in the background").isTrue();
    }
}
