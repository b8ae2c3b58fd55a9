package dev.glassbox.core.rag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.agent.ConversationTurn;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandaloneQueryTest {

    private static List<ConversationTurn> after(String... questions) {
        return java.util.Arrays.stream(questions).map(q -> new ConversationTurn(q, "Some answer [1].")).toList();
    }

    @Test
    void aFirstQuestionStandsAsItIs() {
        assertThat(StandaloneQuery.of("And with Claude Sonnet 4?", List.of()))
                .isEqualTo(new StandaloneQuery("And with Claude Sonnet 4?", false));
    }

    @Test
    void aNewNameTakesThePlaceOfThePreviousOne() {
        assertThat(StandaloneQuery.of("And with Claude Sonnet 4?", after("What does an answer cost with Nova Lite?")))
                .isEqualTo(new StandaloneQuery("What does an answer cost with Claude Sonnet 4?", true));
    }

    @Test
    void aQuestionThatPointsBackKeepsThePreviousQuestionAsContext() {
        assertThat(StandaloneQuery.of("how long does that take?", after("How does the deploy workflow work?")))
                .isEqualTo(new StandaloneQuery("how long does that take? (How does the deploy workflow work?)", true));
        assertThat(StandaloneQuery.of("why?", after("Does Glassbox use WebSockets?")).query())
                .isEqualTo("why? (Does Glassbox use WebSockets?)");
        assertThat(StandaloneQuery.of("And why is that?", after("Does Glassbox use WebSockets?")).query())
                .isEqualTo("why is that? (Does Glassbox use WebSockets?)");
    }

    @Test
    void anEllipticalFollowUpTakesThePlaceOfWhatThePreviousQuestionAskedAbout() {
        assertThat(StandaloneQuery.of("And what about the cloud?", after("What does Glassbox cost locally?")))
                .isEqualTo(new StandaloneQuery("What does Glassbox cost the cloud?", true));
        assertThat(StandaloneQuery.of("And each IP address?", after("How many questions may one connection send?"))
                .query()).isEqualTo("How many questions may one each IP address send?");
        assertThat(StandaloneQuery.of("And why?", after("Does Glassbox use WebSockets?")).query())
                .as("a question word is not a thing asked about").isEqualTo("why? (Does Glassbox use WebSockets?)");
    }

    @Test
    void aFollowUpToAFollowUpStillCarriesTheTopic() {
        assertThat(StandaloneQuery.of("why?", after("What does an answer cost with Nova Lite?", "And Claude Sonnet 4?"))
                .query()).isEqualTo("why? (What does an answer cost with Claude Sonnet 4?)");
    }

    @Test
    void aQuestionThatStandsAloneIsNotRewrittenEvenInAConversation() {
        assertThat(StandaloneQuery.of("What licence is Glassbox released under?", after("How much does it cost?")))
                .isEqualTo(new StandaloneQuery("What licence is Glassbox released under?", false));
        assertThat(StandaloneQuery.of("How does resume work after a reconnect in the cloud?", after("Why WebSockets?"))
                .followUp()).isFalse();
    }
}
