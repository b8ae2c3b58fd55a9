package dev.glassbox.core.protocol;

/** A validated client → server message of protocol v1. */
public sealed interface ClientMessage {

    /** Ask a question; {@code sessionId} is null when the client has none yet. */
    record Ask(String id, String sessionId, String text) implements ClientMessage {
    }

    record Cancel(String id) implements ClientMessage {
    }

    /**
     * Replay the events of a recent answer with {@code seq > after}. {@code sessionId} proves the
     * answer is the caller's when resuming on a new connection; without it only answers started on
     * the same connection can be resumed.
     */
    record Resume(String id, String sessionId, long after) implements ClientMessage {
    }

    record Ping() implements ClientMessage {
    }

    /**
     * A visitor's verdict on a finished answer, {@code up} or {@code down}, with an optional comment
     * ({@code ""} when none). {@code sessionId} names the answer's session; null when not given.
     */
    record Feedback(String id, String sessionId, String verdict, String comment) implements ClientMessage {
    }
}
