package dev.glassbox.core.pipeline;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The answer timeout of every answer running on one event loop, kept by one periodic check instead
 * of a timer for each answer: a timer set and cancelled per answer is two trips through the event
 * loop's scheduled-task queue, and a thousand answers' timers make that queue, which every token's
 * timer goes through too, deeper. Answers on one loop share one timeout, so the order they started
 * in is the order they expire in: a check looks at the oldest only. An answer may run up to one
 * check interval past its timeout. Used on its event loop's thread only.
 */
final class AnswerDeadlines {
    private final Vertx vertx;
    private final long timeoutNanos;
    private final long checkEveryMs;
    private final LinkedHashSet<Answer> running = new LinkedHashSet<>();
    private long timer = -1;

    AnswerDeadlines(Vertx vertx, long timeoutMs) {
        this.vertx = vertx;
        this.timeoutNanos = timeoutMs * 1_000_000;
        this.checkEveryMs = Math.max(1, Math.min(1_000, timeoutMs / 4));
    }

    /** Call on the answer's event loop when it starts. */
    void add(Answer answer) {
        running.add(answer);
        if (timer < 0) {
            timer = vertx.setPeriodic(checkEveryMs, t -> expire());
        }
    }

    /** Call on the answer's event loop when it ends, however it ends. */
    void remove(Answer answer) {
        running.remove(answer);
    }

    private void expire() {
        long now = System.nanoTime();
        List<Answer> late = new ArrayList<>();
        for (Iterator<Answer> oldestFirst = running.iterator(); oldestFirst.hasNext(); ) {
            Answer answer = oldestFirst.next();
            if (now - answer.startNanos() < timeoutNanos) {
                break;
            }
            oldestFirst.remove();
            late.add(answer);
        }
        late.forEach(Answer::timedOut);
        if (running.isEmpty()) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
