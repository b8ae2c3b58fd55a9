package dev.glassbox.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentAnswersTest {

    @Test
    void pastTheBudgetFinishedAnswersKeepOnlyTheirFinalEventOldestFirst() {
        // Each finished record keeps about 1.9 KB of heap; the running one 248 bytes.
        RecentAnswers answers = new RecentAnswers(100, 60_000, 3_000);
        AnswerRecord old = finished(answers, "old", 1_000);
        AnswerRecord recent = finished(answers, "recent", 2_000);
        AnswerRecord running = new AnswerRecord("s-1", "running", 100, null);
        answers.add(running, 0);
        running.publish("r".repeat(100));

        answers.sweep(0);

        long finalFrameBytes = AnswerRecord.heapBytes("done!");
        assertThat(old.retainedBytes()).as("compacted to its final frame").isEqualTo(finalFrameBytes);
        assertThat(recent.retainedBytes()).as("within budget once the old one is compacted")
                .isGreaterThan(finalFrameBytes);
        assertThat(running.retainedBytes()).as("running answers are never compacted")
                .isGreaterThanOrEqualTo(AnswerRecord.heapBytes("r".repeat(100)));
        List<String> replayed = new ArrayList<>();
        old.replayTo(replayed::add, 2);
        assertThat(replayed).containsExactly("done!");
        List<String> full = new ArrayList<>();
        recent.replayTo(full::add, 2);
        assertThat(full).hasSize(8);
    }

    @Test
    void eachSweepCompactsTheAnswersFinishedSinceTheLastAndForgetsExpiredOnes() {
        RecentAnswers answers = new RecentAnswers(100, 60_000, 100);
        AnswerRecord first = finished(answers, "first", 1_000);
        answers.sweep(1_500);
        AnswerRecord second = finished(answers, "second", 2_000);
        long finalFrameBytes = AnswerRecord.heapBytes("done!");
        assertThat(first.retainedBytes()).isEqualTo(finalFrameBytes);
        assertThat(second.retainedBytes()).as("finished after the sweep").isGreaterThan(finalFrameBytes);

        answers.sweep(2_500);
        assertThat(second.retainedBytes()).isEqualTo(finalFrameBytes);
        List<String> replayed = new ArrayList<>();
        second.replayTo(replayed::add, -1);
        assertThat(replayed).as("a compacted answer still heals with its final event").containsExactly("done!");

        answers.sweep(61_500);
        assertThat(answers.size()).as("the first expired, the second not yet").isEqualTo(1);
        answers.sweep(62_001);
        assertThat(answers.size()).isZero();
    }

    @Test
    void aResumeAfterTheLargestSeqReplaysNothing() {
        AnswerRecord record = finished(new RecentAnswers(100, 60_000, 1 << 20), "a", System.currentTimeMillis());
        List<String> replayed = new ArrayList<>();
        record.replayTo(replayed::add, Integer.MAX_VALUE);
        assertThat(replayed).isEmpty();
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

    @Test
    void theBudgetCountsHeapBytesOfEveryKeptFrameNotCharacters() {
        AnswerRecord record = new AnswerRecord("s-1", "a", 100, null);
        record.publish("é".repeat(10));
        record.publish("x");
        int eventSlots = 16;
        assertThat(record.retainedBytes())
                .isEqualTo(2 * AnswerRecord.FRAME_OVERHEAD_BYTES + 2 * 11 + 4 * eventSlots);
        record.publishToken("é".repeat(30), 2);
        assertThat(record.retainedBytes()).as("token text at two bytes for each character its buffer holds")
                .isGreaterThanOrEqualTo(2 * AnswerRecord.FRAME_OVERHEAD_BYTES + 2 * 11 + 4 * eventSlots + 2 * 30);
    }

    @Test
    void keptTokensReplayExactlyAsTheyWereSent() {
        List<String> sent = new ArrayList<>();
        AnswerRecord record = new AnswerRecord("s-1", "a", 100, sent::add);
        record.publish("{\"type\":\"start\"}");
        record.publishToken("Hello", 1);
        record.publishToken(" \"quoted\"\n", 2);
        record.publishToken("é😀", 3);
        record.publish("{\"type\":\"trace\"}");
        record.publishToken("", 5);
        record.publishToken("end", 6);
        List<String> replayed = new ArrayList<>();
        record.replayTo(replayed::add, -1);
        assertThat(replayed).isEqualTo(sent);
        assertThat(sent.get(2)).isEqualTo("{\"type\":\"token\",\"id\":\"a\",\"seq\":2,\"text\":\" \\\"quoted\\\"\\n\"}");
        List<String> tail = new ArrayList<>();
        record.replayTo(tail::add, 3);
        assertThat(tail).isEqualTo(sent.subList(4, sent.size()));
        record.finish("done!", 1, null);
        List<String> afterEnd = new ArrayList<>();
        record.replayTo(afterEnd::add, 5);
        assertThat(afterEnd).containsExactly(sent.get(6), "done!");
    }

    @Test
    void tokensPastTheAnswerLimitAreSentButNotKeptAndWhatWasKeptHasNoGap() {
        List<String> sent = new ArrayList<>();
        AnswerRecord record = new AnswerRecord("s-1", "big", 1_000_000, sent::add);
        String text = "y".repeat(1_000);
        for (int seq = 0; seq < 2_000; seq++) {
            record.publishToken(seq == 700 ? "short" : text, seq);
        }
        assertThat(sent).hasSize(2_000);
        assertThat(record.retainedBytes()).isLessThanOrEqualTo(AnswerRecord.ANSWER_BYTES_LIMIT);
        List<String> replayed = new ArrayList<>();
        record.replayTo(replayed::add, -1);
        assertThat(replayed).as("kept events run from seq 0 without a gap").isNotEmpty().hasSizeLessThan(700)
                .isEqualTo(sent.subList(0, replayed.size()));
        assertThat(record.text()).as("the answer's text is whole, kept or not").hasSize(1_999 * 1_000 + 5);

        record.finish("done!", 1, null);
        assertThat(record.retainedBytes()).as("once it ended, only the kept start of the text stays")
                .isLessThanOrEqualTo(AnswerRecord.ANSWER_BYTES_LIMIT + AnswerRecord.heapBytes("done!"));
        List<String> afterEnd = new ArrayList<>();
        record.replayTo(afterEnd::add, -1);
        assertThat(afterEnd).as("the same kept events, then the final one (which the first replay, watching, got too)")
                .isEqualTo(replayed).endsWith("done!");
    }

    @Test
    void runningAnswersStopKeepingFramesWhenTheBudgetIsSpentAndWhatTheyKeptStillReplays() {
        RecentAnswers answers = new RecentAnswers(100, 60_000, 1_000);
        AnswerRecord running = new AnswerRecord("s-1", "running", 100, null);
        answers.add(running, 0);
        for (int seq = 0; seq < 5; seq++) {
            running.publish("e" + seq + "-".repeat(200));
        }
        answers.sweep(0);
        running.publish("late");
        List<String> replayed = new ArrayList<>();
        running.replayTo(replayed::add, -1);
        assertThat(replayed).hasSize(5).allMatch(frame -> frame.startsWith("e"));
        running.finish("done!", 1, null);
        List<String> again = new ArrayList<>();
        running.replayTo(again::add, 3);
        assertThat(again).as("a gap, then the final event that heals it").containsExactly("e4" + "-".repeat(200), "done!");
    }

    @Test
    void oneAnswerKeepsAtMostItsOwnLimitAndNeverAGap() {
        AnswerRecord record = new AnswerRecord("s-1", "big", 1_000_000, null);
        String frame = "x".repeat(30_000);
        for (int i = 0; i < 40; i++) {
            record.publish(i == 20 ? "small" : frame);
        }
        assertThat(record.retainedBytes()).isLessThanOrEqualTo(AnswerRecord.ANSWER_BYTES_LIMIT);
        List<String> replayed = new ArrayList<>();
        record.replayTo(replayed::add, -1);
        assertThat(replayed).as("kept frames run from seq 0 without a gap").hasSizeLessThan(20)
                .allMatch(frame::equals);
    }

    private static AnswerRecord finished(RecentAnswers answers, String id, long finishedAtMs) {
        AnswerRecord record = new AnswerRecord("s-1", id, 100, null);
        answers.add(record, finishedAtMs);
        for (int seq = 0; seq < 10; seq++) {
            record.publish(seq < 8 ? "e" + seq + "-".repeat(80) : "e" + seq);
        }
        record.finish("done!", finishedAtMs, null);
        return record;
    }
}
