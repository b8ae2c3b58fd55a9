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
 * The stream worker's logic: runs one answer through the pipeline into the visitor's connection,
 * checks the cancel flag every 500 ms, ends cleanly before the invocation's deadline, keeps the
 * final event for {@code resume} and adds the answer's cost to the day's spend before posting it.
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

    public Worker(Vertx vertx, AgentBackend backend, StateStore state, ConversationStore conversations,
                  FeedbackStore feedback,
                  ApiGatewayManagementApiAsyncClient connections, EmfMetrics metrics) {
        this.vertx = vertx;
        this.backend = backend;
        this.state = state;
        this.conversations = conversations;
        this.feedback = feedback;
        this.connections = connections;
        this.metrics = metrics;
    }

    /** Blocks until the answer has ended and its last post has gone out; returns the number of posts. */
    public int run(WorkerRequest request, long remainingMs) throws InterruptedException {
        PipelineSettings settings = PipelineSettings.defaults().withCoalesceWindowMs(COALESCE_MS)
                .withAnswerTimeoutMs(Math.max(1_000, remainingMs - DEADLINE_MARGIN_MS));
        AnswerPipeline pipeline = new AnswerPipeline(vertx, backend, settings, prices, metrics, conversations, feedback);
        try {
            AnswerPipeline.RunningAnswer[] running = new AnswerPipeline.RunningAnswer[1];
            ConnectionsSink sink = new ConnectionsSink(connections, request.connectionId(), () -> {
                Log.info(LOG, "the visitor left; stopping the answer", "answerId", request.answerId(),
                        "connectionId", request.connectionId());
                running[0].cancel().run();
            }, frame -> recordEnd(request, frame));
            // The route handler has checked the session is one the server assigned; its turns are read here.
            var history = conversations.turns(request.sessionId()).orElse(List.of());
            running[0] = pipeline.answer(new AgentRequest(request.answerId(), request.sessionId(), request.question(),
                    history), sink, request.connectionId());
            var ended = running[0].ended().toCompletionStage().toCompletableFuture();
            while (!ended.isDone()) {
                try {
                    ended.get(CANCEL_CHECK_MS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillRunning) {
                    if (state.cancelRequested(request.connectionId(), request.answerId())) {
                        running[0].cancel().run();
                    }
                } catch (ExecutionException e) {
                    throw new IllegalStateException("an answer always ends with done or error", e);
                }
            }
            sink.drained().join();
            metrics.postsPerAnswer(sink.posts());
            Log.info(LOG, "answer delivered", "answerId", request.answerId(), "connectionId", request.connectionId(),
                    "posts", sink.posts());
            return sink.posts();
        } finally {
            state.answerEnded(request.connectionId(), request.answerId());
            pipeline.close();
        }
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
