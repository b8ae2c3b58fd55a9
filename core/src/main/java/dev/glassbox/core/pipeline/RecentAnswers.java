package dev.glassbox.core.pipeline;

import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The answers that can still be resumed, across all connections, keyed by session and answer id so
 * that one visitor can never replay another's. Bounded in count and in time.
 */
final class RecentAnswers {
    private final Map<String, AnswerRecord> records = new ConcurrentHashMap<>();
    private final int limit;
    private final long retentionMs;

    RecentAnswers(int limit, long retentionMs) {
        this.limit = limit;
        this.retentionMs = retentionMs;
    }

    void add(AnswerRecord record, long nowMs) {
        records.put(key(record.sessionId(), record.answerId()), record);
        if (records.size() > limit) {
            evictExpired(nowMs);
        }
        if (records.size() > limit) {
            evictOldestFinished();
        }
    }

    AnswerRecord find(String sessionId, String answerId) {
        AnswerRecord record = records.get(key(sessionId, answerId));
        return record == null || record.expired(System.currentTimeMillis(), retentionMs) ? null : record;
    }

    void evictExpired(long nowMs) {
        records.values().removeIf(record -> record.expired(nowMs, retentionMs));
    }

    int size() {
        return records.size();
    }

    private void evictOldestFinished() {
        records.entrySet().stream()
                .filter(e -> e.getValue().finishedAtMs() >= 0)
                .min(Comparator.comparingLong(e -> e.getValue().finishedAtMs()))
                .ifPresent(e -> records.remove(e.getKey()));
    }

    private static String key(String sessionId, String answerId) {
        return sessionId + '\n' + answerId;
    }
}
