package dev.glassbox.core.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The answers that can still be resumed, across all connections, keyed by session and answer id so
 * that one visitor can never replay another's. Bounded in count, in time and in heap bytes: past
 * the budget, finished answers keep only their final event, oldest first.
 */
final class RecentAnswers {
    private final Map<String, AnswerRecord> records = new ConcurrentHashMap<>();
    private final int limit;
    private final long retentionMs;
    private final long budgetBytes;

    RecentAnswers(int limit, long retentionMs, long budgetBytes) {
        this.limit = limit;
        this.retentionMs = retentionMs;
        this.budgetBytes = budgetBytes;
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

    private void evictExpired(long nowMs) {
        records.values().removeIf(record -> record.expired(nowMs, retentionMs));
    }

    /**
     * Forgets expired answers, then compacts finished answers, oldest first, until what is kept fits
     * the budget; if running answers alone still exceed it, they keep no further frames. Runs every
     * second over thousands of records under load, so it reads each record once and sorts only the
     * finished ones not yet compacted (past the budget, those finished since the last sweep).
     */
    void sweep(long nowMs) {
        long total = 0;
        List<AnswerRecord> compactable = new ArrayList<>();
        for (Iterator<AnswerRecord> it = records.values().iterator(); it.hasNext(); ) {
            AnswerRecord record = it.next();
            if (record.expired(nowMs, retentionMs)) {
                it.remove();
                continue;
            }
            total += record.retainedBytes();
            if (record.compactable()) {
                compactable.add(record);
            }
        }
        if (total <= budgetBytes) {
            return;
        }
        compactable.sort(Comparator.comparingLong(AnswerRecord::finishedAtMs));
        for (AnswerRecord record : compactable) {
            if (total <= budgetBytes) {
                return;
            }
            long before = record.retainedBytes();
            record.compact();
            total -= before - record.retainedBytes();
        }
        if (total > budgetBytes) {
            records.values().stream().filter(record -> record.finishedAtMs() < 0).forEach(AnswerRecord::stopKeeping);
        }
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
