package dev.glassbox.core.agent;

/** What a backend is asked: the client's answer id, the conversation's session id and the question. */
public record AgentRequest(String answerId, String sessionId, String question) {
}
