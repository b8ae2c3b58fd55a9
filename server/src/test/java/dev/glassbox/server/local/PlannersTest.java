package dev.glassbox.server.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.agent.AgentFailure;
import dev.glassbox.core.agent.AgentListener;
import dev.glassbox.core.agent.Citation;
import dev.glassbox.core.agent.StopReason;
import dev.glassbox.core.agent.TraceStep;
import dev.glassbox.core.agent.Usage;
import dev.glassbox.core.protocol.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The planners' queue: bounded, first come first served, and nothing it accepted is lost. */
class PlannersTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private Vertx vertx;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aFullQueueRefusesTheNextTaskAtOnceAndFinishesEveryTaskItTook() throws Exception {
        Planners planners = new Planners(vertx, "planners-full", 1, 3);
        List<Future<Integer>> taken = new ArrayList<>();
        taken.add(planners.submit(() -> {
            release.await();
            return 0;
        }));
        taken.add(planners.submit(() -> 1));
        taken.add(planners.submit(() -> 2));

        Future<Integer> refused = planners.submit(() -> 3);
        assertThat(refused.failed()).as("refused at once, not queued").isTrue();
        assertThat(refused.cause()).isInstanceOf(Planners.Full.class).hasMessageContaining("3 tasks");
        assertThat(planners.admitted()).isEqualTo(3);

        release.countDown();
        for (int i = 0; i < taken.size(); i++) {
            assertThat(await(taken.get(i))).isEqualTo(i);
        }
        assertThat(planners.admitted()).as("finished tasks free their places").isZero();
        assertThat(await(planners.submit(() -> 4))).isEqualTo(4);
    }

    @Test
    void whatWaitsForTheQueueRunsOnlyAfterEveryTaskSubmittedBeforeIt() throws Exception {
        Planners planners = new Planners(vertx, "planners-order", 1, 10);
        List<String> order = new CopyOnWriteArrayList<>();
        planners.submit(() -> {
            release.await();
            order.add("first");
            return null;
        });
        planners.submit(() -> order.add("second"));
        CompletableFuture<Void> after = new CompletableFuture<>();
        planners.afterWaiting(() -> {
            order.add("after");
            after.complete(null);
        });
        assertThat(order).as("still waiting behind the first task").isEmpty();

        release.countDown();
        after.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(order).containsExactly("first", "second", "after");
    }

    @Test
    void whatWaitsForAFullQueueRunsAtOnceInsteadOfJoiningIt() {
        Planners planners = new Planners(vertx, "planners-full-wait", 1, 1);
        planners.submit(() -> {
            release.await();
            return null;
        });
        List<String> ran = new ArrayList<>();
        planners.afterWaiting(() -> ran.add("after"));
        assertThat(ran).containsExactly("after");
        assertThat(planners.admitted()).isEqualTo(1);
    }

    @Test
    void aQuestionThePlannersHaveNoRoomForIsToldToAskAgainLater() throws Exception {
        Planners planners = new Planners(vertx, "planners-busy", 1, 1);
        planners.submit(() -> {
            release.await();
            return null;
        });
        CompletableFuture<AgentFailure> failure = new CompletableFuture<>();
        FailureListener listener = new FailureListener(failure);
        new LocalAnswer(vertx, planners, listener, 0).start(steps -> {
            throw new AssertionError("a refused question is never planned");
        });
        AgentFailure busy = failure.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(busy.code()).isEqualTo(ErrorCode.BUSY);
        assertThat(busy.retryable()).isTrue();
        assertThat(busy.retryAfterMs()).isPositive();
        assertThat(busy.message()).contains("ask again");
        assertThat(listener.texts()).isEmpty();
    }

    @Test
    void aPlanThatThrowsEndsTheAnswerAtOnceWithAnInternalError() throws Exception {
        Planners planners = new Planners(vertx, "planners-throws", 1, 10);
        CompletableFuture<AgentFailure> failure = new CompletableFuture<>();
        new LocalAnswer(vertx, planners, new FailureListener(failure), 0).start(steps -> {
            throw new IndexOutOfBoundsException("a passage with nothing quotable");
        });
        AgentFailure internal = failure.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(internal.code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(internal.message()).isEqualTo("The local agent failed while answering.");
    }

    @Test
    void aPlanThatFailsWhileStreamingEndsTheAnswerAtOnceAfterTheTextSent() throws Exception {
        Planners planners = new Planners(vertx, "planners-stream-throws", 1, 10);
        List<String> texts = new CopyOnWriteArrayList<>();
        CompletableFuture<AgentFailure> failure = new CompletableFuture<>();
        // The second piece cannot be read, as the list of a plan cut short by a bug.
        List<AnswerPlan.Piece> pieces = new AbstractList<>() {
            @Override
            public AnswerPlan.Piece get(int index) {
                if (index > 0) {
                    throw new IndexOutOfBoundsException(index);
                }
                return new AnswerPlan.Piece("First", null);
            }

            @Override
            public int size() {
                return 3;
            }
        };
        new LocalAnswer(vertx, planners, new FailureListener(texts, failure), 0)
                .start(steps -> new AnswerPlan(pieces, new Usage(0, 3)));
        AgentFailure internal = failure.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(internal.code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(texts).containsExactly("First");
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Records the text streamed and how an answer failed; any other event fails the test. */
    private record FailureListener(List<String> texts, CompletableFuture<AgentFailure> failure)
            implements AgentListener {
        FailureListener(CompletableFuture<AgentFailure> failure) {
            this(new CopyOnWriteArrayList<>(), failure);
        }

        @Override
        public void onText(String delta) {
            texts.add(delta);
        }

        @Override
        public void onTrace(TraceStep step) {
            failure.completeExceptionally(new AssertionError("trace: " + step));
        }

        @Override
        public void onCitation(Citation citation) {
            failure.completeExceptionally(new AssertionError("citation: " + citation));
        }

        @Override
        public void onUsage(Usage usage) {
            failure.completeExceptionally(new AssertionError("usage: " + usage));
        }

        @Override
        public void onComplete(StopReason reason) {
            failure.completeExceptionally(new AssertionError("complete: " + reason));
        }

        @Override
        public void onFailure(AgentFailure agentFailure) {
            failure.complete(agentFailure);
        }
    }
}
