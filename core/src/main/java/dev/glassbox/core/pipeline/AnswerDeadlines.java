package dev.glassbox.core.pipeline;

import dev.glassbox.core.loop.PeriodicCheck;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The answer timeout of every answer running on one event loop, kept by one {@link PeriodicCheck}
 * instead of a timer for each answer. Answers on one loop share one timeout, so the order they started
 * in is the order they expire in: a check looks at the oldest only. An answer may run up to one check
 * interval past its timeout. Used on its event loop's thread only.
 */
final class AnswerDeadlines {
    private final long timeoutNanos;
    private final PeriodicCheck<Answer> running;

    AnswerDeadlines(Vertx vertx, long timeoutMs) {
        this.timeoutNanos = timeoutMs * 1_000_000;
        this.running = PeriodicCheck.within(vertx, timeoutMs, this::expire);
    }

    /** Call on the answer's event loop when it starts. */
    void add(Answer answer) {
        running.add(answer);
    }

    /** Call on the answer's event loop when it ends, however it ends. */
    void remove(Answer answer) {
        running.remove(answer);
    }

    private void expire(Set<Answer> startedFirst) {
        long now = System.nanoTime();
        List<Answer> late = new ArrayList<>();
        for (Iterator<Answer> oldestFirst = startedFirst.iterator(); oldestFirst.hasNext(); ) {
            Answer answer = oldestFirst.next();
            if (now - answer.startNanos() < timeoutNanos) {
                break;
            }
            oldestFirst.remove();
            late.add(answer);
        }
        late.forEach(Answer::timedOut);
    }
}
