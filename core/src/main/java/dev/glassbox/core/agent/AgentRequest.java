package dev.glassbox.core.agent;

import java.util.List;

/**
 * What a backend is asked: the client's answer id, the conversation's session id, the question and the
 * session's earlier turns, oldest first (empty for a first question).
 */
public record AgentRequest(String answerId, String sessionId, String question, List<ConversationTurn> history) {

    public AgentRequest {
        history = List.copyOf(history);
    }

    /** A question with no conversation before it. */
    public AgentRequest(String answerId, String sessionId, String question) {
        this(answerId, sessionId, question, List.of());
    }

    public boolean isFollowUp() {
        return !history.isEmpty();
    }
}
