package dev.gatehouse.runtime;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value made on first use, once, then shared; safe to ask from any thread. For what start-up need
 * not pay for (issue 5), such as the AWS service models, which only management calls read.
 */
public final class Lazy<T> implements Supplier<T> {

    private final Supplier<? extends T> maker;
    private volatile T value;

    private Lazy(Supplier<? extends T> maker) {
        this.maker = Objects.requireNonNull(maker, "maker");
    }

    public static <T> Lazy<T> of(Supplier<? extends T> maker) {
        return new Lazy<>(maker);
    }

    @Override
    public T get() {
        T made = value;
        if (made == null) {
            synchronized (this) {
                made = value;
                if (made == null) {
                    made = Objects.requireNonNull(maker.get(), "made a null value");
                    value = made;
                }
            }
        }
        return made;
    }
}
