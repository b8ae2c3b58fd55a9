package dev.glassbox.server;

import dev.glassbox.core.agent.AgentBackend;
import dev.glassbox.core.bedrock.BedrockAgentBackend;
import dev.glassbox.core.bedrock.BedrockClients;
import dev.glassbox.core.bedrock.BedrockRagBackend;
import dev.glassbox.server.config.ServerConfig;
import dev.glassbox.server.local.knowledge.KnowledgeBase;
import dev.glassbox.server.local.LocalAgentBackend;
import dev.glassbox.server.openai.OpenAiBackend;
import dev.glassbox.server.paced.PacedBackend;
import io.vertx.core.Vertx;

/** The backend GLASSBOX_BACKEND names, built from its settings. */
final class Backends {

    private Backends() {
    }

    static AgentBackend create(Vertx vertx, ServerConfig config, KnowledgeBase knowledge, BedrockClients bedrock) {
        if (config.openAi() != null) {
            return new OpenAiBackend(vertx, knowledge, config.openAi());
        }
        if (config.backend().equals(PacedBackend.NAME)) {
            return new PacedBackend(vertx, config.pacedTokens(), config.pacedTokensPerSecond(),
                    config.pacedTokenPadding());
        }
        if (config.backend().equals(BedrockAgentBackend.NAME)) {
            return new BedrockAgentBackend(vertx, bedrock, config.bedrock());
        }
        if (config.backend().equals(BedrockRagBackend.NAME)) {
            return new BedrockRagBackend(vertx, bedrock, config.bedrock());
        }
        return new LocalAgentBackend(vertx, knowledge, config.localPaceMs());
    }
}
