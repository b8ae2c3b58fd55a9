package dev.glassbox.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryFeedbackStoreTest extends FeedbackStoreContract {

    @Override
    protected FeedbackStore store() {
        return new MemoryFeedbackStore(100, 100);
    }

    @Test
    void theOldestAnswersAndEntriesGoFirst() {
        MemoryFeedbackStore store = new MemoryFeedbackStore(2, 2);
        for (String id : List.of("q1", "q2", "q3")) {
            AnsweredQuestion answered = new AnsweredQuestion("s-1", id, "Why?", "Because.", List.of(), false);
            store.rememberAnswer(answered);
            store.record(FeedbackEntry.feedback(answered, "up", "", 1));
        }
        assertThat(store.answer("s-1", "q1")).isEmpty();
        assertThat(store.answer("s-1", "q3")).isPresent();
        assertThat(store.entries()).extracting(FeedbackEntry::answerId).containsExactly("q2", "q3");
    }

    @Test
    void aLongAnswerIsCutWhenKept() {
        AnsweredQuestion answered = new AnsweredQuestion("s-1", "q1", "Why?", "x".repeat(10_000), List.of(), false);
        assertThat(answered.answer()).hasSize(AnsweredQuestion.MAX_ANSWER_CHARS + 1).endsWith("…");
    }
}
