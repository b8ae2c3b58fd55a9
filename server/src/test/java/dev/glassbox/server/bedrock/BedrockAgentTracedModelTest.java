package dev.glassbox.server.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.bedrock.fake.FakeBedrock;
import dev.glassbox.core.testing.ProtocolClient;
import dev.glassbox.server.LocalServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * GLASSBOX_BACKEND=bedrock-agent with no GLASSBOX_MODEL_ID: answers are priced on the model the agent's
 * trace names ({@code foundationModel}), as an id or as the ARN of an inference profile.
 */
class BedrockAgentTracedModelTest {

    @Test
    void theModelTheTraceNamesPricesTheAnswer() throws Exception {
        Vertx vertx = Vertx.vertx();
        FakeBedrock bedrock = LocalServer.await(FakeBedrock.start(vertx), Duration.ofSeconds(10));
        try (LocalServer server = LocalServer.start(LocalServer.KNOWLEDGE, Map.of(
                "GLASSBOX_BACKEND", "bedrock-agent",
                "GLASSBOX_AGENT_ID", "AGENT12345",
                "GLASSBOX_AGENT_ALIAS_ID", "TSTALIASID",
                "GLASSBOX_BEDROCK_AGENT_RUNTIME_ENDPOINT", bedrock.endpoint()))) {
            // Nova Lite's price: $0.06 and $0.24 per million input and output tokens.
            double novaLite = ((300 + 1500 + 200) * 0.06 + (20 + 120 + 30) * 0.24) / 1e6;
            for (String scenario : List.of("agent-happy", "agent-traced-profile")) {
                List<JsonObject> events = ProtocolClient.answer(vertx, server.port(), "scenario:" + scenario + " Cost?");
                assertThat(events.get(0).getString("model")).as("no model configured").startsWith("agent ");
                JsonObject done = events.get(events.size() - 1);
                assertThat(done.getString("type")).isEqualTo("done");
                assertThat(done.getDouble("costUsd")).as(scenario).isCloseTo(novaLite, Offset.offset(1e-12));
                assertThat(done.getString("pricesAsOf")).as(scenario).isNotBlank();
            }
        } finally {
            LocalServer.await(bedrock.close(), Duration.ofSeconds(10));
            LocalServer.await(vertx.close(), Duration.ofSeconds(10));
        }
    }
}
