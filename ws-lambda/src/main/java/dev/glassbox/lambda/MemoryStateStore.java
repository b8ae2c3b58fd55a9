package dev.glassbox.lambda;

import dev.glassbox.core.guard.TokenBucket;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * State in this JVM's memory: right for the local gateway, where handler and worker share one
 * process. In AWS every invocation may run in another container, which is what DynamoDB is for.
 * Bounded like the table's items expire: cancel flags, final events and running answers live a fixed
 * time, and each kind keeps at most {@code capacity} entries (the oldest go first); rate buckets that
 * have refilled are forgotten, and past the capacity the least recently used bucket goes.
 */
public final class MemoryStateStore implements StateStore {
    private static final long FINAL_EVENT_TTL_MS = 10 * 60_000;
    private static final long LIVE_TTL_MS = 15 * 60_000;
    /** Per kind of entry; the local gateway allows 12,000 connections by default. */
    private static final int CAPACITY = 20_000;

    private final int capacity;
    private final LongSupplier clock;
    private final Map<String, String> connections = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> running = new ConcurrentHashMap<>();
    /** Least recently used first. */
    private final LinkedHashMap<String, TokenBucket> rates = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<Flag, ExpiringEntries<Boolean>> flags = new EnumMap<>(Flag.class);
    private final ExpiringEntries<String> finalEvents;
    private final ExpiringEntries<Watcher> live;
    private final Map<LocalDate, Double> spend = new ConcurrentHashMap<>();

    public MemoryStateStore() {
        this(CAPACITY, System::currentTimeMillis);
    }

    MemoryStateStore(int capacity, LongSupplier clock) {
        this.capacity = capacity;
        this.clock = clock;
        for (Flag flag : Flag.values()) {
            flags.put(flag, new ExpiringEntries<>(flag.ttlSeconds * 1000, capacity, clock));
        }
        finalEvents = new ExpiringEntries<>(FINAL_EVENT_TTL_MS, capacity, clock);
        live = new ExpiringEntries<>(LIVE_TTL_MS, capacity, clock);
    }

    @Override
    public void connected(String connectionId, String sourceIp) {
        connections.put(connectionId, sourceIp);
    }

    @Override
    public void disconnected(String connectionId) {
        connections.remove(connectionId);
        running.remove(connectionId);
    }

    @Override
    public long tryAsk(String key, int burst, long refillMs) {
        long now = clock.getAsLong();
        synchronized (rates) {
            TokenBucket bucket = rates.get(key);
            if (bucket == null) {
                keepRoomForOneMoreBucket(now);
                bucket = new TokenBucket(burst, refillMs, now);
                rates.put(key, bucket);
            }
            return bucket.tryTake(now);
        }
    }

    private void keepRoomForOneMoreBucket(long now) {
        if (rates.size() < capacity) {
            return;
        }
        rates.values().removeIf(bucket -> bucket.isFull(now)); // forgetting a full bucket changes nothing
        if (rates.size() >= capacity) {
            Iterator<TokenBucket> leastRecentlyUsed = rates.values().iterator();
            leastRecentlyUsed.next();
            leastRecentlyUsed.remove();
        }
    }

    @Override
    public int answerStarted(String connectionId, String answerId) {
        int[] count = new int[1];
        running.compute(connectionId, (c, answers) -> { // atomic with answerEnded dropping an emptied set
            Set<String> kept = answers != null ? answers : new HashSet<>();
            kept.add(answerId);
            count[0] = kept.size();
            return kept;
        });
        return count[0];
    }

    @Override
    public void answerEnded(String connectionId, String answerId) {
        running.computeIfPresent(connectionId, (c, answers) -> {
            answers.remove(answerId);
            return answers.isEmpty() ? null : answers;
        });
    }

    @Override
    public boolean answerRuns(String connectionId, String answerId) {
        boolean[] runs = {false};
        running.computeIfPresent(connectionId, (c, answers) -> { // the sets change inside compute only
            runs[0] = answers.contains(answerId);
            return answers;
        });
        return runs[0];
    }

    @Override
    public void flag(String connectionId, String answerId, Flag flag) {
        flags.get(flag).put(connectionId + '\n' + answerId, Boolean.TRUE);
    }

    @Override
    public boolean flagged(String connectionId, String answerId, Flag flag) {
        return flags.get(flag).get(connectionId + '\n' + answerId).isPresent();
    }

    @Override
    public void answerRunning(String sessionId, String answerId, String connectionId) {
        live.put(sessionId + '\n' + answerId, new Watcher(connectionId, -1, 0));
    }

    @Override
    public boolean watch(String sessionId, String answerId, String connectionId, long after) {
        return live.update(sessionId + '\n' + answerId,
                now -> new Watcher(connectionId, after, now.generation() + 1));
    }

    @Override
    public Optional<Watcher> watcher(String sessionId, String answerId) {
        return live.get(sessionId + '\n' + answerId);
    }

    @Override
    public boolean answerFinished(String sessionId, String answerId, long generation) {
        boolean[] resumedSince = new boolean[1];
        live.update(sessionId + '\n' + answerId, now -> {
            resumedSince[0] = now.generation() != generation;
            return resumedSince[0] ? now : null;
        });
        return !resumedSince[0];
    }

    @Override
    public void keepFinalEvent(String sessionId, String answerId, String frame) {
        finalEvents.put(sessionId + '\n' + answerId, frame);
    }

    @Override
    public Optional<String> finalEvent(String sessionId, String answerId) {
        return finalEvents.get(sessionId + '\n' + answerId);
    }

    @Override
    public void addSpend(double usd) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        spend.keySet().removeIf(day -> day.isBefore(today)); // only today's spend is ever read
        spend.merge(today, usd, Double::sum);
    }

    @Override
    public double spentToday() {
        return spend.getOrDefault(LocalDate.now(ZoneOffset.UTC), 0.0);
    }

    /** Entries kept in all, for tests of the bounds. */
    int size() {
        synchronized (rates) {
            int flagged = flags.values().stream().mapToInt(ExpiringEntries::size).sum();
            return connections.size() + running.size() + rates.size() + flagged + finalEvents.size() + live.size();
        }
    }
}
