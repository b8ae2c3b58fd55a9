package dev.glassbox.lambda;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * Entries that live a fixed time, at most {@code capacity} of them. Every entry lives as long as the
 * others, so the order they were added in is the order they expire in: expired entries are dropped from
 * the head whenever one is added, and past the capacity the oldest goes first. Thread-safe.
 */
final class ExpiringEntries<V> {
    private record Kept<V>(V value, long expiresAtMs) {
    }

    private final long ttlMs;
    private final int capacity;
    private final LongSupplier clock;
    private final LinkedHashMap<String, Kept<V>> entries = new LinkedHashMap<>();

    ExpiringEntries(long ttlMs, int capacity, LongSupplier clock) {
        this.ttlMs = ttlMs;
        this.capacity = capacity;
        this.clock = clock;
    }

    synchronized void put(String key, V value) {
        long now = clock.getAsLong();
        dropExpired(now);
        entries.remove(key); // a key put again lives from now, at the tail
        entries.put(key, new Kept<>(value, now + ttlMs));
        if (entries.size() > capacity) {
            Iterator<Kept<V>> oldest = entries.values().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    synchronized Optional<V> get(String key) {
        Kept<V> kept = entries.get(key);
        return kept == null || kept.expiresAtMs() <= clock.getAsLong() ? Optional.empty() : Optional.of(kept.value());
    }

    /**
     * Replaces a live entry's value, keeping its expiry; {@code change} returning null removes it.
     * @return whether a live entry was there
     */
    synchronized boolean update(String key, UnaryOperator<V> change) {
        Kept<V> kept = entries.get(key);
        if (kept == null || kept.expiresAtMs() <= clock.getAsLong()) {
            return false;
        }
        V changed = change.apply(kept.value());
        if (changed == null) {
            entries.remove(key);
        } else {
            entries.put(key, new Kept<>(changed, kept.expiresAtMs()));
        }
        return true;
    }

    synchronized int size() {
        return entries.size();
    }

    private void dropExpired(long now) {
        Iterator<Map.Entry<String, Kept<V>>> oldestFirst = entries.entrySet().iterator();
        while (oldestFirst.hasNext() && oldestFirst.next().getValue().expiresAtMs() <= now) {
            oldestFirst.remove();
        }
    }
}
