package dev.glassbox.core.pipeline;

import dev.glassbox.core.agent.AgentBackend;
import dev.glassbox.core.agent.AgentFailure;
import dev.glassbox.core.agent.AgentListener;
import dev.glassbox.core.agent.AgentRequest;
import dev.glassbox.core.agent.AgentStream;
import dev.glassbox.core.agent.Citation;
import dev.glassbox.core.agent.ConversationTurn;
import dev.glassbox.core.agent.Reference;
import dev.glassbox.core.agent.StopReason;
import dev.glassbox.core.agent.TraceStep;
import dev.glassbox.core.agent.Usage;
import dev.glassbox.core.feedback.AnsweredQuestion;
import dev.glassbox.core.log.Log;
import dev.glassbox.core.protocol.ErrorCode;
import dev.glassbox.core.protocol.ProtocolLimits;
import dev.glassbox.core.protocol.ServerEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * One answer in flight: turns a backend's events into protocol events. Numbers them, coalesces
 * text into token events, stamps trace steps, measures timings, prices usage, and ends with exactly
 * one {@code done} or {@code error}. Everything runs on the answer's event loop; backend callbacks
 * made elsewhere are moved onto it, so no state here is shared between threads.
 */
final class Answer {
    private static final Logger LOG = Logger.getLogger(Answer.class.getName());
    /** Backend callbacks from other threads that may wait for the event loop at once. */
    static final int MAX_QUEUED_CALLBACKS = 10_000;
    private static final AtomicIntegerFieldUpdater<Answer> QUEUED =
            AtomicIntegerFieldUpdater.newUpdater(Answer.class, "queued");

    private final Context context;
    private final AnswerPipeline pipeline;
    private final AgentRequest request;
    private final AnswerRecord record;
    private final String connectionId;
    private final Runnable onEnd;
    private final long startNanos = System.nanoTime();
    /** Text that waits for the coalescing window; made only when text is coalesced. */
    private StringBuilder pending;
    private final List<Citation> citations = new ArrayList<>();
    private Usage usage = Usage.NONE;
    private String pricedModel;
    private Long firstTokenMs;
    private long seq;
    private long coalesceTimer = -1;
    /** The answer timeout's keeper on this event loop, or null: then a timer of its own. */
    private AnswerDeadlines deadlines;
    private long timeoutTimer = -1;
    private boolean ended;
    /** Set before upstream is cancelled, so what it still says meanwhile (even from inside cancel) is ignored. */
    private boolean upstreamStopped;
    private final AtomicBoolean overflowed = new AtomicBoolean();
    /**
     * Backend callbacks queued onto the event loop and not yet run: a field of the answer rather than an
     * object of its own, as every token reads it.
     */
    private volatile int queued;
    /** The thread of the answer's event loop, once known; callbacks made on it need no hop. */
    private volatile Thread eventLoop;
    private boolean declined;
    private AgentStream stream;

    Answer(Context context, AnswerPipeline pipeline, AgentRequest request, AnswerRecord record,
           String connectionId, Runnable onEnd) {
        this.context = context;
        this.pipeline = pipeline;
        this.request = request;
        this.record = record;
        this.connectionId = connectionId;
        this.onEnd = onEnd;
    }

    String id() {
        return request.answerId();
    }

    /** Must be called on the answer's context. */
    void start() {
        if (context.isEventLoopContext()) {
            eventLoop = Thread.currentThread();
            deadlines = pipeline.deadlines(eventLoop);
        }
        AgentBackend backend = pipeline.backend();
        emit(new ServerEvent.Start(request.sessionId(), backend.name(), backend.model()));
        if (deadlines != null) {
            deadlines.add(this);
        } else {
            timeoutTimer = context.owner().setTimer(pipeline.settings().answerTimeoutMs(), t -> timedOut());
        }
        try {
            stream = backend.answer(request, new OnContext());
        } catch (RuntimeException e) {
            Log.error(LOG, "backend failed to start", e, "answerId", id(), "connectionId", connectionId);
            fail(AgentFailure.of(ErrorCode.INTERNAL, "The agent could not start answering.", true));
        }
    }

    /** Stops the answer at once: upstream work is cancelled and {@code done} says {@code cancelled}. */
    void cancel() {
        if (Vertx.currentContext() != context) {
            context.runOnContext(v -> cancel());
            return;
        }
        if (ended) {
            return;
        }
        stopUpstream();
        finish(StopReason.CANCELLED);
    }

    private void onText(String delta) {
        if (delta.isEmpty()) {
            return;
        }
        // The answer's text is the record's: each token is appended to one buffer only.
        if (firstTokenMs == null || pipeline.settings().coalesceWindowMs() == 0) {
            if (firstTokenMs == null) {
                // The first text goes out at once: it is what a visitor waits for.
                firstTokenMs = elapsedMs();
                pipeline.metrics().firstToken(firstTokenMs);
            }
            // Nothing is pending then, so the text is sent as it came, without a copy.
            flushText();
            publishText(delta);
            return;
        }
        if (pending == null) {
            pending = new StringBuilder();
        }
        pending.append(delta);
        if (pending.length() >= ProtocolLimits.MAX_TOKEN_EVENT_CHARS) {
            flushText();
        } else if (coalesceTimer < 0) {
            coalesceTimer = context.owner().setTimer(pipeline.settings().coalesceWindowMs(), t -> {
                coalesceTimer = -1;
                flushText();
            });
        }
    }

    /** @param handedOverMs when the backend handed the step over, which is when it ended if it has a duration */
    private void onTrace(TraceStep step, long handedOverMs) {
        flushText();
        declined |= "decline".equals(step.kind().wireName());
        long t = step.durationMs() == null ? handedOverMs : Math.max(0, handedOverMs - step.durationMs());
        emit(new ServerEvent.Trace(step, t));
    }

    private void onCitation(Citation citation) {
        flushText();
        citations.add(citation);
        emit(new ServerEvent.CitationEvent(citation));
    }

    private void finish(StopReason reason) {
        flushText();
        long totalMs = elapsedMs();
        String model = pricedModel != null ? pricedModel : pipeline.backend().model();
        Double cost = pipeline.prices().costUsd(model, usage);
        String answerText = record.text();
        ServerEvent.Done done = new ServerEvent.Done(answerText, citations, usage, cost, firstTokenMs, totalMs,
                reason, cost == null ? null : pipeline.prices().asOf(model));
        AnsweredQuestion answered = reason == StopReason.CANCELLED ? null : new AnsweredQuestion(request.sessionId(),
                id(), request.question(), answerText,
                citations.stream().flatMap(c -> c.references().stream()).map(Reference::source).distinct().toList(),
                declined || reason == StopReason.GUARDRAIL);
        boolean turn = reason == StopReason.COMPLETE && !answerText.isEmpty();
        ended = true; // nothing more from the backend, and no cancel or timeout, while the answer is kept
        if (!pipeline.keepingMayBlock(answered, turn)) {
            // Stores in memory answer at once: no hop to a worker thread and back for each answer.
            keep(answered, turn, answerText);
            finished(reason, done, cost);
        } else {
            context.<Void>executeBlocking(() -> {
                keep(answered, turn, answerText);
                return null;
            }, false).onComplete(kept -> finished(reason, done, cost));
        }
    }

    /**
     * Keeps the answer for feedback (and a decline for the owner's report) and, when {@code turn}, as a
     * turn of its conversation, before its {@code done} goes out: feedback can then never arrive first,
     * and a follow-up asked as soon as it arrives sees the turn.
     */
    private void keep(AnsweredQuestion answered, boolean turn, String answerText) {
        if (answered != null) {
            pipeline.remember(answered);
        }
        if (turn) {
            keepTurn(answerText);
        }
    }

    private void finished(StopReason reason, ServerEvent.Done done, Double cost) {
        end(done);
        pipeline.metrics().answerEnded(reason, usage.outputTokens());
        Log.info(LOG, "answer finished", "answerId", id(), "sessionId", request.sessionId(),
                "connectionId", connectionId, "stopReason", reason.wireName(), "firstTokenMs", firstTokenMs,
                "totalMs", done.totalMs(), "outputTokens", usage.outputTokens(), "costUsd", cost);
    }

    /** A store that fails costs the conversation one turn, never the answer. */
    private void keepTurn(String answerText) {
        try {
            pipeline.conversations().append(request.sessionId(), new ConversationTurn(request.question(), answerText));
        } catch (RuntimeException error) {
            Log.warn(LOG, "could not keep the turn; the next follow-up will not see it", error,
                    "answerId", id(), "sessionId", request.sessionId());
        }
    }

    private void fail(AgentFailure failure) {
        flushText();
        end(new ServerEvent.Error(failure.code(), failure.message(), failure.retryable(), failure.retryAfterMs()));
        pipeline.metrics().error(failure.code());
        Log.info(LOG, "answer failed", "answerId", id(), "sessionId", request.sessionId(),
                "connectionId", connectionId, "code", failure.code().wireName(), "totalMs", elapsedMs());
    }

    long startNanos() {
        return startNanos;
    }

    /** The answer timeout has passed: called on the answer's event loop. */
    void timedOut() {
        timeoutTimer = -1;
        if (ended) {
            return;
        }
        stopUpstream();
        fail(AgentFailure.of(ErrorCode.TIMEOUT, "The answer took longer than "
                + pipeline.settings().answerTimeoutMs() / 1000 + " s and was stopped.", true));
    }

    private void overflow() {
        if (ended) {
            return;
        }
        Log.warn(LOG, "backend outran its event loop; stopping the answer", null, "answerId", id(),
                "queuedCallbacks", MAX_QUEUED_CALLBACKS);
        stopUpstream();
        fail(AgentFailure.of(ErrorCode.INTERNAL, "The agent sent more than the server could relay.", true));
    }

    private void stopUpstream() {
        upstreamStopped = true;
        if (stream == null) {
            return;
        }
        try {
            stream.cancel();
        } catch (RuntimeException e) {
            Log.warn(LOG, "backend failed to cancel", e, "answerId", id());
        }
    }

    /** Sends pending text as token events. */
    private void flushText() {
        if (coalesceTimer >= 0) {
            context.owner().cancelTimer(coalesceTimer);
            coalesceTimer = -1;
        }
        if (pending != null && pending.length() > 0) {
            publishText(pending);
            pending.setLength(0);
        }
    }

    /** Sends text as token events, each small enough for one frame; a string that fits one is sent as it is. */
    private void publishText(CharSequence chars) {
        if (chars instanceof String whole && whole.length() <= ProtocolLimits.MAX_TOKEN_EVENT_CHARS) {
            record.publishToken(whole, seq++);
            return;
        }
        int from = 0;
        while (from < chars.length()) {
            int to = Math.min(chars.length(), from + ProtocolLimits.MAX_TOKEN_EVENT_CHARS);
            if (to < chars.length() && Character.isHighSurrogate(chars.charAt(to - 1))) {
                to--;
            }
            record.publishToken(chars.subSequence(from, to).toString(), seq++);
            from = to;
        }
    }

    private void emit(ServerEvent event) {
        record.publish(pipeline.encoder().encode(event, id(), seq++));
    }

    private void end(ServerEvent last) {
        ended = true;
        if (deadlines != null) {
            deadlines.remove(this);
        } else if (timeoutTimer >= 0) {
            context.owner().cancelTimer(timeoutTimer);
        }
        // A done carries the whole text: the record keeps that string rather than a copy of its buffer.
        String text = last instanceof ServerEvent.Done done ? done.text() : null;
        record.finish(pipeline.encoder().encode(last, id(), seq++), System.currentTimeMillis(), text);
        onEnd.run();
    }

    private long elapsedMs() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /**
     * Hands backend callbacks to the answer on its event loop with at most one hop: a callback made
     * on that event loop (a Vert.x backend's timer or response) runs at once; one from another thread
     * (an SDK's) is queued onto it, and later callbacks queue behind it so order is kept. Callbacks
     * after the end, or after upstream was told to stop, are dropped. At most
     * {@link #MAX_QUEUED_CALLBACKS} wait at once: a backend that outruns its event loop past that
     * fails its answer rather than grow the heap.
     */
    private final class OnContext implements AgentListener {

        /** Whether a callback may run at once: it comes on the answer's event loop and none waits before it. */
        private boolean direct() {
            return queued == 0 && Thread.currentThread() == eventLoop;
        }

        private <T> void deliver(Consumer<T> handler, T value) {
            if (direct()) {
                run(handler, value);
                return;
            }
            if (QUEUED.incrementAndGet(Answer.this) > MAX_QUEUED_CALLBACKS) {
                QUEUED.decrementAndGet(Answer.this);
                if (overflowed.compareAndSet(false, true)) {
                    context.runOnContext(v -> overflow());
                }
                return;
            }
            context.runOnContext(v -> {
                QUEUED.decrementAndGet(Answer.this);
                run(handler, value);
            });
        }

        private <T> void run(Consumer<T> handler, T value) {
            if (ended || upstreamStopped) {
                return;
            }
            try {
                handler.accept(value);
            } catch (RuntimeException e) {
                failed(e);
            }
        }

        private void failed(RuntimeException e) {
            Log.error(LOG, "answer event failed", e, "answerId", id());
            stopUpstream();
            fail(AgentFailure.of(ErrorCode.INTERNAL, "Something went wrong while answering.", true));
        }

        /**
         * Text is nearly every callback: made on the event loop, it goes straight to the answer, not
         * through the handler {@link #deliver} takes, so the path the JIT compiles for it stays small.
         */
        @Override
        public void onText(String delta) {
            if (!direct()) {
                deliver(Answer.this::onText, delta);
            } else if (!ended && !upstreamStopped) {
                try {
                    Answer.this.onText(delta);
                } catch (RuntimeException e) {
                    failed(e);
                }
            }
        }

        @Override
        public void onTrace(TraceStep step) {
            // Timed here, not when the answer's context gets to it: a step handed over from another thread
            // may wait behind others, and its start is when it ended minus its duration.
            long handedOverMs = elapsedMs();
            deliver(handed -> Answer.this.onTrace(handed, handedOverMs), step);
        }

        @Override
        public void onCitation(Citation citation) {
            deliver(Answer.this::onCitation, citation);
        }

        @Override
        public void onUsage(Usage more) {
            deliver(u -> usage = usage.plus(u), more);
        }

        @Override
        public void onModel(String modelId) {
            deliver(m -> pricedModel = m, modelId);
        }

        @Override
        public void onComplete(StopReason reason) {
            deliver(Answer.this::finish, reason);
        }

        @Override
        public void onFailure(AgentFailure failure) {
            deliver(Answer.this::fail, failure);
        }
    }
}
