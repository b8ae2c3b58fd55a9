package dev.glassbox.core.feedback;

import java.util.List;

/**
 * One line of the owner's to-do list: a visitor's verdict on an answer, or a question the agent
 * declined. There is at most one entry per kind and answer; a later one replaces it.
 *
 * @param kind {@link #FEEDBACK} or {@link #DECLINE}
 * @param verdict {@code up} or {@code down} for feedback, null for a decline
 * @param comment the visitor's comment, {@code ""} when none
 * @param atMs when it was recorded, in epoch milliseconds
 */
public record FeedbackEntry(String kind, String sessionId, String answerId, String verdict, String comment,
                            String question, String answer, List<String> sources, long atMs) {
    public static final String FEEDBACK = "feedback";
    public static final String DECLINE = "decline";

    public FeedbackEntry {
        sources = List.copyOf(sources);
    }

    public static FeedbackEntry feedback(AnsweredQuestion answered, String verdict, String comment, long atMs) {
        return new FeedbackEntry(FEEDBACK, answered.sessionId(), answered.answerId(), verdict, comment,
                answered.question(), answered.answer(), answered.sources(), atMs);
    }

    public static FeedbackEntry decline(AnsweredQuestion answered, long atMs) {
        return new FeedbackEntry(DECLINE, answered.sessionId(), answered.answerId(), null, "",
                answered.question(), answered.answer(), answered.sources(), atMs);
    }

    /** What makes two entries the same: a new one with this key replaces the old. */
    public String key() {
        return kind + '\n' + sessionId + '\n' + answerId;
    }
}
