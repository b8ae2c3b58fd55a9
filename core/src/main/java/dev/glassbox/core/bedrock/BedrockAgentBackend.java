package dev.glassbox.core.bedrock;

import dev.glassbox.core.agent.AgentBackend;
import dev.glassbox.core.agent.AgentListener;
import dev.glassbox.core.agent.AgentRequest;
import dev.glassbox.core.agent.AgentStream;
import io.vertx.core.Vertx;

/**
 * A Bedrock Agent (Agents Classic) through {@code InvokeAgent}, with its traces on and its final
 * response streamed; the agent's traces become the answer's trace steps.
 */
public final class BedrockAgentBackend implements AgentBackend {
    public static final String NAME = "bedrock-agent";

    private final Vertx vertx;
    private final BedrockClients clients;
    private final BedrockSettings settings;

    public BedrockAgentBackend(Vertx vertx, BedrockClients clients, BedrockSettings settings) {
        this.vertx = vertx;
        this.clients = clients;
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The agent's foundation model when configured, so answers can be priced; otherwise the agent
     * itself, whose traces still name the model of each call.
     */
    @Override
    public String model() {
        return settings.modelId() != null ? settings.modelId() : "agent " + settings.agentId() + "/" + settings.agentAliasId();
    }

    @Override
    public AgentStream answer(AgentRequest request, AgentListener listener) {
        BedrockAgentAnswer answer = new BedrockAgentAnswer(vertx.getOrCreateContext(), clients, settings, request,
                listener);
        answer.start();
        return answer::cancel;
    }
}
