package dev.glassbox.server.local;

import dev.glassbox.core.agent.AgentFailure;
import dev.glassbox.core.agent.AgentListener;
import dev.glassbox.core.agent.StopReason;
import dev.glassbox.core.agent.TraceStep;
import dev.glassbox.core.log.Log;
import dev.glassbox.core.protocol.ErrorCode;
import io.vertx.core.Vertx;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * One answer of the local agent: its {@link AnswerPlan} is worked out on a worker thread, which sends each
 * trace step as it ends; then its first word is sent, and the rest of its words streamed, paced, once the
 * questions waiting to be planned have been. Any failure ends the answer at once with an error; a question the planners have no room
 * for is told to ask again.
 */
final class LocalAnswer {
    private static final Logger LOG = Logger.getLogger(LocalAnswer.class.getName());

    private final Vertx vertx;
    private final Planners planners;
    private final AgentListener listener;
    private final long paceMs;
    private volatile boolean cancelled;
    private long timer = -1;
    private boolean ended;

    LocalAnswer(Vertx vertx, Planners planners, AgentListener listener, long paceMs) {
        this.vertx = vertx;
        this.planners = planners;
        this.listener = listener;
        this.paceMs = paceMs;
    }

    void cancel() {
        cancelled = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /**
     * Plans on one of {@code planners}' threads, handing the planning the steps' way to the visitor, then streams
     * on the caller's context.
     */
    void start(Function<Consumer<TraceStep>, AnswerPlan> planning) {
        long started = System.nanoTime();
        Consumer<TraceStep> steps = step -> {
            if (!cancelled) {
                listener.onTrace(step);
            }
        };
        planners.submit(() -> planning.apply(steps)).onComplete(planned -> {
            if (cancelled) {
                return;
            }
            if (planned.cause() instanceof Planners.Full) {
                ended = true;
                listener.onFailure(new AgentFailure(ErrorCode.BUSY, "The local agent has more questions waiting "
                        + "than it takes at once; ask again in a few seconds.", true, 2_000L));
                return;
            }
            if (planned.failed()) {
                fail("planning failed", planned.cause());
                return;
            }
            try {
                stream(planned.result(), 0, started);
            } catch (RuntimeException e) {
                fail("streaming failed", e);
            }
        });
    }

    private void stream(AnswerPlan plan, int next, long started) {
        timer = -1;
        if (cancelled || ended) {
            return;
        }
        try {
            int i = next;
            while (i < plan.pieces().size()) {
                AnswerPlan.Piece piece = plan.pieces().get(i++);
                listener.onText(piece.text());
                if (piece.citation() != null) {
                    listener.onCitation(piece.citation());
                }
                if (i == 1 && i < plan.pieces().size()) {
                    // In a burst, the first word of a waiting question matters more to its visitor than the rest
                    // of a started answer, and streaming that rest would take the CPU the planners need.
                    planners.afterWaiting(() -> stream(plan, 1, started));
                    return;
                }
                if (paceMs > 0 && i < plan.pieces().size()) {
                    int following = i;
                    timer = vertx.setTimer(paceMs, t -> stream(plan, following, started));
                    return;
                }
            }
            ended = true;
            listener.onUsage(plan.usage());
            listener.onTrace(TraceStep.model(LocalAgentBackend.MODEL, plan.usage(),
                    (System.nanoTime() - started) / 1_000_000));
            listener.onComplete(StopReason.COMPLETE);
        } catch (RuntimeException e) {
            fail("streaming failed", e);
        }
    }

    private void fail(String what, Throwable cause) {
        if (ended) {
            return;
        }
        ended = true;
        Log.error(LOG, "local answer " + what, cause);
        listener.onFailure(AgentFailure.of(ErrorCode.INTERNAL, "The local agent failed while answering.", true));
    }
}
