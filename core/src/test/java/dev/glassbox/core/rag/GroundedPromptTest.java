package dev.glassbox.core.rag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.agent.ConversationTurn;
import dev.glassbox.core.agent.Reference;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroundedPromptTest {
    private static final int BUDGET_CHARS = GroundedPrompt.PASSAGE_TOKENS * GroundedPrompt.CHARS_PER_TOKEN;

    private static GroundedPrompt.Source passage(String name, int chars) {
        String text = (name + " says a word. ").repeat(chars / (name.length() + 13) + 1).substring(0, chars);
        return new GroundedPrompt.Source(new Reference(name + ".md", name, text.substring(0, 20), 0.5, name), text);
    }

    @Test
    void passagesGoWholeBestFirstWhileTheyFitThenOneIsCutAndTheRestAreLeftOut() {
        GroundedPrompt.Source first = passage("first", BUDGET_CHARS / 2);
        GroundedPrompt.Source second = passage("second", BUDGET_CHARS / 3);
        GroundedPrompt.Source third = passage("third", BUDGET_CHARS / 2);
        GroundedPrompt.Source fourth = passage("fourth", 500);
        GroundedPrompt prompt = GroundedPrompt.of("What?", List.of(first, second, third, fourth), List.of());

        assertThat(prompt.passagesSent()).containsExactly(first.reference(), second.reference(), third.reference());
        assertThat(prompt.passages()).contains("[1] first.md — first\n" + first.text() + "\n\n")
                .contains("[2] second.md — second\n" + second.text() + "\n\n").doesNotContain("fourth");
        String cut = prompt.passages().substring(prompt.passages().indexOf("[3] third.md — third\n") + 21).strip();
        assertThat(cut).endsWith("…").hasSizeLessThanOrEqualTo(BUDGET_CHARS - first.text().length()
                - second.text().length() + 1);
        assertThat(third.text()).startsWith(cut.substring(0, cut.length() - 1));
        assertThat(prompt.userMessage()).endsWith("Question: What?");
    }

    @Test
    void aPassageLeftWithTooLittleRoomIsNotSentAtAll() {
        GroundedPrompt.Source nearlyAll = passage("big", BUDGET_CHARS - 100);
        GroundedPrompt prompt = GroundedPrompt.of("What?", List.of(nearlyAll, passage("small", 900)), List.of());
        assertThat(prompt.passagesSent()).containsExactly(nearlyAll.reference());
    }

    @Test
    void theLastThreeTurnsGoAsMessagesWithoutMarkersAndLongAnswersCut() {
        List<ConversationTurn> turns = List.of(new ConversationTurn("q1", "a1 [1]."),
                new ConversationTurn("q2", "Free [1][2]. Cheap [3]."), new ConversationTurn("q3", "a3"),
                new ConversationTurn("q4", "word ".repeat(1_000)));
        GroundedPrompt prompt = GroundedPrompt.of("And?", List.of(), turns);
        assertThat(prompt.history()).extracting(GroundedPrompt.Message::fromVisitor)
                .containsExactly(true, false, true, false, true, false);
        assertThat(prompt.history()).extracting(GroundedPrompt.Message::text).startsWith("q2", "Free. Cheap.", "q3", "a3");
        assertThat(prompt.history().get(5).text()).hasSizeLessThanOrEqualTo(GroundedPrompt.HISTORY_ANSWER_CHARS)
                .endsWith("…");
        assertThat(prompt.passages()).startsWith("No passages were found");
    }
}
