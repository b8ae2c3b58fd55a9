package dev.glassbox.server.openai;

import dev.glassbox.core.agent.AgentBackend;
import dev.glassbox.core.agent.AgentFailure;
import dev.glassbox.core.agent.AgentListener;
import dev.glassbox.core.agent.AgentRequest;
import dev.glassbox.core.agent.AgentStream;
import dev.glassbox.core.protocol.ErrorCode;
import dev.glassbox.core.rag.StandaloneQuery;
import dev.glassbox.server.local.knowledge.KnowledgeBase;
import dev.glassbox.server.local.knowledge.KnowledgeIndex;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;

/**
 * Generation by any OpenAI-compatible chat-completions server (Ollama, llama.cpp server, vLLM)
 * over the local agent's retrieval: the passages go to the model in a grounded prompt and its
 * answer streams back over server-sent events.
 */
public final class OpenAiBackend implements AgentBackend {
    public static final String NAME = "openai";

    private final Vertx vertx;
    private final KnowledgeBase knowledge;
    private final OpenAiSettings settings;
    private final HttpClient http;

    public OpenAiBackend(Vertx vertx, KnowledgeBase knowledge, OpenAiSettings settings) {
        this.vertx = vertx;
        this.knowledge = knowledge;
        this.settings = settings;
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String model() {
        return settings.model();
    }

    @Override
    public AgentStream answer(AgentRequest request, AgentListener listener) {
        KnowledgeIndex index = knowledge.current();
        if (index == null) {
            listener.onFailure(new AgentFailure(ErrorCode.BUSY,
                    "The knowledge base is still being indexed; ask again in a few seconds.", true, 2_000L));
            return () -> { };
        }
        String query = StandaloneQuery.of(request.question(), request.history()).query();
        OpenAiAnswer answer = new OpenAiAnswer(vertx, http, settings, request, query, listener);
        vertx.executeBlocking(() -> knowledge.retrieve(index, query), false).onComplete(retrieval -> {
            if (retrieval.succeeded()) {
                answer.generate(retrieval.result());
            } else {
                listener.onFailure(AgentFailure.of(ErrorCode.INTERNAL, "Searching the knowledge base failed.", true));
            }
        });
        return answer::cancel;
    }
}
