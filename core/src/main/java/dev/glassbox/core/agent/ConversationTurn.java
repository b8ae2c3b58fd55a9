package dev.glassbox.core.agent;

import java.util.Objects;

/** One finished exchange of a conversation: what the visitor asked and the answer text they got. */
public record ConversationTurn(String question, String answer) {

    public ConversationTurn {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
    }
}
