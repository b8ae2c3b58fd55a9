package dev.glassbox.core.guard;

import java.time.Duration;

/**
 * Lets a log line that a client can cause at will through at most once per interval, with how many times it
 * happened since the last line: one line per refused connection or socket would write as fast as a client can
 * connect (a rejected Origin wrote 15 MB of log a second from one address). Thread-safe.
 */
public final class LogThrottle {
    private final long everyNanos;
    private long lastLineNanos;
    private boolean anyLine;
    private long unlogged;

    public LogThrottle(Duration every) {
        this.everyNanos = every.toNanos();
    }

    /** Counts {@code times} more; returns how many happened since the last line when a line is due now, else 0. */
    public synchronized long due(long times) {
        unlogged += times;
        long now = System.nanoTime();
        if (anyLine && now - lastLineNanos < everyNanos) {
            return 0;
        }
        anyLine = true;
        lastLineNanos = now;
        long since = unlogged;
        unlogged = 0;
        return since;
    }
}
