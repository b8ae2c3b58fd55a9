package dev.glassbox.server.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What a load run counts, from the client side; thread-safe. */
final class LoadStats {
    static final long WINDOW_NANOS = 5_000_000_000L;
    private static final int MAX_WINDOWS = 256;
    private final LongAdder events = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final LongAdder opened = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private final LongAdder duplicated = new LongAdder();
    private final LongAdder textMismatches = new LongAdder();
    private final Map<String, AtomicLong> errors = new TreeMap<>();
    private final Map<Short, AtomicLong> closes = new TreeMap<>();
    private final Samples firstToken = new Samples();
    private final Samples relay = new Samples();
    /** Relay samples by window of the run, to see when the tail happens (warm-up, GC, the peak). */
    private final Samples[] relayByWindow = new Samples[MAX_WINDOWS];
    private final long startedNanos = System.nanoTime();

    void event() {
        events.increment();
    }

    void completed() {
        completed.increment();
    }

    void opened() {
        opened.increment();
    }

    void reconnect() {
        reconnects.increment();
    }

    void lost(long count) {
        lost.add(count);
    }

    void duplicate() {
        duplicated.increment();
    }

    void textMismatch() {
        textMismatches.increment();
    }

    synchronized void error(String code) {
        errors.computeIfAbsent(code, c -> new AtomicLong()).incrementAndGet();
    }

    synchronized void closed(Short status) {
        closes.computeIfAbsent(status == null ? -1 : status, c -> new AtomicLong()).incrementAndGet();
    }

    void firstToken(long nanos) {
        firstToken.add(nanos);
    }

    synchronized void relay(long nanos) {
        relay.add(nanos);
        int window = (int) Math.min(MAX_WINDOWS - 1, (System.nanoTime() - startedNanos) / WINDOW_NANOS);
        if (relayByWindow[window] == null) {
            relayByWindow[window] = new Samples();
        }
        relayByWindow[window].add(nanos);
    }

    long completedAnswers() {
        return completed.sum();
    }

    synchronized String errorsByCode() {
        return errors.toString();
    }

    String relaySummary() {
        return relay.summary();
    }

    synchronized void report(double seconds, ServerProcess.Memory before, ServerProcess.Memory after,
                             LoadGenerator.Options options) {
        System.out.printf(Locale.ROOT, "target %s, %.1f s%n", options.target(), seconds);
        System.out.printf(Locale.ROOT, "sockets opened %d, reconnects %d, completed answers %d, events %d (%.0f/s)%n",
                opened.sum(), reconnects.sum(), completed.sum(), events.sum(), events.sum() / seconds);
        System.out.printf(Locale.ROOT, "errors by code %s, closes by status %s%n", errors, closes);
        System.out.printf(Locale.ROOT, "lost events %d, duplicated events %d, answers whose text differed %d%n",
                lost.sum(), duplicated.sum(), textMismatches.sum());
        System.out.printf(Locale.ROOT, "first token: %s%n", firstToken.summary());
        System.out.printf(Locale.ROOT, "relay (token emitted by the backend to received by the client): %s%n",
                relay.summary());
        for (int window = 0; window < MAX_WINDOWS; window++) {
            if (relayByWindow[window] != null) {
                System.out.printf(Locale.ROOT, "  relay in seconds %d-%d: %s%n", window * WINDOW_NANOS / 1_000_000_000L,
                        (window + 1) * WINDOW_NANOS / 1_000_000_000L, relayByWindow[window].summary());
            }
        }
        System.out.printf(Locale.ROOT, "server heap after GC %s → %s MB, RSS %s → %s MB%n",
                mb(before.heapBytes()), mb(after.heapBytes()), mb(before.rssBytes()), mb(after.rssBytes()));
        if (options.idle() > 0 && opened.sum() > 0) {
            System.out.printf(Locale.ROOT, "heap per idle socket: %.1f KB%n",
                    (after.heapBytes() - before.heapBytes()) / 1024.0 / opened.sum());
        }
    }

    /**
     * What the run cost the server: CPU time (user and system) per event delivered, that time by
     * the kind of thread that spent it, and its peak RSS.
     */
    void reportServerCost(double cpuSeconds, Map<String, Double> cpuSecondsByThread, long peakRssBytes) {
        long delivered = events.sum();
        StringBuilder byThread = new StringBuilder();
        cpuSecondsByThread.forEach((kind, seconds) -> byThread.append(byThread.length() == 0 ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.2f s", kind, seconds)));
        System.out.printf(Locale.ROOT, "server CPU %.2f s for %d events: %.2f µs per event; server peak RSS %s MB%n",
                cpuSeconds, delivered, delivered == 0 ? 0 : cpuSeconds * 1e6 / delivered, mb(peakRssBytes));
        System.out.printf(Locale.ROOT, "server CPU by thread: %s%n", byThread);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1024.0 / 1024.0);
    }

    /** Latency samples in nanoseconds. */
    private static final class Samples {
        private long[] values = new long[1 << 16];
        private int size;

        synchronized void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        synchronized String summary() {
            if (size == 0) {
                return "no samples";
            }
            long[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            return String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms, max %.2f ms over %d samples",
                    at(sorted, 0.50), at(sorted, 0.99), sorted[size - 1] / 1e6, size);
        }

        private static double at(long[] sorted, double quantile) {
            return sorted[Math.max(0, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
        }
    }
}
