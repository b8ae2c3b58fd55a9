package dev.glassbox.server.local;

import dev.glassbox.core.agent.AgentBackend;
import dev.glassbox.core.agent.AgentFailure;
import dev.glassbox.core.agent.AgentListener;
import dev.glassbox.core.agent.AgentRequest;
import dev.glassbox.core.agent.AgentStream;
import dev.glassbox.core.protocol.ErrorCode;
import io.vertx.core.Vertx;

/**
 * The embedded agent: hybrid retrieval over the knowledge folder, then an extractive answer
 * streamed word by word with {@code [n]} citations. Needs no account and no network.
 */
public final class LocalAgentBackend implements AgentBackend {
    public static final String NAME = "local";
    public static final String MODEL = "extractive-composer";

    private final Vertx vertx;
    private final KnowledgeBase knowledge;
    private final long paceMs;

    /** @param paceMs pause between streamed words, so streaming looks as it would from a model; 0 = none */
    public LocalAgentBackend(Vertx vertx, KnowledgeBase knowledge, long paceMs) {
        this.vertx = vertx;
        this.knowledge = knowledge;
        this.paceMs = paceMs;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public AgentStream answer(AgentRequest request, AgentListener listener) {
        KnowledgeIndex index = knowledge.current();
        if (index == null) {
            listener.onFailure(new AgentFailure(ErrorCode.BUSY,
                    "The knowledge base is still being indexed; ask again in a few seconds.", true, 2_000L));
            return () -> { };
        }
        LocalAnswer answer = new LocalAnswer(vertx, index, request.question(), listener, paceMs);
        vertx.executeBlocking(() -> knowledge.retrieve(index, request.question()), false)
                .onComplete(retrieval -> {
                    if (retrieval.succeeded()) {
                        answer.compose(retrieval.result());
                    } else {
                        answer.fail(retrieval.cause());
                    }
                });
        return answer::cancel;
    }
}
