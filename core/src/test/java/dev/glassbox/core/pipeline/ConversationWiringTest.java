package dev.glassbox.core.pipeline;

import static dev.glassbox.core.pipeline.ScriptedBackend.after;
import static dev.glassbox.core.pipeline.ScriptedBackend.now;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.agent.ConversationTurn;
import dev.glassbox.core.agent.StopReason;
import dev.glassbox.core.conversation.MemoryConversationStore;
import dev.glassbox.core.cost.PriceTable;
import dev.glassbox.core.feedback.MemoryFeedbackStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Asks that carry a session id get that conversation's turns; complete answers become turns. */
class ConversationWiringTest {
    private Vertx vertx;
    private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    private AnswerPipeline pipeline;
    private ScriptedBackend backend;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        backend = new ScriptedBackend(vertx, "m", List.of(
                now(l -> l.onText("Nova Lite costs little.")),
                now(l -> l.onComplete(StopReason.COMPLETE))));
        pipeline = new AnswerPipeline(vertx, backend, PipelineSettings.defaults(), PriceTable.defaults(),
                AnswerMetrics.NONE, new MemoryConversationStore(), new MemoryFeedbackStore(10, 10));
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aFollowUpAfterAReconnectGetsTheEarlierTurn() throws Exception {
        String session = untilEnd(connect(), ask("q1", null, "What does Nova Lite cost?")).get(0).getString("sessionId");
        assertThat(backend.lastRequest.isFollowUp()).isFalse();

        List<JsonObject> second = untilEnd(connect(), ask("q2", session, "And with Claude Sonnet 4?"));
        assertThat(second.get(0).getString("sessionId")).isEqualTo(session);
        assertThat(backend.lastRequest.history())
                .containsExactly(new ConversationTurn("What does Nova Lite cost?", "Nova Lite costs little."));
    }

    @Test
    void aSessionIdTheServerNeverAssignedStartsANewConversation() throws Exception {
        untilEnd(connect(), ask("q1", null, "What does Nova Lite cost?"));
        List<JsonObject> guessed = untilEnd(connect(), ask("q2", "s-guessed", "What did they ask?"));
        assertThat(guessed.get(0).getString("sessionId")).isNotEqualTo("s-guessed").startsWith("s-");
        assertThat(backend.lastRequest.history()).isEmpty();
    }

    @Test
    void aCancelledAnswerIsNotATurn() throws Exception {
        backend = new ScriptedBackend(vertx, "m", List.of(now(l -> l.onText("Half")), after(60_000, l -> { })));
        pipeline = new AnswerPipeline(vertx, backend, PipelineSettings.defaults(), PriceTable.defaults(),
                AnswerMetrics.NONE, new MemoryConversationStore(), new MemoryFeedbackStore(10, 10));
        ConnectionHandler connection = connect();
        connection.context().runOnContext(v -> connection.onText(ask("q1", null, "Tell me")));
        String session = next().getString("sessionId");
        next(); // the first token
        connection.context().runOnContext(v -> connection.onText("{\"action\":\"cancel\",\"id\":\"q1\"}"));
        assertThat(next().getString("stopReason")).isEqualTo("cancelled");
        ConnectionHandler again = connect();
        again.context().runOnContext(v -> again.onText(ask("q2", session, "And then?")));
        assertThat(next().getString("sessionId")).isEqualTo(session);
        assertThat(backend.lastRequest.sessionId()).isEqualTo(session);
        assertThat(backend.lastRequest.history()).isEmpty();
    }

    private List<JsonObject> untilEnd(ConnectionHandler connection, String frame) throws InterruptedException {
        connection.context().runOnContext(v -> connection.onText(frame));
        List<JsonObject> events = new java.util.ArrayList<>();
        JsonObject event;
        do {
            event = next();
            events.add(event);
        } while (!List.of("done", "error").contains(event.getString("type")));
        return events;
    }

    private ConnectionHandler connect() {
        return pipeline.connect(frame -> frames.add(new JsonObject(frame)), "test", "127.0.0.1");
    }

    private static String ask(String id, String sessionId, String text) {
        JsonObject ask = new JsonObject().put("action", "ask").put("id", id).put("text", text);
        if (sessionId != null) {
            ask.put("sessionId", sessionId);
        }
        return ask.encode();
    }

    private JsonObject next() throws InterruptedException {
        JsonObject frame = frames.poll(10, TimeUnit.SECONDS);
        assertThat(frame).as("a frame within 10 s").isNotNull();
        return frame;
    }
}
