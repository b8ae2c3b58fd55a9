package dev.glassbox.core.agent;

/**
 * The SPI every agent implements: turn a question into a stream of agent events.
 *
 * <p>A backend only produces content. The answer pipeline numbers events, coalesces tokens,
 * measures timings, prices usage, fits frames and handles cancel, so backends stay small.
 * Listener methods may be called from any thread, but from one at a time and in order.
 */
public interface AgentBackend {

    /** The backend's name as reported in {@code start.backend}, e.g. {@code local}. */
    String name();

    /** The model id reported in {@code start.model} and used to price usage. */
    String model();

    /**
     * Starts answering. Must return promptly; the work happens asynchronously and ends with
     * exactly one {@link AgentListener#onComplete} or {@link AgentListener#onFailure}.
     */
    AgentStream answer(AgentRequest request, AgentListener listener);
}
