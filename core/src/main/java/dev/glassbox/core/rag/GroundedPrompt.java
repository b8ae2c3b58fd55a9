package dev.glassbox.core.rag;

import dev.glassbox.core.agent.Reference;
import java.util.List;

/**
 * The instructions and the numbered passages a generating model answers from, so that its answer
 * is grounded in them and cites them as {@code [n]}, which {@link CitationMarkers} turns into
 * citation events.
 */
public final class GroundedPrompt {
    public static final String SYSTEM = "You are Glassbox, an agent that answers questions about the Glassbox "
            + "project. Answer only from the numbered passages you are given. After each sentence that uses a "
            + "passage, cite it by its number in square brackets, like [1]. If the passages do not answer the "
            + "question, say that you do not know instead of guessing. Answer concisely, in Markdown.";

    private GroundedPrompt() {
    }

    /** The user turn: every passage with its number, source and heading, then the question. */
    public static String userMessage(String question, List<Reference> passages) {
        StringBuilder message = new StringBuilder();
        if (passages.isEmpty()) {
            message.append("No passages were found for this question.\n\n");
        } else {
            message.append("Passages:\n\n");
            for (int i = 0; i < passages.size(); i++) {
                Reference passage = passages.get(i);
                message.append('[').append(i + 1).append("] ").append(passage.source());
                if (passage.title() != null) {
                    message.append(" — ").append(passage.title());
                }
                message.append('\n').append(passage.excerpt()).append("\n\n");
            }
        }
        return message.append("Question: ").append(question).toString();
    }
}
