package dev.glassbox.server.local.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a visitor's message is cleaned before it is read. */
class MessageTextTest {
    @Test
    void questionWordsInChatSpellingAreReadInFull() {
        assertThat(MessageText.normalise("y so slow the first time?")).isEqualTo("why so slow the first time?");
        assertThat(MessageText.normalise("Wat port? hw do I change it")).isEqualTo("What port? how do I change it");
        // Only where a question word stands: "hw" alone is as often hardware, "y" inside a sentence a letter.
        assertThat(MessageText.normalise("hw requirements for x and y?")).isEqualTo("hw requirements for x and y?");
        // A contraction typed without its apostrophe is the question word and "is".
        assertThat(MessageText.normalise("Whats the catch? wheres it kept")).isEqualTo("What's the catch? where's it kept");
    }

    @Test
    void aGreetingBeforeAQuestionIsLeftOutAndAGreetingAloneKept() {
        Map.of("oi, what port does it use?", "what port does it use?", "Hey there, good morning! wat port?", "what port?",
                "hello my friend, how's it going?", "hello my friend, how's it going?",
                "Good question: which port?", "Good question: which port?").forEach((message, read) ->
                assertThat(MessageText.normalise(message)).as(message).isEqualTo(read));
    }
}
