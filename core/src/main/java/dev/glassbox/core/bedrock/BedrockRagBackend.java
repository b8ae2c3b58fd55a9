package dev.glassbox.core.bedrock;

import dev.glassbox.core.agent.AgentBackend;
import dev.glassbox.core.agent.AgentListener;
import dev.glassbox.core.agent.AgentRequest;
import dev.glassbox.core.agent.AgentStream;
import io.vertx.core.Vertx;

/**
 * For accounts without Agents Classic: {@code Retrieve} on a Bedrock knowledge base, then
 * {@code ConverseStream} with the passages in a grounded prompt; usage from the stream's metadata.
 */
public final class BedrockRagBackend implements AgentBackend {
    public static final String NAME = "bedrock-rag";

    private final Vertx vertx;
    private final BedrockClients clients;
    private final BedrockSettings settings;

    public BedrockRagBackend(Vertx vertx, BedrockClients clients, BedrockSettings settings) {
        this.vertx = vertx;
        this.clients = clients;
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String model() {
        return settings.modelId();
    }

    @Override
    public AgentStream answer(AgentRequest request, AgentListener listener) {
        BedrockRagAnswer answer = new BedrockRagAnswer(vertx.getOrCreateContext(), clients, settings, request,
                listener);
        answer.start();
        return answer::cancel;
    }
}
