package dev.glassbox.server.local.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a visitor's message is cleaned before it is read. */
class MessageTextTest {
    @Test
    void questionWordsInChatSpellingAreReadInFull() {
        assertThat(MessageText.normalise("y so slow the first time?")).isEqualTo("why so slow the first time?");
        assertThat(MessageText.normalise("Wat port? hw do I change it")).isEqualTo("What port? how do I change it");
        // Only where a question word stands: "hw" alone is as often hardware, "y" inside a sentence a letter.
        assertThat(MessageText.normalise("hw requirements for x and y?")).isEqualTo("hw requirements for x and y?");
    }
}
