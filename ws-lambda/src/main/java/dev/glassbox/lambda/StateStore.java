package dev.glassbox.lambda;

import java.util.Optional;

/**
 * What the cloud path must remember between invocations: connections, cancel requests, who reads
 * each running answer and the final events of finished ones for {@code resume}, ask rates and the
 * day's spend. Every entry expires.
 */
public interface StateStore {

    void connected(String connectionId, String sourceIp);

    void disconnected(String connectionId);

    /** Takes one ask from the bucket of {@code key}; 0 when allowed, else milliseconds to wait. */
    long tryAsk(String key, int burst, long refillMs);

    /** Counts an answer as running on its connection; returns how many run there now, this one included. */
    int answerStarted(String connectionId, String answerId);

    void answerEnded(String connectionId, String answerId);

    /** Whether answer {@code answerId} runs on the connection now: started there and not ended. */
    boolean answerRuns(String connectionId, String answerId);

    /** A mark a connection leaves on an answer, kept a fixed time. */
    enum Flag {
        /**
         * The connection asked or resumed the answer, so a cancel from it names an answer it knows; a cancel of any
         * other id is refused, as the local server refuses it.
         */
        KNOWN("known#", 15 * 60),
        /** The visitor asked to stop the answer: its worker looks at the flag of the connection that reads it now. */
        CANCEL("cancel#", 10 * 60);

        final String prefix;
        final long ttlSeconds;

        Flag(String prefix, long ttlSeconds) {
            this.prefix = prefix;
            this.ttlSeconds = ttlSeconds;
        }
    }

    void flag(String connectionId, String answerId, Flag flag);

    boolean flagged(String connectionId, String answerId, Flag flag);

    /**
     * Who reads a running answer now: the connection, the last seq that connection had already seen
     * when it resumed (-1 for the one that asked), and a number that grows with every resume.
     */
    record Watcher(String connectionId, long after, long generation) {
    }

    /** Makes a running answer resumable, read by the connection that asked; kept at most 15 minutes. */
    void answerRunning(String sessionId, String answerId, String connectionId);

    /**
     * Points a running answer at the connection that resumed it; false when the answer is not
     * running (never asked in this session, or already finished).
     */
    boolean watch(String sessionId, String answerId, String connectionId, long after);

    Optional<Watcher> watcher(String sessionId, String answerId);

    /**
     * The answer has ended and its final event is kept: it is no longer resumable as running.
     * False, and nothing changes, when a resume came after the watcher of {@code generation} was read.
     */
    boolean answerFinished(String sessionId, String answerId, long generation);

    /** Keeps an answer's final event for 10 minutes, so a client that reconnects can heal the answer. */
    void keepFinalEvent(String sessionId, String answerId, String frame);

    Optional<String> finalEvent(String sessionId, String answerId);

    void addSpend(double usd);

    double spentToday();
}
