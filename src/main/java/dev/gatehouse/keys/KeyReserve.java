package dev.gatehouse.keys;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.KeyPair;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A few key pairs generated ahead of need by one background thread. An RSA-2048 pair costs about
 * 0.1 s of CPU, and CreateUserPool needs two: without a reserve every pool creation (and every key
 * rotation) spends that on the request. With it a create takes ready pairs, and an operator
 * creating pools one after another (a Terraform apply, tenant onboarding) gets the second core
 * generating while the first serves.
 *
 * <p>The reserve starts filling at the first {@link #take} (a server that never creates pools
 * spends nothing at start-up), holds at most {@code capacity} pairs plus the one being generated,
 * and never blocks a caller: when it is empty the caller generates its own pair. Each pair leaves
 * the reserve once (a queue poll), so no two keys share material. Pairs are generated exactly as
 * without the reserve (the provider's SecureRandom) and live only in this process's memory until
 * taken; they are sealed when the key they become is stored, like any other key.
 */
public final class KeyReserve implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KeyReserve.class);
    /** A generation that fails is retried after this long (a failing provider should not spin a core). */
    private static final long RETRY_MILLIS = 1_000;

    private final String name;
    private final Supplier<KeyPair> generator;
    private final BlockingQueue<KeyPair> ready;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile Thread refill;

    /**
     * @param name      the refill thread's name
     * @param capacity  pairs kept ready (at least 1)
     * @param generator makes one fresh pair per call
     */
    public KeyReserve(String name, int capacity, Supplier<KeyPair> generator) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.name = Objects.requireNonNull(name, "name");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.ready = new ArrayBlockingQueue<>(capacity);
    }

    /** A pair nobody else gets: a ready one, or one generated now when none is ready. */
    public KeyPair take() {
        startRefill();
        KeyPair pair = ready.poll();
        return pair != null ? pair : generator.get();
    }

    /** Pairs ready now (for tests and diagnostics). */
    public int readyCount() {
        return ready.size();
    }

    private void startRefill() {
        if (started.compareAndSet(false, true)) {
            Thread thread = new Thread(this::refill, name);
            thread.setDaemon(true);
            // A hint only (Linux ignores it without privileges): refilling should yield to requests.
            thread.setPriority(Thread.MIN_PRIORITY);
            refill = thread;
            thread.start();
        }
    }

    /** Stops refilling (the pairs still ready are dropped); the process-wide reserve is never closed. */
    @Override
    public void close() {
        Thread thread = refill;
        if (thread != null) {
            thread.interrupt();
        }
        ready.clear();
    }

    private void refill() {
        while (true) {
            KeyPair pair;
            try {
                pair = generator.get();
            } catch (RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                LOG.warn("Could not generate a key pair for the reserve (callers generate their own): {}", e.getMessage());
                if (!pause(RETRY_MILLIS)) {
                    return;
                }
                continue;
            }
            try {
                ready.put(pair); // waits while the reserve is full
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
