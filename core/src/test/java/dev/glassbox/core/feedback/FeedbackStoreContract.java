package dev.glassbox.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What every feedback store does, in memory, in a JSON-lines file or in DynamoDB alike. */
public abstract class FeedbackStoreContract {

    /** A store with no entries yet. */
    protected abstract FeedbackStore store() throws Exception;

    private static AnsweredQuestion answered(String session, String id, boolean declined) {
        return new AnsweredQuestion(session, id, "What does it cost?", "Nothing locally. [1]", List.of("costs.md"),
                declined);
    }

    @Test
    void anAnswerIsFoundBySessionAndId() throws Exception {
        FeedbackStore store = store();
        String session = "s-" + System.nanoTime();
        store.rememberAnswer(answered(session, "q1", false));
        assertThat(store.answer(session, "q1")).contains(answered(session, "q1", false));
        assertThat(store.answer(session, "q2")).isEmpty();
        assertThat(store.answer("s-other", "q1")).as("another visitor's session").isEmpty();
    }

    @Test
    void feedbackIsRecordedWithTheQuestionAnswerAndSources() throws Exception {
        FeedbackStore store = store();
        AnsweredQuestion answered = answered("s-" + System.nanoTime(), "q1", false);
        store.record(FeedbackEntry.feedback(answered, "down", "Too vague.", 1_000));
        assertThat(store.entries()).containsExactly(new FeedbackEntry(FeedbackEntry.FEEDBACK, answered.sessionId(),
                "q1", "down", "Too vague.", "What does it cost?", "Nothing locally. [1]", List.of("costs.md"), 1_000));
    }

    @Test
    void aRepeatReplacesTheEntrySoEachAnswerCountsOnce() throws Exception {
        FeedbackStore store = store();
        AnsweredQuestion answered = answered("s-" + System.nanoTime(), "q1", false);
        store.record(FeedbackEntry.feedback(answered, "up", "", 1_000));
        store.record(FeedbackEntry.feedback(answered, "down", "Changed my mind.", 2_000));
        store.record(FeedbackEntry.decline(answered, 3_000));
        List<FeedbackEntry> entries = store.entries();
        assertThat(entries).extracting(FeedbackEntry::kind, FeedbackEntry::verdict, FeedbackEntry::comment)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("feedback", "down", "Changed my mind."),
                        org.assertj.core.groups.Tuple.tuple("decline", null, ""));
    }

    @Test
    void entriesComeOldestFirst() throws Exception {
        FeedbackStore store = store();
        String session = "s-" + System.nanoTime();
        store.record(FeedbackEntry.feedback(answered(session, "b", false), "down", "", 2_000));
        store.record(FeedbackEntry.feedback(answered(session, "a", false), "down", "", 1_000));
        assertThat(store.entries()).extracting(FeedbackEntry::answerId).containsExactly("a", "b");
    }
}
