package dev.glassbox.core.bedrock;

/**
 * Our own retry for streaming calls: only on throttling, only before the first event has been
 * passed on (after that a retry would repeat text), once, after a short pause.
 */
final class ThrottleRetry {
    static final int MAX_RETRIES = 1;
    private static final long PAUSE_MS = 400;

    private int retries;

    /** Whether to call again after this failure; counts the retry when it says yes. */
    boolean shouldRetry(Throwable error, boolean eventsPassedOn) {
        if (eventsPassedOn || retries >= MAX_RETRIES || !BedrockFailures.isThrottling(error)) {
            return false;
        }
        retries++;
        return true;
    }

    long pauseMs() {
        return PAUSE_MS * retries;
    }
}
