package dev.glassbox.server.bedrock;

import dev.glassbox.core.testing.ProtocolClient;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.bedrock.fake.FakeBedrock;
import dev.glassbox.server.LocalServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * GLASSBOX_TRACE_VERBOSE=true lets the agent's prompt and raw model output into the trace, and only then.
 * With no GLASSBOX_MODEL_ID, answers are priced on the model the agent's trace names.
 */
class VerboseTraceTest {

    @Test
    void verboseTracesCarryThePromptAndTheRawModelOutput() throws Exception {
        Vertx vertx = Vertx.vertx();
        FakeBedrock bedrock = LocalServer.await(FakeBedrock.start(vertx), Duration.ofSeconds(10));
        try (LocalServer server = LocalServer.start(LocalServer.KNOWLEDGE, Map.of(
                "GLASSBOX_BACKEND", "bedrock-agent",
                "GLASSBOX_AGENT_ID", "AGENT12345",
                "GLASSBOX_AGENT_ALIAS_ID", "TSTALIASID",
                "GLASSBOX_BEDROCK_AGENT_RUNTIME_ENDPOINT", bedrock.endpoint(),
                "GLASSBOX_TRACE_VERBOSE", "true"));
             ProtocolClient client = ProtocolClient.connect(vertx, server.port())) {
            client.ask("v", "scenario:agent-happy How much?");
            List<JsonObject> events = client.untilEnd("v");
            JsonObject model = events.stream().filter(e -> e.getString("type").equals("trace"))
                    .map(e -> e.getJsonObject("step")).filter(s -> s.getString("kind").equals("model"))
                    .findFirst().orElseThrow();
            assertThat(model.getString("prompt")).startsWith("SECRET-SYSTEM-PROMPT");
            assertThat(model.getString("rawResponse")).startsWith("SECRET-RAW-OUTPUT");
            assertThat(events.get(0).getString("model")).as("no model configured").isEqualTo("agent AGENT12345/TSTALIASID");
            JsonObject done = events.get(events.size() - 1);
            assertThat(done.getJsonObject("usage").getLong("inputTokens")).isEqualTo(2_000);
            assertThat(done.getDouble("costUsd")).as("priced on the model the agent's trace names, Nova Lite")
                    .isCloseTo((2_000 * 0.06 + 170 * 0.24) / 1e6, org.assertj.core.data.Offset.offset(1e-12));

            client.ask("p", "scenario:agent-traced-profile How much?");
            List<JsonObject> profiled = client.untilEnd("p");
            assertThat(profiled.get(profiled.size() - 1).getDouble("costUsd"))
                    .as("priced when the trace names the model by an inference profile's ARN")
                    .isCloseTo((2_000 * 0.06 + 170 * 0.24) / 1e6, org.assertj.core.data.Offset.offset(1e-12));
        } finally {
            LocalServer.await(bedrock.close(), Duration.ofSeconds(10));
            LocalServer.await(vertx.close(), Duration.ofSeconds(10));
        }
    }
}
