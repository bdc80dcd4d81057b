package io.jooqrelations.query.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A concurrent map of at most {@code capacity} entries that forgets the least recently used ones: when an insert finds
 * it full, the quarter used longest ago goes. Reads take no lock (a read stamps its entry with a tick), and the sort
 * that eviction costs is paid once per {@code capacity / 4} inserts. What a cache of read shapes needs: entries
 * in use stay however many others come and go, memory stays bounded.
 *
 * @param <K> the key
 * @param <V> the value
 */
final class LruMap<K, V> {

    private final int capacity;
    private final Map<K, Stamped<V>> entries = new ConcurrentHashMap<>();
    private final AtomicLong clock = new AtomicLong();

    /** A value and when it was last used. */
    private static final class Stamped<V> {
        final V value;
        volatile long used;

        Stamped(V value, long used) {
            this.value = value;
            this.used = used;
        }
    }

    LruMap(int capacity) {
        if (capacity < 4) {
            throw new IllegalArgumentException("capacity " + capacity + " < 4");
        }
        this.capacity = capacity;
    }

    /** The value of {@code key}, marked as just used; or null. */
    V get(K key) {
        Stamped<V> stamped = entries.get(key);
        if (stamped == null) {
            return null;
        }
        stamped.used = clock.incrementAndGet();
        return stamped.value;
    }

    /** Adds {@code value} unless {@code key} has one already; makes room first when full. */
    void putIfAbsent(K key, V value) {
        if (entries.size() >= capacity) {
            evictLeastRecentlyUsed();
        }
        entries.putIfAbsent(key, new Stamped<>(value, clock.incrementAndGet()));
    }

    int size() {
        return entries.size();
    }

    private synchronized void evictLeastRecentlyUsed() {
        if (entries.size() < capacity) {   // another thread made room meanwhile
            return;
        }
        // the stamps as they are now: entries used during the sort must not change its order under it
        record Use<K, V>(K key, Stamped<V> stamped, long used) {
        }
        List<Use<K, V>> all = new ArrayList<>(entries.size());
        entries.forEach((key, stamped) -> all.add(new Use<>(key, stamped, stamped.used)));
        all.sort((a, b) -> Long.compare(a.used(), b.used()));
        int evict = Math.max(1, all.size() - capacity * 3 / 4);
        for (int i = 0; i < evict && i < all.size(); i++) {
            entries.remove(all.get(i).key(), all.get(i).stamped());
        }
    }
}
