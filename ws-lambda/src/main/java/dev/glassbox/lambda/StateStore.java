package dev.glassbox.lambda;

import java.util.Optional;

/**
 * What the cloud path must remember between invocations: connections, cancel requests, finished
 * answers for {@code resume}, ask rates and the day's spend. Every entry expires.
 */
public interface StateStore {

    void connected(String connectionId, String sourceIp);

    void disconnected(String connectionId);

    /** Takes one ask from the bucket of {@code key}; 0 when allowed, else milliseconds to wait. */
    long tryAsk(String key, int burst, long refillMs);

    /** Counts an answer as running on its connection; returns how many run there now, this one included. */
    int answerStarted(String connectionId, String answerId);

    void answerEnded(String connectionId, String answerId);

    void requestCancel(String connectionId, String answerId);

    boolean cancelRequested(String connectionId, String answerId);

    /** Keeps an answer's final event for 10 minutes, so a client that reconnects can heal the answer. */
    void keepFinalEvent(String sessionId, String answerId, String frame);

    Optional<String> finalEvent(String sessionId, String answerId);

    void addSpend(double usd);

    double spentToday();
}
