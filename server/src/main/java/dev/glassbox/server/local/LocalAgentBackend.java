package dev.glassbox.server.local;

import dev.glassbox.core.agent.AgentBackend;
import dev.glassbox.core.agent.AgentFailure;
import dev.glassbox.core.agent.AgentListener;
import dev.glassbox.core.agent.AgentRequest;
import dev.glassbox.core.agent.AgentStream;
import dev.glassbox.core.protocol.ErrorCode;
import dev.glassbox.core.rag.StandaloneQuery;
import io.vertx.core.Vertx;

/**
 * The embedded agent: reads the question, searches the knowledge folder (hybrid retrieval), chooses what
 * to quote or declines, then streams an extractive answer word by word with {@code [n]} citations and
 * a trace of every step. Needs no account and no network.
 */
public final class LocalAgentBackend implements AgentBackend {
    public static final String NAME = "local";
    public static final String MODEL = "extractive-composer";

    private final Vertx vertx;
    private final KnowledgeBase knowledge;
    private final long paceMs;
    private final Planners planners;

    /** @param paceMs pause between streamed words, so streaming looks as it would from a model; 0 = none */
    public LocalAgentBackend(Vertx vertx, KnowledgeBase knowledge, long paceMs) {
        this.vertx = vertx;
        this.knowledge = knowledge;
        this.paceMs = paceMs;
        this.planners = new Planners(vertx, "glassbox-planner", Runtime.getRuntime().availableProcessors(),
                Planners.LIMIT);
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
        String question = Understanding.normalise(request.question());
        KnowledgeIndex index = knowledge.current();
        if (index == null) {
            listener.onFailure(new AgentFailure(ErrorCode.BUSY,
                    "The knowledge base is still being indexed; ask again in a few seconds.", true, 2_000L));
            return () -> { };
        }
        // A follow-up is searched as the standalone query the conversation rewrites it into; a first
        // question is searched as asked.
        StandaloneQuery understood = StandaloneQuery.of(question, request.history());
        String previousAnswer = understood.followUp() ? request.history().get(request.history().size() - 1).answer()
                : "";
        LocalAnswer answer = new LocalAnswer(vertx, planners, listener, paceMs);
        answer.start(steps -> AnswerPlan.of(knowledge, index, question, understood, previousAnswer, steps));
        return answer::cancel;
    }
}
