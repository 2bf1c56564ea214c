package dev.gatehouse.e2e;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.fail;

/** Polls a condition until a deadline — never a fixed sleep — and says how long it took. */
final class Await {

    private static final long POLL_MILLIS = 20;

    private Await() {
    }

    /** @return milliseconds until {@code condition} first held */
    static long within(Duration deadline, String what, BooleanSupplier condition) {
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            if (System.nanoTime() > end) {
                return fail("not within " + deadline.toMillis() + " ms: " + what);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail("interrupted while waiting for: " + what);
            }
        }
    }
}
