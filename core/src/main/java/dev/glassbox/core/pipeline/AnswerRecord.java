package dev.glassbox.core.pipeline;

import dev.glassbox.core.protocol.EventEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The events of one answer, kept so a client that reconnects can {@code resume} it, and the
 * connection currently watching it. Events are written by the answer's context and replayed from
 * any connection's, hence the locking.
 *
 * <p>Token events, nearly all of an answer, are kept as their text appended to one buffer and
 * encoded again on replay: a kept frame per token would be two objects each, which every young
 * garbage collection copies again while the answer can be resumed. The same buffer is the
 * answer's text while it runs (its {@code done} carries it), so each token is appended once, to
 * one buffer; past the answer's replay limit it still grows, but only its kept start counts.
 */
final class AnswerRecord {
    static final int FRAME_OVERHEAD_BYTES = 48;
    /** Heap one answer may hold for replay; frames past it are sent but not kept (done still heals). */
    static final long ANSWER_BYTES_LIMIT = 1024 * 1024;
    private final String sessionId;
    private final String answerId;
    private final int eventLimit;
    /** The text of the token events, one after another: all of it while the answer runs, the kept start once it ended. */
    private StringBuilder tokenText = new StringBuilder(0);
    /**
     * Once the answer ended, its text as a string, which its {@code done}, feedback and conversation
     * share: kept token events are read from it (the buffer held the same characters) and the buffer is
     * let go, so a finished answer holds its text once, not twice.
     */
    private String endedText;
    /** The buffer's capacity the replay budget counts: its capacity while tokens are kept, frozen once they are not. */
    private int countedCapacity;
    /**
     * Per kept event, by seq: where its token text ends in {@link #tokenText} (in {@link #endedText} once
     * the answer ended), or {@code ~i} for {@code frames[i]}.
     */
    private int[] kept = new int[0];
    private int keptCount;
    /** Kept events other than tokens, as sent. */
    private final List<String> frames = new ArrayList<>();
    private long frameBytes;
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

    /** Sends an event other than a token, and keeps it while the answer's limits allow. */
    synchronized void publish(String frame) {
        if (keeping()) {
            long bytes = heapBytes(frame);
            if (fits(bytes)) {
                frames.add(frame);
                frameBytes += bytes;
                keep(~(frames.size() - 1));
            } else {
                stopKeeping();
            }
        }
        send(frame);
    }

    /**
     * Sends token event {@code seq} with {@code text}, adds the text to the answer's, and keeps the event
     * while the answer's limits allow.
     */
    synchronized void publishToken(String text, long seq) {
        if (keeping()) {
            int needed = tokenText.length() + text.length();
            // What ensureCapacity grows the buffer to, as its contract says, so the limit counts it.
            int capacity = needed <= tokenText.capacity() ? tokenText.capacity()
                    : Math.max(needed, 2 * tokenText.capacity() + 2);
            if (fits(2L * (capacity - countedCapacity))) {
                tokenText.ensureCapacity(capacity);
                tokenText.append(text);
                countedCapacity = tokenText.capacity();
                keep(tokenText.length());
            } else {
                stopKeeping();
            }
        }
        if (!keeping()) {
            tokenText.append(text);
        }
        send(EventEncoder.token(text, answerId, seq));
    }

    /** The text of every token event so far; the whole answer while it runs. */
    synchronized String text() {
        return endedText != null ? endedText : tokenText.toString();
    }

    private boolean keeping() {
        return !full && !compacted;
    }

    /** Whether {@code moreBytes} and one more event may be kept; kept events run from seq 0 without a gap. */
    private boolean fits(long moreBytes) {
        return keptCount < eventLimit
                && retainedBytes() + moreBytes + 4L * (slotsForOneMore() - kept.length) <= ANSWER_BYTES_LIMIT;
    }

    private int slotsForOneMore() {
        return keptCount < kept.length ? kept.length : Math.min(eventLimit, Math.max(16, 2 * kept.length));
    }

    private void keep(int entry) {
        if (keptCount == kept.length) {
            kept = Arrays.copyOf(kept, slotsForOneMore());
        }
        kept[keptCount++] = entry;
    }

    private void send(String frame) {
        published++;
        if (watcher != null) {
            watcher.send(frame);
        }
    }

    /**
     * Publishes the answer's last event, which is always kept, and marks the answer finished. {@code text} is
     * {@link #text()} as the answer ended, when it has it (or null), so the record shares that string
     * instead of copying its buffer again.
     */
    synchronized void finish(String frame, long nowMs, String text) {
        published++;
        endedText = text != null ? text : tokenText.toString();
        tokenText = new StringBuilder(0);
        // Text past the kept events was the answer's, not replay's: only the kept start counts.
        countedCapacity = keptTextLength();
        finalFrame = frame;
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
        // Kept events start at seq 0; a compacted record has none left but the final one.
        int tokenStart = 0;
        for (int seq = 0; seq < keptCount; seq++) {
            int entry = kept[seq];
            if (entry >= 0) {
                if (seq > after) {
                    String text = endedText != null ? endedText.substring(tokenStart, entry)
                            : tokenText.substring(tokenStart, entry);
                    sink.send(EventEncoder.token(text, answerId, seq));
                }
                tokenStart = entry;
            } else if (seq > after) {
                sink.send(frames.get(~entry));
            }
        }
        if (finalFrame != null && published - 1 > after) {
            sink.send(finalFrame);
        }
        watcher = finalFrame == null ? sink : null;
    }

    /**
     * Heap held for replay, counted from above: each kept frame as {@link #heapBytes}, the token
     * text at two bytes for each character it has room for, and an int for each kept event.
     */
    synchronized long retainedBytes() {
        return frameBytes + 2L * countedCapacity + 4L * kept.length
                + (finalFrame == null ? 0 : heapBytes(finalFrame));
    }

    /**
     * What keeping a frame costs the heap, never less: the String and its array (about 40 bytes of
     * headers), its slot in the list, and at most two bytes a character (one for Latin-1 text).
     */
    static long heapBytes(String frame) {
        return FRAME_OVERHEAD_BYTES + 2L * frame.length();
    }

    /** Where the text of the last kept token event ends. */
    private int keptTextLength() {
        for (int seq = keptCount - 1; seq >= 0; seq--) {
            if (kept[seq] >= 0) {
                return kept[seq];
            }
        }
        return 0;
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
        if (!compactable()) {
            return;
        }
        compacted = true;
        frames.clear();
        frameBytes = 0;
        endedText = "";
        countedCapacity = 0;
        kept = new int[0];
        keptCount = 0;
    }

    /** Whether {@link #compact} would free anything: the answer has finished and keeps more than its final event. */
    synchronized boolean compactable() {
        return finalFrame != null && !compacted;
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
