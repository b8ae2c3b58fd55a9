package dev.glassbox.core.feedback;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Feedback in memory, for tests and for pipelines that keep nothing elsewhere. Bounded in answers
 * and entries; the oldest go first.
 */
public final class MemoryFeedbackStore implements FeedbackStore {
    private final RecentAnswered answers;
    private final int maxEntries;
    private final Map<String, FeedbackEntry> entries = new LinkedHashMap<>();

    public MemoryFeedbackStore(int maxAnswers, int maxEntries) {
        this.answers = new RecentAnswered(maxAnswers);
        this.maxEntries = maxEntries;
    }

    @Override
    public void rememberAnswer(AnsweredQuestion answered) {
        answers.put(answered);
    }

    /** Only memory: never waits on I/O. */
    @Override
    public boolean mayBlock(AnsweredQuestion answered) {
        return false;
    }

    @Override
    public Optional<AnsweredQuestion> answer(String sessionId, String answerId) {
        return answers.get(sessionId, answerId);
    }

    @Override
    public synchronized void record(FeedbackEntry entry) {
        entries.remove(entry.key());
        entries.put(entry.key(), entry);
        Iterator<String> oldest = entries.keySet().iterator();
        while (entries.size() > maxEntries && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    @Override
    public synchronized List<FeedbackEntry> entries() {
        List<FeedbackEntry> all = new ArrayList<>(entries.values());
        all.sort(Comparator.comparingLong(FeedbackEntry::atMs));
        return all;
    }
}
