package dev.glassbox.core.feedback;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Finished answers in memory for a day, at most {@code max}; the oldest go first. */
public final class RecentAnswered {
    static final long RETENTION_MS = 24 * 60 * 60 * 1000L;

    private record Kept(AnsweredQuestion answered, long atMs) {
    }

    private final int max;
    private final Map<String, Kept> answers = new LinkedHashMap<>();

    public RecentAnswered(int max) {
        this.max = max;
    }

    public synchronized void put(AnsweredQuestion answered) {
        String key = answered.sessionId() + '\n' + answered.answerId();
        answers.remove(key);
        answers.put(key, new Kept(answered, System.currentTimeMillis()));
        Iterator<String> oldest = answers.keySet().iterator();
        while (answers.size() > max && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    public synchronized Optional<AnsweredQuestion> get(String sessionId, String answerId) {
        Kept kept = answers.get(sessionId + '\n' + answerId);
        if (kept == null || System.currentTimeMillis() - kept.atMs() > RETENTION_MS) {
            return Optional.empty();
        }
        return Optional.of(kept.answered());
    }
}
