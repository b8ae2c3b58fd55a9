package dev.glassbox.core.agent;

import dev.glassbox.core.protocol.ErrorCode;

/** Why an answer could not be finished; becomes the answer's {@code error} event. */
public record AgentFailure(ErrorCode code, String message, boolean retryable, Long retryAfterMs) {

    public static AgentFailure of(ErrorCode code, String message, boolean retryable) {
        return new AgentFailure(code, message, retryable, null);
    }
}
