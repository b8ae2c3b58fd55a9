package dev.glassbox.core.pipeline;

import dev.glassbox.core.agent.AgentBackend;
import dev.glassbox.core.agent.AgentRequest;
import dev.glassbox.core.conversation.ConversationStore;
import dev.glassbox.core.conversation.MemoryConversationStore;
import dev.glassbox.core.conversation.Sessions;
import dev.glassbox.core.cost.PriceTable;
import dev.glassbox.core.feedback.AnsweredQuestion;
import dev.glassbox.core.feedback.FeedbackDesk;
import dev.glassbox.core.feedback.FeedbackEntry;
import dev.glassbox.core.feedback.FeedbackStore;
import dev.glassbox.core.feedback.MemoryFeedbackStore;
import dev.glassbox.core.guard.ClientRates;
import dev.glassbox.core.log.Log;
import dev.glassbox.core.protocol.ClientMessageParser;
import dev.glassbox.core.protocol.EventEncoder;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * What all connections share: the backend, settings, prices, metrics, the answers kept for
 * {@code resume} and the conversations. Each connection gets its own {@link ConnectionHandler}.
 */
public final class AnswerPipeline {
    private static final Logger LOG = Logger.getLogger(AnswerPipeline.class.getName());
    private static final long SWEEP_INTERVAL_MS = 1_000;

    private final Vertx vertx;
    private final AgentBackend backend;
    private final PipelineSettings settings;
    private final PriceTable prices;
    private final AnswerMetrics metrics;
    private final RecentAnswers answers;
    private final ClientRates clientRates;
    /** Resumes per client address, limited like its asks: each replays an answer for a message of a few bytes. */
    private final ClientRates clientResumeRates;
    private final ClientRates clientFeedbackRates = new ClientRates(FeedbackDesk.CLIENT_BURST,
            FeedbackDesk.CLIENT_REFILL_MS);
    private final ConversationStore conversations;
    private final Sessions sessions;
    private final FeedbackStore feedback;
    private final FeedbackDesk feedbackDesk;
    private volatile boolean draining;
    private final EventEncoder encoder = new EventEncoder();
    private final ClientMessageParser parser = new ClientMessageParser();
    private final long sweepTimer;
    /** Answer timeouts, one keeper per event loop thread (so at most as many as event loops). */
    private final Map<Thread, AnswerDeadlines> deadlines = new ConcurrentHashMap<>();

    /** A pipeline whose conversations, feedback and declined questions are kept in this JVM's memory. */
    public AnswerPipeline(Vertx vertx, AgentBackend backend, PipelineSettings settings, PriceTable prices,
                          AnswerMetrics metrics) {
        this(vertx, backend, settings, prices, metrics, new MemoryConversationStore(),
                new MemoryFeedbackStore(10_000, 10_000));
    }

    public AnswerPipeline(Vertx vertx, AgentBackend backend, PipelineSettings settings, PriceTable prices,
                          AnswerMetrics metrics, ConversationStore conversations, FeedbackStore feedback) {
        this.conversations = conversations;
        this.sessions = new Sessions(conversations);
        this.vertx = vertx;
        this.feedback = feedback;
        this.feedbackDesk = new FeedbackDesk(feedback, metrics);
        this.backend = backend;
        this.settings = settings;
        this.prices = prices;
        this.metrics = metrics;
        this.answers = new RecentAnswers(settings.replayAnswerLimit(), settings.replayRetentionMs(),
                settings.replayBudgetBytes());
        this.clientRates = new ClientRates(settings.clientAskBurst(), settings.clientAskRefillMs());
        this.clientResumeRates = new ClientRates(settings.clientAskBurst(), settings.clientAskRefillMs());
        this.sweepTimer = vertx.setPeriodic(SWEEP_INTERVAL_MS, t -> {
            long now = System.currentTimeMillis();
            answers.sweep(now);
            clientRates.forgetIdle(now);
            clientResumeRates.forgetIdle(now);
            clientFeedbackRates.forgetIdle(now);
        });
    }

    /**
     * A handler for one new connection; call it on the connection's Vert.x context, which then runs
     * that connection's answers.
     *
     * @param client who is connecting, e.g. the IP address; its connections share one ask rate
     */
    public ConnectionHandler connect(FrameSink sink, String connectionId, String client) {
        return new ConnectionHandler(vertx.getOrCreateContext(), this, sink, connectionId, client);
    }

    /** An answer running outside any connection handler, as the cloud's stream worker runs one. */
    public record RunningAnswer(Future<Void> ended, Runnable cancel) {
    }

    /**
     * Runs one answer whose events go to {@code sink}; the returned future completes once its
     * {@code done} or {@code error} has been sent. Call from any thread.
     */
    public RunningAnswer answer(AgentRequest request, FrameSink sink, String connectionId) {
        Context context = vertx.getOrCreateContext();
        Promise<Void> ended = Promise.promise();
        AnswerRecord record = new AnswerRecord(request.sessionId(), request.answerId(), settings.replayEventLimit(),
                sink);
        Answer answer = new Answer(context, this, request, record, connectionId, ended::tryComplete);
        record.bind(answer);
        metrics.askAccepted();
        context.runOnContext(v -> answer.start());
        return new RunningAnswer(ended.future(), answer::cancel);
    }

    /**
     * Whether keeping an ending answer may wait on I/O: for feedback ({@code answered}, null when it is
     * not kept) and as a conversation turn ({@code turn}).
     */
    boolean keepingMayBlock(AnsweredQuestion answered, boolean turn) {
        return turn && conversations.mayBlock() || answered != null && feedback.mayBlock(answered);
    }

    /**
     * Keeps a finished answer for feedback, and a declined question for the owner's report, before
     * the visitor sees the answer end: feedback can then never arrive first, and a Lambda worker
     * cannot be frozen with the write pending. A failure costs the entry, never the answer.
     */
    void remember(AnsweredQuestion answered) {
        try {
            feedback.rememberAnswer(answered);
            if (answered.declined()) {
                feedback.record(FeedbackEntry.decline(answered, System.currentTimeMillis()));
                metrics.declined();
            }
        } catch (RuntimeException e) {
            Log.warn(LOG, "could not keep the answer for feedback", e, "answerId", answered.answerId());
        }
    }

    /** The keeper of answer timeouts for answers on this event loop thread. */
    AnswerDeadlines deadlines(Thread eventLoop) {
        return deadlines.computeIfAbsent(eventLoop, thread -> new AnswerDeadlines(vertx, settings.answerTimeoutMs()));
    }

    FeedbackDesk feedbackDesk() {
        return feedbackDesk;
    }

    /** From now on new questions are refused as {@code busy}: the server is shutting down. */
    public void drain() {
        draining = true;
    }

    boolean draining() {
        return draining;
    }

    ClientRates clientRates() {
        return clientRates;
    }

    ClientRates clientResumeRates() {
        return clientResumeRates;
    }

    ClientRates clientFeedbackRates() {
        return clientFeedbackRates;
    }

    public void close() {
        vertx.cancelTimer(sweepTimer);
    }

    AgentBackend backend() {
        return backend;
    }

    PipelineSettings settings() {
        return settings;
    }

    public PriceTable prices() {
        return prices;
    }

    AnswerMetrics metrics() {
        return metrics;
    }

    ConversationStore conversations() {
        return conversations;
    }

    Sessions sessions() {
        return sessions;
    }

    RecentAnswers answers() {
        return answers;
    }

    EventEncoder encoder() {
        return encoder;
    }

    ClientMessageParser parser() {
        return parser;
    }
}
