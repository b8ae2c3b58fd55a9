package dev.glassbox.core.agent;

/** A running answer, as seen by whoever started it. */
@FunctionalInterface
public interface AgentStream {

    /** Stops the work upstream, releasing what it holds. Idempotent; events after it are ignored. */
    void cancel();
}
