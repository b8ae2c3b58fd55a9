package dev.glassbox.server.paced;

import dev.glassbox.core.agent.AgentBackend;
import dev.glassbox.core.agent.AgentFailure;
import dev.glassbox.core.agent.AgentListener;
import dev.glassbox.core.agent.AgentRequest;
import dev.glassbox.core.agent.AgentStream;
import dev.glassbox.core.agent.Reference;
import dev.glassbox.core.agent.StopReason;
import dev.glassbox.core.agent.TraceStep;
import dev.glassbox.core.agent.Usage;
import dev.glassbox.core.protocol.ErrorCode;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * A load-testing backend, never the default: emits a retrieval and a reasoning step, then tokens at
 * a fixed rate, then a model step, like a model would, so load runs measure the server and not
 * retrieval. Each token carries the time it was emitted ({@link System#nanoTime()}, which is
 * machine-wide on Linux) so a client on the same machine can measure relay latency. A question
 * containing "stall" stops after three tokens and never ends; one containing "fail" fails there.
 */
public final class PacedBackend implements AgentBackend {
    public static final String NAME = "paced";
    private static final int FAULT_AFTER_TOKENS = 3;
    private static final List<Reference> REFERENCES = List.of(
            new Reference("paced.md", "Paced backend › Tokens", "Synthetic passage for load tests.", 0.9,
                    "knowledge/paced.md#tokens"),
            new Reference("paced.md", "Paced backend › Traces", "Another synthetic passage.", 0.7,
                    "knowledge/paced.md#traces"));

    private final Vertx vertx;
    private final int tokensPerAnswer;
    private final long tokenIntervalMs;
    private final String padding;

    /**
     * @param tokensPerSecond tokens each answer emits per second; at most 1,000
     * @param tokenPadding characters added to every token, to send more bytes per token
     */
    public PacedBackend(Vertx vertx, int tokensPerAnswer, int tokensPerSecond, int tokenPadding) {
        this.vertx = vertx;
        this.tokensPerAnswer = tokensPerAnswer;
        this.tokenIntervalMs = Math.max(1, 1_000 / tokensPerSecond);
        this.padding = "x".repeat(tokenPadding);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String model() {
        return "paced-synthetic";
    }

    @Override
    public AgentStream answer(AgentRequest request, AgentListener listener) {
        listener.onTrace(TraceStep.retrieval(request.question(), REFERENCES, 1L));
        listener.onTrace(TraceStep.reasoning("Synthetic reasoning", "The paced backend answers every question alike."));
        boolean stall = request.question().contains("stall");
        boolean fail = request.question().contains("fail");
        long started = System.nanoTime();
        long[] timer = new long[1];
        int[] sent = new int[1];
        timer[0] = vertx.setPeriodic(tokenIntervalMs, t -> {
            if ((stall || fail) && sent[0] == FAULT_AFTER_TOKENS) {
                vertx.cancelTimer(t);
                if (fail) {
                    listener.onFailure(AgentFailure.of(ErrorCode.UPSTREAM_ERROR,
                            "The paced backend failed mid-stream, as asked.", true));
                }
                return;
            }
            listener.onText("t" + System.nanoTime() + padding + " ");
            if (++sent[0] == tokensPerAnswer) {
                vertx.cancelTimer(t);
                Usage usage = new Usage(tokensPerAnswer * 4L, tokensPerAnswer);
                listener.onUsage(usage);
                listener.onTrace(TraceStep.model(model(), usage, (System.nanoTime() - started) / 1_000_000));
                listener.onComplete(StopReason.COMPLETE);
            }
        });
        return () -> vertx.cancelTimer(timer[0]);
    }
}
