package dev.glassbox.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glassbox.core.agent.AgentBackend;
import dev.glassbox.core.agent.AgentRequest;
import dev.glassbox.core.conversation.ConversationStore;
import dev.glassbox.core.cost.PriceTable;
import dev.glassbox.core.feedback.FeedbackStore;
import dev.glassbox.core.log.Log;
import dev.glassbox.core.pipeline.AnswerPipeline;
import dev.glassbox.core.pipeline.PipelineSettings;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;

/**
 * The stream worker's logic: runs one answer through the pipeline into the visitor's connection.
 * Every 500 ms it checks the cancel flag and whether the visitor resumed the answer on a new
 * connection (then posts there what it missed, and the rest). A connection that answers 410 Gone
 * is given a grace (a reload, a network switch; 30 s by default, as the local server gives an
 * orphaned answer) to come back and resume before the answer is cancelled. It ends cleanly before
 * the invocation's deadline, keeps the final event for {@code resume} and adds the answer's cost to
 * the day's spend before posting it.
 */
public final class Worker {
    private static final Logger LOG = Logger.getLogger(Worker.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long CANCEL_CHECK_MS = 500;
    /** API Gateway bills every post: 50 ms of text per token event keeps an answer at 20 posts a second at most. */
    static final long COALESCE_MS = 50;
    /** Time kept back from the invocation's deadline to end the answer and drain the posts. */
    static final long DEADLINE_MARGIN_MS = 5_000;

    private final Vertx vertx;
    private final AgentBackend backend;
    private final StateStore state;
    private final ConversationStore conversations;
    private final FeedbackStore feedback;
    private final ApiGatewayManagementApiAsyncClient connections;
    private final EmfMetrics metrics;
    private final PriceTable prices = PriceTable.defaults();
    private final long reconnectGraceMs;

    public Worker(Vertx vertx, AgentBackend backend, StateStore state, ConversationStore conversations,
                  FeedbackStore feedback,
                  ApiGatewayManagementApiAsyncClient connections, EmfMetrics metrics, long reconnectGraceMs) {
        this.vertx = vertx;
        this.backend = backend;
        this.state = state;
        this.conversations = conversations;
        this.feedback = feedback;
        this.connections = connections;
        this.metrics = metrics;
        this.reconnectGraceMs = reconnectGraceMs;
    }

    /** Blocks until the answer has ended and its last post has gone out; returns the number of posts. */
    public int run(WorkerRequest request, long remainingMs) throws InterruptedException {
        PipelineSettings settings = PipelineSettings.defaults().withCoalesceWindowMs(COALESCE_MS)
                .withAnswerTimeoutMs(Math.max(1_000, remainingMs - DEADLINE_MARGIN_MS));
        AnswerPipeline pipeline = new AnswerPipeline(vertx, backend, settings, prices, metrics, conversations, feedback);
        try {
            ConnectionsSink sink = new ConnectionsSink(connections, request.connectionId(),
                    frame -> recordEnd(request, frame));
            // The route handler has checked the session is one the server assigned; its turns are read here.
            var history = conversations.turns(request.sessionId()).orElse(List.of());
            AnswerPipeline.RunningAnswer running = pipeline.answer(new AgentRequest(request.answerId(),
                    request.sessionId(), request.question(), history), sink, request.connectionId());
            var ended = running.ended().toCompletionStage().toCompletableFuture();
            StateStore.Watcher watching = new StateStore.Watcher(request.connectionId(), -1, 0);
            while (!ended.isDone()) {
                try {
                    ended.get(CANCEL_CHECK_MS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillRunning) {
                    watching = followResume(request, sink, watching);
                    if (state.flagged(watching.connectionId(), request.answerId(), StateStore.Flag.CANCEL)) {
                        running.cancel().run();
                    } else if (sink.goneForMs(System.currentTimeMillis()) > reconnectGraceMs) {
                        Log.info(LOG, "the visitor left and did not resume; stopping the answer",
                                "answerId", request.answerId(), "connectionId", watching.connectionId());
                        running.cancel().run();
                    }
                } catch (ExecutionException e) {
                    throw new IllegalStateException("an answer always ends with done or error", e);
                }
            }
            sink.drained().join();
            // A resume that arrived after the last look is owed the end too: the final event is kept,
            // so each such resume replays up to it. Every round needs a new resume, which is rate-limited.
            while (!state.answerFinished(request.sessionId(), request.answerId(), watching.generation())) {
                watching = followResume(request, sink, watching);
                sink.drained().join();
            }
            metrics.postsPerAnswer(sink.posts());
            Log.info(LOG, "answer delivered", "answerId", request.answerId(), "connectionId", watching.connectionId(),
                    "posts", sink.posts());
            return sink.posts();
        } finally {
            state.answerEnded(request.connectionId(), request.answerId());
            pipeline.close();
        }
    }

    /** Sends the answer to the connection that resumed it last, if that changed since {@code watching}. */
    private StateStore.Watcher followResume(WorkerRequest request, ConnectionsSink sink, StateStore.Watcher watching) {
        StateStore.Watcher now = state.watcher(request.sessionId(), request.answerId()).orElse(watching);
        if (now.generation() <= watching.generation()) {
            return watching;
        }
        Log.info(LOG, "the visitor resumed the answer on a new connection", "answerId", request.answerId(),
                "connectionId", now.connectionId(), "after", now.after());
        sink.redirect(now.connectionId(), now.after());
        return now;
    }

    /** Keeps the last event for resume and adds its cost to the day's spend, before the visitor sees it. */
    private void recordEnd(WorkerRequest request, String finalFrame) {
        state.keepFinalEvent(request.sessionId(), request.answerId(), finalFrame);
        try {
            JsonNode end = JSON.readTree(finalFrame);
            if (end.path("costUsd").isNumber()) {
                state.addSpend(end.path("costUsd").asDouble());
                metrics.answerCost(end.path("costUsd").asDouble());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the pipeline writes JSON", e);
        }
    }
}
