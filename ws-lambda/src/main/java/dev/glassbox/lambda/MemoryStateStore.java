package dev.glassbox.lambda;

import dev.glassbox.core.guard.TokenBucket;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * State in this JVM's memory: right for the local gateway, where handler and worker share one
 * process. In AWS every invocation may run in another container, which is what DynamoDB is for.
 */
public final class MemoryStateStore implements StateStore {
    private static final long FINAL_EVENT_TTL_MS = 10 * 60_000;
    private static final long CANCEL_TTL_MS = 10 * 60_000;

    private static final long LIVE_TTL_MS = 15 * 60_000;

    private record Expiring(String value, long expiresAtMs) {
    }

    private record Live(Watcher watcher, long expiresAtMs) {
        boolean expired() {
            return expiresAtMs < System.currentTimeMillis();
        }
    }

    private final Map<String, String> connections = new ConcurrentHashMap<>();
    private final Map<String, TokenBucket> rates = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> running = new ConcurrentHashMap<>();
    private final Map<String, Long> cancels = new ConcurrentHashMap<>();
    private final Map<String, Expiring> finalEvents = new ConcurrentHashMap<>();
    private final Map<String, Live> live = new ConcurrentHashMap<>();
    private final Map<LocalDate, Double> spend = new ConcurrentHashMap<>();

    @Override
    public void connected(String connectionId, String sourceIp) {
        connections.put(connectionId, sourceIp);
    }

    @Override
    public void disconnected(String connectionId) {
        connections.remove(connectionId);
    }

    @Override
    public long tryAsk(String key, int burst, long refillMs) {
        long now = System.currentTimeMillis();
        TokenBucket bucket = rates.computeIfAbsent(key, k -> new TokenBucket(burst, refillMs, now));
        synchronized (bucket) {
            return bucket.tryTake(now);
        }
    }

    @Override
    public int answerStarted(String connectionId, String answerId) {
        Set<String> answers = running.computeIfAbsent(connectionId, c -> ConcurrentHashMap.newKeySet());
        answers.add(answerId);
        return answers.size();
    }

    @Override
    public void answerEnded(String connectionId, String answerId) {
        Set<String> answers = running.get(connectionId);
        if (answers != null) {
            answers.remove(answerId);
        }
    }

    @Override
    public void requestCancel(String connectionId, String answerId) {
        cancels.put(connectionId + '\n' + answerId, System.currentTimeMillis() + CANCEL_TTL_MS);
    }

    @Override
    public boolean cancelRequested(String connectionId, String answerId) {
        Long expiresAt = cancels.get(connectionId + '\n' + answerId);
        return expiresAt != null && expiresAt > System.currentTimeMillis();
    }

    @Override
    public void answerRunning(String sessionId, String answerId, String connectionId) {
        live.values().removeIf(Live::expired); // answers whose worker never ended go after their time
        live.put(sessionId + '\n' + answerId,
                new Live(new Watcher(connectionId, -1, 0), System.currentTimeMillis() + LIVE_TTL_MS));
    }

    @Override
    public boolean watch(String sessionId, String answerId, String connectionId, long after) {
        Live moved = live.computeIfPresent(sessionId + '\n' + answerId, (key, now) -> now.expired()
                ? null : new Live(new Watcher(connectionId, after, now.watcher().generation() + 1), now.expiresAtMs()));
        return moved != null;
    }

    @Override
    public Optional<Watcher> watcher(String sessionId, String answerId) {
        Live now = live.get(sessionId + '\n' + answerId);
        return now == null || now.expired() ? Optional.empty() : Optional.of(now.watcher());
    }

    @Override
    public boolean answerFinished(String sessionId, String answerId, long generation) {
        Live[] kept = new Live[1];
        live.computeIfPresent(sessionId + '\n' + answerId, (key, now) -> {
            boolean resumedSince = !now.expired() && now.watcher().generation() != generation;
            kept[0] = resumedSince ? now : null;
            return kept[0];
        });
        return kept[0] == null;
    }

    @Override
    public void keepFinalEvent(String sessionId, String answerId, String frame) {
        finalEvents.put(sessionId + '\n' + answerId, new Expiring(frame, System.currentTimeMillis() + FINAL_EVENT_TTL_MS));
    }

    @Override
    public Optional<String> finalEvent(String sessionId, String answerId) {
        Expiring kept = finalEvents.get(sessionId + '\n' + answerId);
        return kept == null || kept.expiresAtMs() < System.currentTimeMillis() ? Optional.empty()
                : Optional.of(kept.value());
    }

    @Override
    public void addSpend(double usd) {
        spend.merge(LocalDate.now(ZoneOffset.UTC), usd, Double::sum);
    }

    @Override
    public double spentToday() {
        return spend.getOrDefault(LocalDate.now(ZoneOffset.UTC), 0.0);
    }
}
