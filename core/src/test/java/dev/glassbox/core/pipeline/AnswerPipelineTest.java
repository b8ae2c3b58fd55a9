package dev.glassbox.core.pipeline;

import static dev.glassbox.core.pipeline.ScriptedBackend.after;
import static dev.glassbox.core.pipeline.ScriptedBackend.now;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.agent.AgentBackend;
import dev.glassbox.core.agent.AgentFailure;
import dev.glassbox.core.agent.AgentListener;
import dev.glassbox.core.agent.AgentRequest;
import dev.glassbox.core.agent.AgentStream;
import dev.glassbox.core.agent.Citation;
import dev.glassbox.core.agent.Reference;
import dev.glassbox.core.agent.StopReason;
import dev.glassbox.core.agent.TraceStep;
import dev.glassbox.core.agent.Usage;
import dev.glassbox.core.conversation.MemoryConversationStore;
import dev.glassbox.core.cost.PriceTable;
import dev.glassbox.core.feedback.AnsweredQuestion;
import dev.glassbox.core.feedback.FeedbackDesk;
import dev.glassbox.core.feedback.FeedbackEntry;
import dev.glassbox.core.feedback.FeedbackStore;
import dev.glassbox.core.feedback.MemoryFeedbackStore;
import dev.glassbox.core.protocol.ErrorCode;
import dev.glassbox.core.protocol.ProtocolLimits;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pipeline between a backend and a connection, with a scripted backend and a real Vert.x. */
class AnswerPipelineTest {
    private static final Reference SOURCE = new Reference("costs.md", "Costs", "It is cheap.", 0.8, "knowledge/costs.md");

    private Vertx vertx;
    private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void eventsAreNumberedTextIsCoalescedAndDoneCarriesTheWholeAnswer() throws Exception {
        ScriptedBackend backend = new ScriptedBackend(vertx, "amazon.nova-lite-v1:0", List.of(
                now(l -> l.onTrace(TraceStep.retrieval("q", List.of(SOURCE), 7L))),
                after(5, l -> l.onText("It ")),
                now(l -> l.onText("is ")),
                now(l -> l.onText("cheap.")),
                now(l -> l.onCitation(new Citation(0, 0, 12, List.of(SOURCE)))),
                now(l -> l.onUsage(new Usage(1_000_000, 500_000))),
                now(l -> l.onComplete(StopReason.COMPLETE))));
        List<JsonObject> events = ask(backend, PipelineSettings.defaults(), "How much?");

        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).getLong("seq")).isEqualTo(i);
            assertThat(events.get(i).getString("id")).isEqualTo("a1");
        }
        assertThat(types(events)).containsExactly("start", "trace", "token", "token", "citation", "done");
        assertThat(events.get(0).getString("backend")).isEqualTo("scripted");
        assertThat(events.get(0).getString("model")).isEqualTo("amazon.nova-lite-v1:0");
        assertThat(events.get(1).getJsonObject("step").getString("kind")).isEqualTo("retrieval");
        assertThat(events.get(1).getJsonObject("step").getLong("durationMs")).isEqualTo(7);
        assertThat(events.get(2).getString("text")).as("the first text goes out alone, at once").isEqualTo("It ");
        assertThat(events.get(3).getString("text")).as("the rest is coalesced").isEqualTo("is cheap.");

        JsonObject done = events.get(5);
        assertThat(done.getString("text")).isEqualTo("It is cheap.");
        assertThat(done.getJsonArray("citations").getJsonObject(0).getJsonObject("span").getInteger("end")).isEqualTo(12);
        assertThat(done.getJsonObject("usage").getLong("inputTokens")).isEqualTo(1_000_000);
        assertThat(done.getDouble("costUsd")).isEqualTo(0.06 + 0.12, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(done.getString("stopReason")).isEqualTo("complete");
        JsonObject timings = done.getJsonObject("timings");
        assertThat(timings.getLong("firstTokenMs")).isBetween(0L, timings.getLong("totalMs"));
    }

    @Test
    void withoutACoalescingWindowEveryDeltaIsItsOwnEvent() throws Exception {
        ScriptedBackend backend = new ScriptedBackend(vertx, "m", List.of(
                now(l -> l.onText("a")), now(l -> l.onText("b")), now(l -> l.onText("c")),
                now(l -> l.onComplete(StopReason.COMPLETE))));
        List<JsonObject> events = ask(backend, PipelineSettings.defaults().withCoalesceWindowMs(0), "q");
        assertThat(types(events)).containsExactly("start", "token", "token", "token", "done");
        assertThat(events.get(4).getValue("costUsd")).as("unknown model: price unknown").isNull();
    }

    @Test
    void hugeTextIsSplitIntoTokenEventsThatEachFitAFrame() throws Exception {
        String huge = "é\"\u0001".repeat(6_000) + "😀".repeat(3_000);
        ScriptedBackend backend = new ScriptedBackend(vertx, "m", List.of(
                now(l -> l.onText("x")), now(l -> l.onText(huge)), now(l -> l.onComplete(StopReason.COMPLETE))));
        List<JsonObject> events = ask(backend, PipelineSettings.defaults(), "q");
        StringBuilder text = new StringBuilder();
        for (JsonObject event : events) {
            assertThat(event.encode().getBytes(StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(ProtocolLimits.MAX_FRAME_BYTES);
            if (event.getString("type").equals("token")) {
                text.append(event.getString("text"));
            }
        }
        assertThat(text.toString()).isEqualTo("x" + huge);
        JsonObject done = events.get(events.size() - 1);
        assertThat(done.containsKey("text")).as("a done over 24 KB leaves the text out").isFalse();
    }

    @Test
    void anAnswerLongerThanItsReplayLimitStillEndsWithItsWholeText() throws Exception {
        List<ScriptedBackend.Step> steps = new ArrayList<>();
        StringBuilder whole = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            String token = "t" + i + " ";
            whole.append(token);
            steps.add(now(l -> l.onText(token)));
        }
        steps.add(now(l -> l.onComplete(StopReason.COMPLETE)));
        PipelineSettings keepsFive = new PipelineSettings(0, 2, 5, 3_000, 20, 1_000, 120_000, 5, 300_000, 100,
                1 << 20, 30_000);
        List<JsonObject> events = ask(new ScriptedBackend(vertx, "m", steps), keepsFive, "q");
        assertThat(events).hasSize(22);
        assertThat(events.get(21).getString("text")).isEqualTo(whole.toString());
    }

    @Test
    void cancelEndsTheAnswerAtOnceAndStopsTheBackend() throws Exception {
        ScriptedBackend backend = new ScriptedBackend(vertx, "m", List.of(
                now(l -> l.onText("Thinking")),
                after(60_000, l -> l.onText(" too late")),
                now(l -> l.onComplete(StopReason.COMPLETE))));
        AnswerPipeline pipeline = pipeline(backend, PipelineSettings.defaults());
        ConnectionHandler connection = connect(pipeline);
        onContext(connection, () -> connection.onText(ask("c1", "q")));
        assertThat(next().getString("type")).isEqualTo("start");
        assertThat(next().getString("text")).isEqualTo("Thinking");

        long sent = System.nanoTime();
        onContext(connection, () -> connection.onText("{\"action\":\"cancel\",\"id\":\"c1\"}"));
        JsonObject done = next();
        long elapsedMs = (System.nanoTime() - sent) / 1_000_000;
        assertThat(done.getString("type")).isEqualTo("done");
        assertThat(done.getString("stopReason")).isEqualTo("cancelled");
        assertThat(done.getString("text")).isEqualTo("Thinking");
        assertThat(backend.cancelled).isTrue();
        assertThat(elapsedMs).as("ms from cancel to done, far below the backend's 60 s").isLessThan(5_000);
        assertThat(frames.poll(200, TimeUnit.MILLISECONDS)).as("nothing after done").isNull();
    }

    @Test
    void aFailureMidStreamKeepsTheTextSentAndEndsWithAnError() throws Exception {
        ScriptedBackend backend = new ScriptedBackend(vertx, "m", List.of(
                now(l -> l.onText("Half an ")),
                now(l -> l.onText("answer")),
                now(l -> l.onFailure(new AgentFailure(ErrorCode.UPSTREAM_THROTTLED, "The model is busy.", true, 2_000L))),
                now(l -> l.onText(" ignored")),
                now(l -> l.onComplete(StopReason.COMPLETE))));
        List<JsonObject> events = ask(backend, PipelineSettings.defaults(), "q");
        assertThat(types(events)).containsExactly("start", "token", "token", "error");
        JsonObject error = events.get(3);
        assertThat(error.getString("code")).isEqualTo("upstream_throttled");
        assertThat(error.getBoolean("retryable")).isTrue();
        assertThat(error.getLong("retryAfterMs")).isEqualTo(2_000);
        assertThat(error.getLong("seq")).isEqualTo(3);
        assertThat(frames.poll(100, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aStalledBackendHitsTheAnswerTimeout() throws Exception {
        ScriptedBackend backend = new ScriptedBackend(vertx, "m", List.of(now(l -> l.onText("Hmm"))));
        List<JsonObject> events = ask(backend, PipelineSettings.defaults().withAnswerTimeoutMs(200), "q");
        JsonObject error = events.get(events.size() - 1);
        assertThat(error.getString("code")).isEqualTo("timeout");
        assertThat(error.getBoolean("retryable")).isTrue();
        assertThat(backend.cancelled).isTrue();
    }

    @Test
    void anEventThatCannotBeSentEndsTheAnswerWithAnInternalErrorNotACrash() throws Exception {
        // A plain Object has no JSON form: encoding this step throws inside the pipeline.
        ScriptedBackend backend = new ScriptedBackend(vertx, "m", List.of(
                now(l -> l.onTrace(new TraceStep(TraceStep.Kind.TOOL, "t", null, Map.of("input", new Object()))))));
        List<JsonObject> events = ask(backend, PipelineSettings.defaults(), "q");
        JsonObject error = events.get(events.size() - 1);
        assertThat(error.getString("code")).isEqualTo("internal");
        assertThat(error.getString("message")).isEqualTo("Something went wrong while answering.");
    }

    @Test
    void anAnswerLeftByItsConnectionIsCancelledUnlessResumedInTime() throws Exception {
        ScriptedBackend orphaned = new ScriptedBackend(vertx, "m", List.of(now(l -> l.onText("Still ")),
                after(60_000, l -> l.onComplete(StopReason.COMPLETE))));
        ConnectionHandler left = connect(pipeline(orphaned, PipelineSettings.defaults().withOrphanGraceMs(100)));
        onContext(left, () -> left.onText(ask("o1", "q")));
        next();
        next();
        onContext(left, left::onClose);
        Thread.sleep(400);
        assertThat(orphaned.cancelled).as("nobody came back for it").isTrue();

        ScriptedBackend resumed = new ScriptedBackend(vertx, "m", List.of(now(l -> l.onText("Still ")),
                after(60_000, l -> l.onComplete(StopReason.COMPLETE))));
        AnswerPipeline pipeline = pipeline(resumed, PipelineSettings.defaults().withOrphanGraceMs(300));
        ConnectionHandler first = connect(pipeline);
        onContext(first, () -> first.onText(ask("o2", "q")));
        String sessionId = next().getString("sessionId");
        next();
        onContext(first, first::onClose);
        ConnectionHandler second = connect(pipeline);
        onContext(second, () -> second.onText(new JsonObject().put("action", "resume").put("id", "o2")
                .put("sessionId", sessionId).put("after", 1).encode()));
        Thread.sleep(600);
        assertThat(resumed.cancelled).as("a visitor resumed it in time").isFalse();
    }

    @Test
    void resumesAreRateLimitedLikeAsks() throws Exception {
        ScriptedBackend backend = new ScriptedBackend(vertx, "m", List.of(now(l -> l.onText("Hello")),
                now(l -> l.onComplete(StopReason.COMPLETE))));
        ConnectionHandler connection = connect(pipeline(backend, PipelineSettings.defaults().withAskRate(1, 60_000)));
        onContext(connection, () -> connection.onText(ask("r1", "q")));
        JsonObject event;
        do {
            event = next();
        } while (!event.getString("type").equals("done"));
        onContext(connection, () -> connection.onText("{\"action\":\"resume\",\"id\":\"r1\",\"after\":0}"));
        do {
            event = next();
            assertThat(event.getString("type")).as("a resume within the burst").isNotEqualTo("error");
        } while (!event.getString("type").equals("done"));
        onContext(connection, () -> connection.onText("{\"action\":\"resume\",\"id\":\"r1\",\"after\":0}"));
        JsonObject limited = next();
        assertThat(limited.getString("code")).isEqualTo("rate_limited");
        assertThat(limited.getString("id")).isEqualTo("r1");
    }

    @Test
    void aSessionIdIsAssignedOnceAndKeptForTheConnection() throws Exception {
        ScriptedBackend backend = new ScriptedBackend(vertx, "m", List.of(now(l -> l.onComplete(StopReason.COMPLETE))));
        AnswerPipeline pipeline = pipeline(backend, PipelineSettings.defaults());
        ConnectionHandler connection = connect(pipeline);
        onContext(connection, () -> connection.onText(ask("s1", "q")));
        String first = next().getString("sessionId");
        next();
        onContext(connection, () -> connection.onText(ask("s2", "q")));
        assertThat(next().getString("sessionId")).isEqualTo(first).matches(ProtocolLimits.SESSION_ID.pattern());
        assertThat(backend.lastRequest.sessionId()).isEqualTo(first);
    }

    @Test
    void callbacksFromAnotherThreadAndFromTheEventLoopArriveInOrderNoneLostNoneRepeated() throws Exception {
        int half = 500;
        AgentBackend backend = TestBackend.uncancellable((request, listener) -> {
            // On the answer's event loop: an SDK-like thread sends the first half, then the event loop
            // sends the second half while the first may still be queued for it.
            CountDownLatch loopHeld = new CountDownLatch(1);
            CountDownLatch firstHalfSent = new CountDownLatch(1);
            Vertx.currentContext().owner().setTimer(1, t -> {
                loopHeld.countDown();
                await(firstHalfSent);
                for (int i = half; i < 2 * half; i++) {
                    listener.onText(i + " ");
                }
                listener.onComplete(StopReason.COMPLETE);
            });
            new Thread(() -> {
                await(loopHeld);
                for (int i = 0; i < half; i++) {
                    listener.onText(i + " ");
                }
                firstHalfSent.countDown();
            }).start();
        });
        List<JsonObject> events = ask(backend, PipelineSettings.defaults().withCoalesceWindowMs(0), "q");
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 2 * half; i++) {
            expected.append(i).append(' ');
        }
        StringBuilder streamed = new StringBuilder();
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).getLong("seq")).isEqualTo(i);
            if (events.get(i).getString("type").equals("token")) {
                streamed.append(events.get(i).getString("text"));
            }
        }
        assertThat(streamed.toString()).isEqualTo(expected.toString());
        assertThat(events.get(events.size() - 1).getString("text")).isEqualTo(expected.toString());
        assertThat(frames.poll(100, TimeUnit.MILLISECONDS)).as("nothing after done").isNull();
    }

    @Test
    void aBackendThatReportsItsEndWhileBeingCancelledStillEndsWithOneDone() throws Exception {
        AgentBackend backend = new TestBackend((request, listener) -> {
            listener.onText("Working");
            return () -> listener.onComplete(StopReason.COMPLETE);
        });
        AnswerPipeline pipeline = new AnswerPipeline(vertx, backend, PipelineSettings.defaults(), PriceTable.defaults(),
                AnswerMetrics.NONE);
        ConnectionHandler connection = connect(pipeline);
        onContext(connection, () -> connection.onText(ask("c1", "q")));
        assertThat(next().getString("type")).isEqualTo("start");
        assertThat(next().getString("text")).isEqualTo("Working");
        onContext(connection, () -> connection.onText("{\"action\":\"cancel\",\"id\":\"c1\"}"));
        JsonObject done = next();
        assertThat(done.getString("stopReason")).isEqualTo("cancelled");
        assertThat(frames.poll(200, TimeUnit.MILLISECONDS)).as("one end only").isNull();
    }

    @Test
    void aBackendThatOutrunsItsEventLoopFailsItsAnswerInsteadOfQueueingWithoutBound() throws Exception {
        AtomicBoolean stopped = new AtomicBoolean();
        AgentBackend backend = new TestBackend((request, listener) -> {
            CountDownLatch loopHeld = new CountDownLatch(1);
            CountDownLatch flooded = new CountDownLatch(1);
            // The event loop is held while another thread floods it with callbacks.
            Vertx.currentContext().owner().setTimer(1, t -> {
                loopHeld.countDown();
                await(flooded);
            });
            new Thread(() -> {
                await(loopHeld);
                for (int i = 0; i < 3 * Answer.MAX_QUEUED_CALLBACKS && !stopped.get(); i++) {
                    listener.onText("x");
                }
                flooded.countDown();
            }).start();
            return () -> stopped.set(true);
        });
        List<JsonObject> events = ask(backend, PipelineSettings.defaults().withCoalesceWindowMs(0), "q");
        JsonObject error = events.get(events.size() - 1);
        assertThat(error.getString("code")).isEqualTo("internal");
        assertThat(events.size()).isLessThanOrEqualTo(Answer.MAX_QUEUED_CALLBACKS + 2);
        assertThat(stopped).as("upstream told to stop").isTrue();
        assertThat(frames.poll(200, TimeUnit.MILLISECONDS)).as("nothing after the error").isNull();
    }

    /** A backend written inline: {@code start} runs on the answer's event loop, as {@code answer} is called. */
    private record TestBackend(BiFunction<AgentRequest, AgentListener, AgentStream> start) implements AgentBackend {
        /** A backend that ignores cancel. */
        static TestBackend uncancellable(BiConsumer<AgentRequest, AgentListener> start) {
            return new TestBackend((request, listener) -> {
                start.accept(request, listener);
                return () -> { };
            });
        }

        @Override
        public String name() {
            return "test";
        }

        @Override
        public String model() {
            return "m";
        }

        @Override
        public AgentStream answer(AgentRequest request, AgentListener listener) {
            return start.apply(request, listener);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<JsonObject> ask(AgentBackend backend, PipelineSettings settings, String question)
            throws Exception {
        AnswerPipeline pipeline = pipeline(backend, settings);
        ConnectionHandler connection = connect(pipeline);
        onContext(connection, () -> connection.onText(ask("a1", question)));
        List<JsonObject> events = new ArrayList<>();
        JsonObject event;
        do {
            event = next();
            events.add(event);
        } while (!List.of("done", "error").contains(event.getString("type")));
        return events;
    }

    @Test
    void feedbackIsRecordedWithTheAnswerAndADeclinedQuestionReachesTheReport() throws Exception {
        ScriptedBackend backend = new ScriptedBackend(vertx, "m", List.of(
                now(l -> l.onText("It is cheap. [1]")),
                now(l -> l.onCitation(new Citation(0, 0, 12, List.of(SOURCE)))),
                now(l -> l.onComplete(StopReason.GUARDRAIL))));
        MemoryFeedbackStore store = new MemoryFeedbackStore(10, 10);
        AnswerPipeline pipeline = new AnswerPipeline(vertx, backend, PipelineSettings.defaults(), PriceTable.defaults(),
                AnswerMetrics.NONE, new MemoryConversationStore(), store);
        ConnectionHandler connection = connect(pipeline);
        onContext(connection, () -> connection.onText(ask("f1", "How much?")));
        String sessionId = next().getString("sessionId");
        while (!next().getString("type").equals("done")) {
            // the answer streams
        }
        assertThat(store.entries()).extracting(FeedbackEntry::kind, FeedbackEntry::question, FeedbackEntry::sources)
                .as("stopped by a guardrail counts as declined")
                .containsExactly(org.assertj.core.groups.Tuple.tuple("decline", "How much?", List.of("costs.md")));

        String feedback = new JsonObject().put("action", "feedback").put("id", "f1").put("sessionId", sessionId)
                .put("verdict", "down").put("comment", "Too short.").encode();
        onContext(connection, () -> connection.onText(feedback));
        JsonObject recorded = next();
        assertThat(recorded.getString("type")).isEqualTo("feedback");
        assertThat(recorded.getString("id")).isEqualTo("f1");
        assertThat(recorded.getString("verdict")).isEqualTo("down");
        onContext(connection, () -> connection.onText(feedback));
        assertThat(next().getString("type")).as("sent again: recorded again, counted once").isEqualTo("feedback");
        assertThat(store.entries()).filteredOn(e -> e.kind().equals("feedback"))
                .extracting(FeedbackEntry::answer, FeedbackEntry::comment)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("It is cheap. [1]", "Too short."));

        onContext(connection, () -> connection.onText(feedback.replace("\"f1\"", "\"nope\"")));
        JsonObject unknown = next();
        assertThat(unknown.getString("code")).isEqualTo("bad_request");
        assertThat(unknown.getString("message")).contains("no finished answer 'nope'");
    }

    @Test
    void aDeclineForAStoreThatMayBlockIsWrittenOffTheEventLoopBeforeTheDone() throws Exception {
        ScriptedBackend backend = new ScriptedBackend(vertx, "m", List.of(
                now(l -> l.onText("I will not guess.")),
                now(l -> l.onComplete(StopReason.GUARDRAIL))));
        List<Boolean> onEventLoop = new CopyOnWriteArrayList<>();
        MemoryFeedbackStore kept = new MemoryFeedbackStore(10, 10);
        // A store whose writes wait on I/O, as a file's or DynamoDB's do (mayBlock keeps its default).
        FeedbackStore slow = new FeedbackStore() {
            @Override
            public void rememberAnswer(AnsweredQuestion answered) {
                onEventLoop.add(Context.isOnEventLoopThread());
                kept.rememberAnswer(answered);
            }

            @Override
            public Optional<AnsweredQuestion> answer(String sessionId, String answerId) {
                return kept.answer(sessionId, answerId);
            }

            @Override
            public void record(FeedbackEntry entry) {
                onEventLoop.add(Context.isOnEventLoopThread());
                kept.record(entry);
            }

            @Override
            public List<FeedbackEntry> entries() {
                return kept.entries();
            }
        };
        AnswerPipeline pipeline = new AnswerPipeline(vertx, backend, PipelineSettings.defaults(), PriceTable.defaults(),
                AnswerMetrics.NONE, new MemoryConversationStore(), slow);
        ConnectionHandler connection = connect(pipeline);
        onContext(connection, () -> connection.onText(ask("d1", "Who is the mayor of Paris?")));
        while (!next().getString("type").equals("done")) {
            // the answer streams
        }
        assertThat(kept.entries()).as("recorded before the done went out").extracting(FeedbackEntry::kind)
                .containsExactly("decline");
        assertThat(onEventLoop).as("remembered and recorded, never on the event loop").containsExactly(false, false);
    }

    @Test
    void feedbackBeyondTheBurstIsRateLimited() throws Exception {
        AnswerPipeline pipeline = pipeline(new ScriptedBackend(vertx, "m", List.of()), PipelineSettings.defaults());
        ConnectionHandler connection = connect(pipeline);
        String feedback = new JsonObject().put("action", "feedback").put("id", "x").put("sessionId", "s-1")
                .put("verdict", "up").encode();
        for (int i = 0; i < FeedbackDesk.BURST; i++) {
            onContext(connection, () -> connection.onText(feedback));
        }
        for (int i = 0; i < FeedbackDesk.BURST; i++) {
            assertThat(next().getString("code")).isEqualTo("bad_request");
        }
        onContext(connection, () -> connection.onText(feedback));
        JsonObject limited = next();
        assertThat(limited.getString("code")).isEqualTo("rate_limited");
        assertThat(limited.getBoolean("retryable")).isTrue();
        assertThat(limited.getLong("retryAfterMs")).isPositive();
    }

    @Test
    void aNewConnectionDoesNotRefillItsAddresssFeedbackLimit() throws Exception {
        AnswerPipeline pipeline = pipeline(new ScriptedBackend(vertx, "m", List.of()), PipelineSettings.defaults());
        String feedback = new JsonObject().put("action", "feedback").put("id", "x").put("sessionId", "s-1")
                .put("verdict", "up").encode();
        for (int sent = 0; sent < FeedbackDesk.CLIENT_BURST; sent += FeedbackDesk.BURST) {
            ConnectionHandler connection = connect(pipeline);
            for (int i = 0; i < FeedbackDesk.BURST; i++) {
                onContext(connection, () -> connection.onText(feedback));
                assertThat(next().getString("code")).isEqualTo("bad_request");
            }
        }
        ConnectionHandler fresh = connect(pipeline);
        onContext(fresh, () -> fresh.onText(feedback));
        assertThat(next().getString("code")).as("the same address on a new connection").isEqualTo("rate_limited");
    }

    private AnswerPipeline pipeline(AgentBackend backend, PipelineSettings settings) {
        return new AnswerPipeline(vertx, backend, settings, PriceTable.defaults(), AnswerMetrics.NONE);
    }

    /** Called off Vert.x, so each connection gets a fresh context, as each socket would. */
    private ConnectionHandler connect(AnswerPipeline pipeline) {
        return pipeline.connect(frame -> frames.add(new JsonObject(frame)), "test", "127.0.0.1");
    }

    private static void onContext(ConnectionHandler connection, Runnable action) {
        connection.context().runOnContext(v -> action.run());
    }

    private static String ask(String id, String text) {
        return new JsonObject().put("action", "ask").put("id", id).put("text", text).encode();
    }

    private JsonObject next() throws InterruptedException {
        JsonObject frame = frames.poll(10, TimeUnit.SECONDS);
        assertThat(frame).as("a frame within 10 s").isNotNull();
        return frame;
    }

    private static List<String> types(List<JsonObject> events) {
        return events.stream().map(e -> e.getString("type")).toList();
    }
}
