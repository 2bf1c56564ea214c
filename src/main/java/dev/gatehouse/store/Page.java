package dev.gatehouse.store;

import java.util.List;

/** One page of a keyset-paginated listing; {@code lastKey} is null on the final page. */
public record Page<T>(List<T> items, String lastKey) {

    public Page {
        items = List.copyOf(items);
    }
}
