package dev.glassbox.lambda;

/** What the route handler hands the stream worker: one question for one connection. */
public record WorkerRequest(String connectionId, String answerId, String sessionId, String question) {
}
