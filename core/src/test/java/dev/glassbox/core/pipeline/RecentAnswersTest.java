package dev.glassbox.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentAnswersTest {

    @Test
    void pastTheBudgetFinishedAnswersKeepOnlyTheirFinalEventOldestFirst() {
        RecentAnswers answers = new RecentAnswers(100, 60_000, 2 * 1_000);
        AnswerRecord old = finished(answers, "old", 1_000);
        AnswerRecord recent = finished(answers, "recent", 2_000);
        AnswerRecord running = new AnswerRecord("s-1", "running", 100, null);
        answers.add(running, 0);
        running.publish("r".repeat(100));

        answers.keepWithinBudget();

        assertThat(old.retainedChars()).as("compacted to its final frame").isEqualTo(5);
        assertThat(recent.retainedChars()).as("within budget once the old one is compacted").isGreaterThan(5);
        assertThat(running.retainedChars()).isEqualTo(100);
        List<String> replayed = new ArrayList<>();
        old.replayTo(replayed::add, 2);
        assertThat(replayed).containsExactly("done!");
        List<String> full = new ArrayList<>();
        recent.replayTo(full::add, 2);
        assertThat(full).hasSize(8);
    }

    @Test
    void aResumeOfKeptEventsStartsAfterTheGivenSeq() {
        RecentAnswers answers = new RecentAnswers(100, 60_000, 1 << 20);
        AnswerRecord record = finished(answers, "a", System.currentTimeMillis());
        List<String> replayed = new ArrayList<>();
        record.replayTo(replayed::add, 7);
        assertThat(replayed).containsExactly("e8", "e9", "done!");
        assertThat(answers.find("s-1", "a")).isSameAs(record);
        assertThat(answers.find("s-2", "a")).as("another session never finds it").isNull();
    }

    private static AnswerRecord finished(RecentAnswers answers, String id, long finishedAtMs) {
        AnswerRecord record = new AnswerRecord("s-1", id, 100, null);
        answers.add(record, finishedAtMs);
        for (int seq = 0; seq < 10; seq++) {
            record.publish(seq < 8 ? "e" + seq + "-".repeat(80) : "e" + seq);
        }
        record.finish("done!", finishedAtMs);
        return record;
    }
}
