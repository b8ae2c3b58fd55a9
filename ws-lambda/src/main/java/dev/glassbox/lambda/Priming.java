package dev.glassbox.lambda;

import dev.glassbox.core.agent.AgentBackend;
import dev.glassbox.core.agent.AgentListener;
import dev.glassbox.core.agent.AgentRequest;
import dev.glassbox.core.agent.AgentStream;
import dev.glassbox.core.agent.Citation;
import dev.glassbox.core.agent.Reference;
import dev.glassbox.core.agent.StopReason;
import dev.glassbox.core.agent.TraceStep;
import dev.glassbox.core.agent.Usage;
import dev.glassbox.core.cost.PriceTable;
import dev.glassbox.core.pipeline.AnswerMetrics;
import dev.glassbox.core.conversation.Sessions;
import dev.glassbox.core.pipeline.AnswerPipeline;
import dev.glassbox.core.pipeline.PipelineSettings;
import dev.glassbox.core.protocol.ClientMessageParser;
import dev.glassbox.core.protocol.ProtocolException;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart: before the snapshot, runs the hot paths once (protocol parsing, JSON encoding, a whole
 * answer through the pipeline) so the restored function starts warm; after restore, refreshes what
 * must differ between clones. Makes no network call: the SDK clients connect after restore.
 */
final class Priming implements Resource {
    private static final Reference SOURCE = new Reference("costs.md", "Costs", "Cheap.", 0.9, "s3://k/costs.md");

    private final Vertx vertx;

    Priming(Vertx vertx) {
        this.vertx = vertx;
    }

    void register() {
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        Sessions.reseed();
    }

    /** One answer, start to done, through the real pipeline and encoder, from a backend that needs no network. */
    void prime() throws Exception {
        try {
            new ClientMessageParser().parse("{\"action\":\"ask\",\"id\":\"prime\",\"text\":\"Warm up\"}");
        } catch (ProtocolException e) {
            throw new IllegalStateException("a valid ask always parses", e);
        }
        AnswerPipeline pipeline = new AnswerPipeline(vertx, new WarmUpBackend(), PipelineSettings.defaults(),
                PriceTable.defaults(), AnswerMetrics.NONE);
        try {
            pipeline.answer(new AgentRequest("prime", "s-prime", "Warm up"), frame -> { }, "prime").ended()
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            pipeline.close();
        }
    }

    /** Emits every kind of event once. */
    private static final class WarmUpBackend implements AgentBackend {
        @Override
        public String name() {
            return "warm-up";
        }

        @Override
        public String model() {
            return "amazon.nova-lite-v1:0";
        }

        @Override
        public AgentStream answer(AgentRequest request, AgentListener listener) {
            listener.onTrace(TraceStep.retrieval(request.question(), List.of(SOURCE), 1L));
            listener.onText("Glassbox is warm. ");
            listener.onCitation(new Citation(0, 0, 16, List.of(SOURCE)));
            listener.onUsage(new Usage(10, 4));
            listener.onComplete(StopReason.COMPLETE);
            return () -> { };
        }
    }
}
