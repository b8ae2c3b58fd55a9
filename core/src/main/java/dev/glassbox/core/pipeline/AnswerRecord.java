package dev.glassbox.core.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * The encoded events of one answer, kept so a client that reconnects can {@code resume} it, and
 * the connection currently watching it. Events are written by the answer's context and replayed
 * from any connection's, hence the locking.
 */
final class AnswerRecord {
    static final int FRAME_OVERHEAD_BYTES = 48;
    /** Heap one answer may hold for replay; frames past it are sent but not kept (done still heals). */
    static final long ANSWER_BYTES_LIMIT = 1024 * 1024;
    private final String sessionId;
    private final String answerId;
    private final int eventLimit;
    private final List<String> frames = new ArrayList<>();
    private long retainedBytes;
    private boolean compacted;
    /** No more frames are kept: a limit was reached; the ones kept stay replayable. */
    private boolean full;
    private FrameSink watcher;
    private Answer answer;
    private String finalFrame;
    private long finishedAtMs = -1;
    private long published;

    AnswerRecord(String sessionId, String answerId, int eventLimit, FrameSink watcher) {
        this.sessionId = sessionId;
        this.answerId = answerId;
        this.eventLimit = eventLimit;
        this.watcher = watcher;
    }

    String sessionId() {
        return sessionId;
    }

    String answerId() {
        return answerId;
    }

    synchronized void bind(Answer answer) {
        this.answer = answer;
    }

    /** The running answer, or null once it has ended. */
    synchronized Answer runningAnswer() {
        return finishedAtMs < 0 ? answer : null;
    }

    /** The running answer if no connection watches it, else null. */
    synchronized Answer unwatchedRunningAnswer() {
        return watcher == null ? runningAnswer() : null;
    }

    synchronized void publish(String frame) {
        if (!full && !compacted) {
            long bytes = heapBytes(frame);
            if (frames.size() < eventLimit && retainedBytes + bytes <= ANSWER_BYTES_LIMIT) {
                frames.add(frame);
                retainedBytes += bytes;
            } else {
                // Kept frames must run from seq 0 without a gap, so once one is skipped, all after it are.
                full = true;
            }
        }
        published++;
        if (watcher != null) {
            watcher.send(frame);
        }
    }

    /** Publishes the answer's last event, which is always kept, and marks the answer finished. */
    synchronized void finish(String frame, long nowMs) {
        published++;
        finalFrame = frame;
        retainedBytes += heapBytes(frame);
        finishedAtMs = nowMs;
        if (watcher != null) {
            watcher.sendFinal(frame);
        }
        // A finished record outlives its connection; holding the answer or the socket would keep
        // the whole connection in memory for as long as the record is kept.
        watcher = null;
        answer = null;
    }

    /**
     * Sends every kept event with {@code seq > after} to {@code sink}, then makes it the watcher of
     * what follows. Events beyond the kept limit are skipped; the final event still carries the
     * whole text, so the client heals.
     */
    synchronized void replayTo(FrameSink sink, long after) {
        // Kept frames start at seq 0; a compacted record has none left but the final one.
        for (long seq = Math.max(0, after + 1); seq < frames.size(); seq++) {
            sink.send(frames.get((int) seq));
        }
        if (finalFrame != null && published - 1 > after) {
            sink.send(finalFrame);
        }
        watcher = finalFrame == null ? sink : null;
    }

    /** Heap held for replay, counted from above: see {@link #heapBytes}. */
    synchronized long retainedBytes() {
        return retainedBytes;
    }

    /**
     * What keeping a frame costs the heap, never less: the String and its array (about 40 bytes of
     * headers), its slot in the list, and at most two bytes a character (one for Latin-1 text).
     */
    static long heapBytes(String frame) {
        return FRAME_OVERHEAD_BYTES + 2L * frame.length();
    }

    /** Keeps no further frames of a running answer: the replay budget is spent. */
    synchronized void stopKeeping() {
        full = true;
    }

    /**
     * Drops the events of a finished answer but its final one, which carries the whole text, so a
     * late resume still heals the answer while the memory goes back.
     */
    synchronized void compact() {
        if (finalFrame == null || compacted) {
            return;
        }
        compacted = true;
        frames.clear();
        retainedBytes = heapBytes(finalFrame);
    }

    synchronized void stopWatching(FrameSink sink) {
        if (watcher == sink) {
            watcher = null;
        }
    }

    synchronized boolean expired(long nowMs, long retentionMs) {
        return finishedAtMs >= 0 && nowMs - finishedAtMs > retentionMs;
    }

    /** When the answer finished, or -1 while it runs. */
    synchronized long finishedAtMs() {
        return finishedAtMs;
    }
}
