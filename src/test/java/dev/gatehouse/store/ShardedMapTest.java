package dev.gatehouse.store;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The directory's sharded map at the scale of issue 5 (100,000 app client ids): the keys of one
 * shard must spread over that shard's HashMap buckets. If the shard were picked by the same hash
 * bits HashMap buckets by, a shard's keys would share a handful of buckets and HashMap would turn
 * them into trees (a String.compareTo walk per look-up instead of one equals).
 */
class ShardedMapTest {

    /** HashMap turns a bucket into a tree at this many entries (HashMap.TREEIFY_THRESHOLD). */
    private static final int TREEIFY_THRESHOLD = 8;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    @Test
    void shardWhenHundredThousandClientIdsThenNoHashMapBucketOfAnyShardWouldBecomeATree() {
        Random random = new Random(20261126); // fixed: the same ids every run, so the outcome never varies
        List<List<String>> shards = new ArrayList<>();
        for (int i = 0; i < ShardedMap.SHARDS; i++) {
            shards.add(new ArrayList<>());
        }
        for (int n = 0; n < 100_000; n++) {
            StringBuilder id = new StringBuilder(26);
            for (int c = 0; c < 26; c++) {
                id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            shards.get(ShardedMap.shardOf(id.toString())).add(id.toString());
        }

        int fullest = 0;
        for (List<String> keys : shards) {
            assertThat(keys).as("every shard is used").isNotEmpty();
            fullest = Math.max(fullest, fullestBucket(keys));
        }
        assertThat(fullest).isLessThan(TREEIFY_THRESHOLD);
    }

    @Test
    void withWhenKeysAddedAndRemovedThenGetSeesExactlyThem() {
        Map<String, Integer> start = new HashMap<>();
        for (int i = 0; i < 5_000; i++) {
            start.put("client-" + i, i);
        }
        ShardedMap<Integer> map = ShardedMap.of(start);
        ShardedMap<Integer> next = map.with(Map.of("client-new", -1, "client-7", 70),
                List.of("client-3", "client-4"), (key, value) -> !key.equals("client-4"));

        assertThat(next.size()).isEqualTo(5_000);
        assertThat(next.get("client-new")).isEqualTo(-1);
        assertThat(next.get("client-7")).isEqualTo(70);
        assertThat(next.get("client-3")).isNull();
        assertThat(next.get("client-4")).isEqualTo(4);
        assertThat(map.get("client-3")).as("the original is unchanged").isEqualTo(3);
        assertThat(map.get("client-new")).isNull();
    }

    /** The most keys one bucket of a HashMap holding {@code keys} gets (HashMap's own sizing and hash). */
    private static int fullestBucket(List<String> keys) {
        int table = Integer.highestOneBit(Math.max(1, (int) (keys.size() / 0.75f)) * 2 - 1);
        table = Math.max(16, table);
        Map<Integer, Integer> buckets = new HashMap<>();
        int fullest = 0;
        for (String key : keys) {
            int h = key.hashCode();
            int bucket = (h ^ (h >>> 16)) & (table - 1);
            fullest = Math.max(fullest, buckets.merge(bucket, 1, Integer::sum));
        }
        return fullest;
    }
}
