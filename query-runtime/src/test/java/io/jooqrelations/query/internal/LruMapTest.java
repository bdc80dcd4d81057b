package io.jooqrelations.query.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The bounded map behind the render cache: it forgets what was used longest ago, never what is in use. */
class LruMapTest {

    @Test
    void aFullMapForgetsTheLeastRecentlyUsedEntriesAndKeepsTheOnesInUse() {
        LruMap<Integer, String> map = new LruMap<>(100);
        for (int i = 0; i < 100; i++) {
            map.putIfAbsent(i, "v" + i);
        }
        for (int i = 0; i < 10; i++) {   // in use: read after everything else was added
            assertThat(map.get(i)).isEqualTo("v" + i);
        }
        for (int i = 100; i < 1_000; i++) {
            map.putIfAbsent(i, "v" + i);
            map.get(5);   // one entry read all along
        }
        assertThat(map.size()).isLessThanOrEqualTo(100);
        assertThat(map.get(5)).isEqualTo("v5");
        assertThat(map.get(999)).isEqualTo("v999");
        assertThat(map.get(50)).as("added early, never read again").isNull();
    }

    @Test
    void anExistingEntryIsNotReplaced() {
        LruMap<String, String> map = new LruMap<>(4);
        map.putIfAbsent("k", "first");
        map.putIfAbsent("k", "second");
        assertThat(map.get("k")).isEqualTo("first");
    }

    @Test
    void concurrentReadersAndWritersKeepItBounded() throws Exception {
        LruMap<Integer, Integer> map = new LruMap<>(64);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        int key = (i * 31 + thread) % 500;
                        if (map.get(key) == null) {
                            map.putIfAbsent(key, key);
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(map.size()).isLessThanOrEqualTo(64 + 4);
    }
}
