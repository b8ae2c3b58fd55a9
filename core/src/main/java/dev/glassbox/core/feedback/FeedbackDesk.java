package dev.glassbox.core.feedback;

import dev.glassbox.core.pipeline.AnswerMetrics;
import dev.glassbox.core.protocol.ClientMessage;
import dev.glassbox.core.protocol.ErrorCode;
import dev.glassbox.core.protocol.ServerEvent;
import java.util.Optional;

/**
 * Takes a visitor's {@code feedback} the same way in both runtimes: finds the answer it is about,
 * records the verdict with the question, answer and sources, counts it, and says what to reply.
 * The caller rate-limits first; the store may block, so call this off the event loop.
 */
public final class FeedbackDesk {
    /** Feedback messages a connection may send at once, and how fast it may send more. */
    public static final int BURST = 10;
    public static final long REFILL_MS = 6_000;
    /**
     * The same for one client address over all its connections: a new connection's own bucket is full,
     * so without this, reconnecting would refill it, and the local server's file would roll over within
     * seconds and lose the owner's earlier entries.
     */
    public static final int CLIENT_BURST = 20;
    public static final long CLIENT_REFILL_MS = 3_000;

    private final FeedbackStore store;
    private final AnswerMetrics metrics;

    public FeedbackDesk(FeedbackStore store, AnswerMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    /** Records the feedback on the answer {@code feedback.id()} of {@code sessionId}; returns the reply. */
    public ServerEvent take(ClientMessage.Feedback feedback, String sessionId) {
        if (sessionId == null) {
            return ServerEvent.Error.of(ErrorCode.BAD_REQUEST,
                    "Feedback needs the \"sessionId\" of the answer's session.");
        }
        Optional<AnsweredQuestion> answered = store.answer(sessionId, feedback.id());
        if (answered.isEmpty()) {
            return ServerEvent.Error.of(ErrorCode.BAD_REQUEST, "There is no finished answer '" + feedback.id()
                    + "' in this session to give feedback on; feedback is taken for a day after an answer.");
        }
        store.record(FeedbackEntry.feedback(answered.get(), feedback.verdict(), feedback.comment(),
                System.currentTimeMillis()));
        metrics.feedback(feedback.verdict());
        return new ServerEvent.FeedbackRecorded(feedback.verdict());
    }
}
