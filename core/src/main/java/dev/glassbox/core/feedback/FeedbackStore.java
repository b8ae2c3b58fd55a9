package dev.glassbox.core.feedback;

import java.util.List;
import java.util.Optional;

/**
 * Where feedback and declined questions are kept for the owner, and the recent answers they refer
 * to. Every implementation is bounded and says what it drops first. The pipeline calls
 * {@link #rememberAnswer} (and {@link #record} for a decline) as an answer ends, before its
 * {@code done}: on the answer's event loop when {@link #mayBlock} says the calls need no I/O, else on
 * a worker thread. Feedback itself is always taken off the event loop.
 */
public interface FeedbackStore {

    /** Keeps a finished answer for a day, so feedback given later can be recorded with it. */
    void rememberAnswer(AnsweredQuestion answered);

    Optional<AnsweredQuestion> answer(String sessionId, String answerId);

    /** Records an entry; one with the same {@link FeedbackEntry#key()} replaces it, so repeats count once. */
    void record(FeedbackEntry entry);

    /** Every kept entry, one per key (the latest), oldest {@link FeedbackEntry#atMs()} first. */
    List<FeedbackEntry> entries();

    /**
     * Whether keeping {@code answered} as it ends ({@link #rememberAnswer}, and {@link #record} of its
     * decline) may wait on I/O (a file's, a remote store's): the pipeline then does it off the event loop.
     */
    default boolean mayBlock(AnsweredQuestion answered) {
        return true;
    }
}
