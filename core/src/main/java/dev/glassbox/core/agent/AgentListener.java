package dev.glassbox.core.agent;

/** Receives what a backend produces while it answers. */
public interface AgentListener {

    /** More answer text, of any size; the pipeline coalesces it into token events. */
    void onText(String delta);

    void onTrace(TraceStep step);

    /** Links a span of the text sent so far to its sources. */
    void onCitation(Citation citation);

    /** Token usage of one model call; calls add up. */
    void onUsage(Usage usage);

    /**
     * The model that writes this answer, when the backend learns it only while answering (a Bedrock
     * Agent's trace names it); the answer is then priced on it rather than on {@link AgentBackend#model()}.
     */
    default void onModel(String modelId) {
    }

    void onComplete(StopReason reason);

    void onFailure(AgentFailure failure);
}
