package dev.glassbox.core.pipeline;

/** Where a connection's encoded frames go: a WebSocket, or API Gateway's {@code @connections}. */
@FunctionalInterface
public interface FrameSink {

    /** Sends one text frame; may be called from any thread. */
    void send(String frame);

    /** Sends an answer's last frame (its done or error); a sink that must record it first overrides this. */
    default void sendFinal(String frame) {
        send(frame);
    }
}
