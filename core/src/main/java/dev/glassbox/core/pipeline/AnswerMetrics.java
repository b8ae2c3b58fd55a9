package dev.glassbox.core.pipeline;

import dev.glassbox.core.agent.StopReason;
import dev.glassbox.core.protocol.ErrorCode;

/** What the pipeline reports about answers; each runtime records it its own way. */
public interface AnswerMetrics {
    AnswerMetrics NONE = new AnswerMetrics() {
    };

    default void askAccepted() {
    }

    default void firstToken(long millis) {
    }

    default void answerEnded(StopReason reason, long outputTokens) {
    }

    default void error(ErrorCode code) {
    }

    /** A visitor's feedback was recorded; {@code verdict} is up or down. */
    default void feedback(String verdict) {
    }

    /** The agent declined a question. */
    default void declined() {
    }
}
