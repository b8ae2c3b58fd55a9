package dev.glassbox.infra;

import static dev.glassbox.core.testing.ProtocolClient.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.bedrock.fake.FakeBedrock;
import dev.glassbox.core.testing.ProtocolClient;
import dev.glassbox.lambda.local.LocalGateway;
import dev.glassbox.lambda.local.StackEnvironment;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cloud path answers with the environment the synthesized stack gives its functions (references
 * replaced by values shaped like AWS's): only the Bedrock endpoints are this machine's, pointing at the
 * fake Bedrock. So the names the stack sets and the names the functions read cannot drift apart unseen.
 */
class AnswersAsDeployedTest {
    @TempDir
    Path dir;

    @Test
    void theStacksGuardrailModelAndOriginAreUsedAndAFollowUpCarriesTheEarlierTurn() throws Exception {
        Files.writeString(dir.resolve("cdk.tf.json"), Synth.stack(Map.of()).toString());
        Map<String, String> worker = StackEnvironment.read(dir).get("worker").environment();
        Vertx vertx = Vertx.vertx();
        try {
            FakeBedrock bedrock = await(FakeBedrock.start(vertx), Duration.ofSeconds(10));
            Map<String, String> env = StackEnvironment.forLocalGateway(dir, Map.of(
                    "GLASSBOX_BEDROCK_AGENT_RUNTIME_ENDPOINT", bedrock.endpoint(),
                    "GLASSBOX_BEDROCK_RUNTIME_ENDPOINT", bedrock.endpoint()));
            LocalGateway gateway = await(LocalGateway.start(vertx, 0, env), Duration.ofSeconds(30));
            String siteOrigin = worker.get("GLASSBOX_ALLOWED_ORIGINS").split(",")[0];
            try (ProtocolClient client = ProtocolClient.connect(vertx, gateway.port(), "/local", siteOrigin)) {
                client.ask("first", "How much does Glassbox cost? as-deployed-first");
                List<JsonObject> first = client.untilEnd("first");
                assertThat(first.get(first.size() - 1).getString("type")).isEqualTo("done");
                assertThat(first.get(0).getString("backend")).isEqualTo(worker.get("GLASSBOX_BACKEND"));
                assertThat(first.get(0).getString("model")).isEqualTo(worker.get("GLASSBOX_MODEL_ID"));
                client.send(new JsonObject().put("action", "ask").put("id", "second")
                        .put("sessionId", first.get(0).getString("sessionId"))
                        .put("text", "And per month? as-deployed-follow-up"));
                List<JsonObject> second = client.untilEnd("second");
                assertThat(second.get(second.size() - 1).getString("type")).isEqualTo("done");
            }
            JsonObject converse = bedrock.requests.get("converse").stream()
                    .filter(r -> r.encode().contains("as-deployed-follow-up")).findFirst().orElseThrow();
            assertThat(converse.getJsonObject("guardrailConfig").getString("guardrailIdentifier"))
                    .isEqualTo(worker.get("GLASSBOX_GUARDRAIL_ID")).isNotBlank();
            assertThat(converse.getJsonObject("guardrailConfig").getString("guardrailVersion"))
                    .isEqualTo(worker.get("GLASSBOX_GUARDRAIL_VERSION")).isNotBlank();
            JsonArray messages = converse.getJsonArray("messages");
            assertThat(messages).as("the earlier question and answer, then the follow-up").hasSize(3);
            assertThat(messages.getJsonObject(0).getJsonArray("content").getJsonObject(0).getString("text"))
                    .isEqualTo("How much does Glassbox cost? as-deployed-first");
            assertThat(bedrock.requests.get("retrieve")).as("the follow-up searched with its context")
                    .anySatisfy(retrieve -> assertThat(retrieve.getJsonObject("retrievalQuery").getString("text"))
                            .contains("as-deployed-follow-up").contains("as-deployed-first"));
            await(gateway.close(), Duration.ofSeconds(10));
            await(bedrock.close(), Duration.ofSeconds(10));
        } finally {
            await(vertx.close(), Duration.ofSeconds(10));
        }
    }
}
