package dev.gatehouse.store;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * An immutable string-keyed map split into a fixed number of shards, so a copy with a few keys
 * changed copies only the shards those keys fall in (plus the small shard array), not every entry.
 * This keeps a one-pool change of the {@link Directory} proportional to that pool, not to all
 * 100,000 clients. Shards are never mutated after construction, so readers need no lock.
 */
final class ShardedMap<V> {

    private static final int SHARD_BITS = 8;
    static final int SHARDS = 1 << SHARD_BITS;
    private static final ShardedMap<?> EMPTY = new ShardedMap<>(emptyShards(), 0);

    private final Map<String, V>[] shards;
    private final int size;

    private ShardedMap(Map<String, V>[] shards, int size) {
        this.shards = shards;
        this.size = size;
    }

    @SuppressWarnings("unchecked")
    static <V> ShardedMap<V> empty() {
        return (ShardedMap<V>) EMPTY;
    }

    /** All entries at once: one pass, no intermediate copies (start-up). */
    static <V> ShardedMap<V> of(Map<String, V> entries) {
        Map<String, V>[] shards = emptyShards();
        for (Map.Entry<String, V> entry : entries.entrySet()) {
            int i = shardOf(entry.getKey());
            if (shards[i].isEmpty()) {
                shards[i] = new HashMap<>();
            }
            shards[i].put(entry.getKey(), entry.getValue());
        }
        return new ShardedMap<>(shards, entries.size());
    }

    V get(String key) {
        return shards[shardOf(key)].get(key);
    }

    int size() {
        return size;
    }

    /**
     * A copy with {@code puts} added or replaced and each of {@code removals} removed when
     * {@code removeIf} holds for its current value (so an entry another owner took since stays).
     */
    ShardedMap<V> with(Map<String, V> puts, Collection<String> removals, BiPredicate<String, V> removeIf) {
        if (puts.isEmpty() && removals.isEmpty()) {
            return this;
        }
        Map<String, V>[] next = Arrays.copyOf(shards, SHARDS);
        boolean[] copied = new boolean[SHARDS];
        int newSize = size;
        for (String key : removals) {
            int i = shardOf(key);
            V current = next[i].get(key);
            if (current != null && removeIf.test(key, current)) {
                writable(next, copied, i).remove(key);
                newSize--;
            }
        }
        for (Map.Entry<String, V> entry : puts.entrySet()) {
            int i = shardOf(entry.getKey());
            if (writable(next, copied, i).put(entry.getKey(), entry.getValue()) == null) {
                newSize++;
            }
        }
        return new ShardedMap<>(next, newSize);
    }

    private static <V> Map<String, V> writable(Map<String, V>[] shards, boolean[] copied, int i) {
        if (!copied[i]) {
            shards[i] = new HashMap<>(shards[i]);
            copied[i] = true;
        }
        return shards[i];
    }

    /**
     * The top 8 bits of a multiplicative (Fibonacci) hash. Not the low bits of {@code h ^ h >>> 16}:
     * those are the bits each shard's HashMap picks its bucket by, so every key of a shard fell into
     * the same few buckets, which HashMap then turned into red-black trees (100,000 clients: ~110,000
     * tree nodes, a tree walk with String.compareTo per look-up).
     */
    static int shardOf(String key) {
        return (key.hashCode() * 0x9E3779B9) >>> (Integer.SIZE - SHARD_BITS);
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V>[] emptyShards() {
        Map<String, V>[] shards = new Map[SHARDS];
        Arrays.fill(shards, Map.of());
        return shards;
    }
}
