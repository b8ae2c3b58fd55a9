package dev.glassbox.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeedbackReportTest {

    private static FeedbackEntry down(String id, String question, String comment, long at) {
        return FeedbackEntry.feedback(new AnsweredQuestion("s-" + id, id, question, "An answer.", List.of("costs.md"),
                false), "down", comment, at);
    }

    private static FeedbackEntry declined(String id, String question, long at) {
        return FeedbackEntry.decline(new AnsweredQuestion("s-" + id, id, question, "", List.of(), true), at);
    }

    @Test
    void questionsAreGroupedAndListedMostFrequentFirst() {
        FeedbackReport report = FeedbackReport.of(List.of(
                declined("a", "What is the weather?", 1),
                declined("b", "Who wrote Glassbox?", 2),
                declined("c", "  what is   the WEATHER? ", 3),
                down("d", "What does it cost?", "Too vague.", 4),
                down("e", "How is it deployed?", "", 5),
                down("f", "what does it cost?", "Wrong number.", 6),
                FeedbackEntry.feedback(new AnsweredQuestion("s-g", "g", "Liked?", "Yes.", List.of(), false), "up", "",
                        7)));
        assertThat(report.declined()).extracting(FeedbackReport.Item::count).containsExactly(2, 1);
        assertThat(report.declined().get(0).question()).isEqualTo("  what is   the WEATHER? ");
        assertThat(report.markedDown()).extracting(FeedbackReport.Item::question)
                .containsExactly("what does it cost?", "How is it deployed?");
        assertThat(report.markedDown().get(0).comments()).containsExactly("Too vague.", "Wrong number.");
        assertThat(report.text()).contains("Questions the agent declined (2)").contains("2x  what is the WEATHER?")
                .contains("Answers marked down (2)").contains("comment: Wrong number.")
                .doesNotContain("Liked?");
    }

    @Test
    void visitorTextCannotRewriteTheTerminal() {
        String text = FeedbackReport.of(List.of(down("a", "Why?\u001b[2J\nfake line", "ok\r\u0007\u009b2J\u202eevil", 1)))
                .text();
        assertThat(text).doesNotContain("\u001b").doesNotContain("\u0007").contains("Why? [2J fake line");
        assertThat(text).as("a C1 escape and a bidirectional override").doesNotContain("\u009b").doesNotContain("\u202e")
                .contains("ok 2J evil");
    }

    @Test
    void anEmptyReportSaysSo() {
        assertThat(FeedbackReport.of(List.of()).text()).contains("Questions the agent declined (0)\n  none");
    }
}
