package dev.glassbox.core.pipeline;

import dev.glassbox.core.agent.AgentRequest;
import dev.glassbox.core.conversation.Sessions;
import dev.glassbox.core.feedback.FeedbackDesk;
import dev.glassbox.core.guard.TokenBucket;
import dev.glassbox.core.protocol.ClientMessage;
import dev.glassbox.core.protocol.ErrorCode;
import dev.glassbox.core.protocol.ProtocolException;
import dev.glassbox.core.protocol.ServerEvent;
import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Protocol v1 for one connection, whatever carries it: reads client frames, starts, cancels and
 * resumes answers, and answers bad input with an {@code error} event while the connection goes
 * on. All methods are called on the connection's context.
 */
public final class ConnectionHandler {
    /** Sessions a connection remembers for cancel and resume by id alone; the oldest is forgotten first. */
    static final int SESSIONS_LIMIT = 16;

    private final Context context;
    private final AnswerPipeline pipeline;
    private final FrameSink sink;
    private final String connectionId;
    private final String client;
    private final TokenBucket asks;
    /** Each resume replays up to the kept events of an answer: limited like asks, in buckets of their own. */
    private final TokenBucket resumes;
    private final TokenBucket feedback = new TokenBucket(FeedbackDesk.BURST, FeedbackDesk.REFILL_MS,
            System.currentTimeMillis());
    private final Map<String, Answer> running = new HashMap<>();
    private final Set<AnswerRecord> watching = new HashSet<>();
    private final Set<String> sessions = new LinkedHashSet<>();
    private String ownSessionId;

    ConnectionHandler(Context context, AnswerPipeline pipeline, FrameSink sink, String connectionId, String client) {
        this.context = context;
        this.pipeline = pipeline;
        this.sink = sink;
        this.connectionId = connectionId;
        this.client = client;
        PipelineSettings settings = pipeline.settings();
        this.asks = new TokenBucket(settings.askBurst(), settings.askRefillMs(), System.currentTimeMillis());
        this.resumes = new TokenBucket(settings.askBurst(), settings.askRefillMs(), System.currentTimeMillis());
    }

    public void onText(String frame) {
        ClientMessage message;
        try {
            message = pipeline.parser().parse(frame);
        } catch (ProtocolException e) {
            reject(e.code(), e.getMessage(), e.answerId(), false, null);
            return;
        }
        if (message instanceof ClientMessage.Ask ask) {
            ask(ask);
        } else if (message instanceof ClientMessage.Cancel cancel) {
            cancel(cancel.id());
        } else if (message instanceof ClientMessage.Resume resume) {
            resume(resume);
        } else if (message instanceof ClientMessage.Feedback given) {
            feedback(given);
        } else {
            sink.send(pipeline.encoder().encode(new ServerEvent.Pong(), null, null));
        }
    }

    public void onBinary() {
        reject(ErrorCode.BAD_REQUEST, "Binary frames are not supported; send JSON as a text frame.", null, false, null);
    }

    /**
     * The connection is gone: its answers run on for a later {@code resume}, unwatched. One that no
     * connection has resumed within the orphan grace is cancelled, so a closed tab stops costing.
     */
    public void onClose() {
        // Finished answers cannot be orphaned: only a connection that leaves answers running needs the timer.
        List<AnswerRecord> left = new ArrayList<>();
        for (AnswerRecord record : watching) {
            record.stopWatching(sink);
            if (record.finishedAtMs() < 0) {
                left.add(record);
            }
        }
        watching.clear();
        if (left.isEmpty()) {
            return;
        }
        context.owner().setTimer(pipeline.settings().orphanGraceMs(), t -> left.forEach(record -> {
            Answer orphan = record.unwatchedRunningAnswer();
            if (orphan != null) {
                orphan.cancel();
            }
        }));
    }

    public Context context() {
        return context;
    }

    /** How many answers this connection is running now. */
    public int runningAnswers() {
        return running.size();
    }

    /** Cancels every answer this connection runs; each ends with a {@code done} that says cancelled. */
    public void cancelAll() {
        List.copyOf(running.values()).forEach(Answer::cancel);
    }

    private void ask(ClientMessage.Ask ask) {
        if (running.containsKey(ask.id())) {
            reject(ErrorCode.BAD_REQUEST, "An answer with id '" + ask.id() + "' is already running; "
                    + "use a new id for each question.", ask.id(), false, null);
            return;
        }
        if (pipeline.draining()) {
            reject(ErrorCode.BUSY, "The server is shutting down; ask again in a moment.", ask.id(), true, 5_000L);
            return;
        }
        long now = System.currentTimeMillis();
        long waitMs = asks.tryTake(now);
        if (waitMs == 0) {
            waitMs = pipeline.clientRates().tryTake(client, now);
        }
        if (waitMs > 0) {
            reject(ErrorCode.RATE_LIMITED, "Too many questions in a short time; try again in "
                    + Math.max(1, Math.round(waitMs / 1000.0)) + " s.", ask.id(), true, waitMs);
            return;
        }
        if (running.size() >= pipeline.settings().maxAnswersInFlight()) {
            reject(ErrorCode.BUSY, "Already answering " + running.size()
                    + " questions on this connection; wait for one to finish or cancel it.", ask.id(), true, null);
            return;
        }
        Sessions.Session session = pipeline.sessions().continueOrStart(
                ask.sessionId() != null ? ask.sessionId() : ownSessionId, client);
        if (ask.sessionId() == null) {
            ownSessionId = session.id();
        }
        String sessionId = session.id();
        remember(sessionId);
        AnswerRecord record = new AnswerRecord(sessionId, ask.id(), pipeline.settings().replayEventLimit(), sink);
        pipeline.answers().add(record, System.currentTimeMillis());
        watch(record);
        Answer answer = new Answer(context, pipeline, new AgentRequest(ask.id(), sessionId, ask.text(),
                session.turns()), record,
                connectionId, () -> running.remove(ask.id()));
        record.bind(answer);
        running.put(ask.id(), answer);
        pipeline.metrics().askAccepted();
        answer.start();
    }

    private void cancel(String id) {
        Answer own = running.get(id);
        if (own != null) {
            own.cancel();
            return;
        }
        AnswerRecord record = findInSessions(id);
        if (record == null) {
            reject(ErrorCode.BAD_REQUEST, "There is no answer '" + id + "' to cancel.", id, false, null);
            return;
        }
        Answer resumed = record.runningAnswer();
        if (resumed != null) {
            resumed.cancel();
        }
    }

    private void resume(ClientMessage.Resume resume) {
        long now = System.currentTimeMillis();
        long waitMs = resumes.tryTake(now);
        if (waitMs == 0) {
            waitMs = pipeline.clientResumeRates().tryTake(client, now);
        }
        if (waitMs > 0) {
            reject(ErrorCode.RATE_LIMITED, "Too many resumes in a short time; try again in "
                    + Math.max(1, Math.round(waitMs / 1000.0)) + " s.", resume.id(), true, waitMs);
            return;
        }
        AnswerRecord record;
        if (resume.sessionId() != null) {
            record = pipeline.answers().find(resume.sessionId(), resume.id());
        } else {
            record = findInSessions(resume.id());
        }
        if (record == null) {
            reject(ErrorCode.BAD_REQUEST, "There is no recent answer '" + resume.id() + "' to resume in this "
                    + "session; answers can be resumed for " + pipeline.settings().replayRetentionMs() / 60_000
                    + " minutes after they finish.", resume.id(), false, null);
            return;
        }
        remember(record.sessionId());
        watch(record);
        record.replayTo(sink, resume.after());
    }

    /** Most recent last, at most {@link #SESSIONS_LIMIT}. */
    private void remember(String sessionId) {
        sessions.remove(sessionId);
        sessions.add(sessionId);
        if (sessions.size() > SESSIONS_LIMIT) {
            sessions.remove(sessions.iterator().next());
        }
    }

    /**
     * Answers this connection watches, for cancelling orphans when it closes; finished ones no
     * longer need it, so the set stays as small as the answers running, however long the connection lives.
     */
    private void watch(AnswerRecord record) {
        watching.removeIf(kept -> kept.finishedAtMs() >= 0);
        watching.add(record);
    }

    private void feedback(ClientMessage.Feedback given) {
        long now = System.currentTimeMillis();
        long waitMs = feedback.tryTake(now);
        if (waitMs == 0) {
            waitMs = pipeline.clientFeedbackRates().tryTake(client, now);
        }
        if (waitMs > 0) {
            reject(ErrorCode.RATE_LIMITED, "Too much feedback in a short time; try again in "
                    + Math.max(1, Math.round(waitMs / 1000.0)) + " s.", given.id(), true, waitMs);
            return;
        }
        AnswerRecord record = given.sessionId() == null ? findInSessions(given.id()) : null;
        String sessionId = record != null ? record.sessionId() : given.sessionId();
        context.executeBlocking(() -> pipeline.feedbackDesk().take(given, sessionId), false)
                .onComplete(taken -> {
                    ServerEvent reply = taken.succeeded() ? taken.result() : new ServerEvent.Error(ErrorCode.INTERNAL,
                            "The feedback could not be recorded; try again.", true, null);
                    if (reply instanceof ServerEvent.Error error) {
                        pipeline.metrics().error(error.code());
                    }
                    sink.send(pipeline.encoder().encode(reply, given.id(), null));
                });
    }

    private AnswerRecord findInSessions(String id) {
        for (String session : sessions) {
            AnswerRecord record = pipeline.answers().find(session, id);
            if (record != null) {
                return record;
            }
        }
        return null;
    }

    private void reject(ErrorCode code, String message, String id, boolean retryable, Long retryAfterMs) {
        pipeline.metrics().error(code);
        sink.send(pipeline.encoder().encode(new ServerEvent.Error(code, message, retryable, retryAfterMs), id, null));
    }
}
