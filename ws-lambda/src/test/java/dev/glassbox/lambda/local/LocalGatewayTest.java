package dev.glassbox.lambda.local;

import static dev.glassbox.core.testing.ProtocolClient.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.core.bedrock.fake.FakeBedrock;
import dev.glassbox.core.testing.ProtocolClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cloud path on a laptop: the real route handler and stream worker behind the local API
 * Gateway, posting through the real {@code @connections} client and handing off through the real
 * Lambda client, answering with bedrock-rag against the fake Bedrock.
 */
class LocalGatewayTest {
    private static final String HAPPY_TEXT = "Locally it costs nothing [1]. In the cloud: about 5 € a month, 日本 too 😀 [2].";
    private static Vertx vertx;
    private static FakeBedrock bedrock;
    private static LocalGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        bedrock = await(FakeBedrock.start(vertx), Duration.ofSeconds(10));
        gateway = await(LocalGateway.start(vertx, 0, Map.of(
                "GLASSBOX_BACKEND", "bedrock-rag",
                "GLASSBOX_KB_ID", "KB12345678",
                "GLASSBOX_MODEL_ID", "amazon.nova-lite-v1:0",
                "GLASSBOX_BEDROCK_AGENT_RUNTIME_ENDPOINT", bedrock.endpoint(),
                "GLASSBOX_BEDROCK_RUNTIME_ENDPOINT", bedrock.endpoint(),
                "GLASSBOX_ALLOWED_ORIGINS", "https://glassbox.example")), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() throws Exception {
        await(gateway.close(), Duration.ofSeconds(10));
        await(bedrock.close(), Duration.ofSeconds(10));
        await(vertx.close(), Duration.ofSeconds(10));
    }

    @Test
    void anAskIsAnsweredThroughTheHandlerTheWorkerAndConnections() throws Exception {
        try (ProtocolClient client = connect()) {
            client.ask("cloud-1", "How much does Glassbox cost?");
            List<JsonObject> events = client.untilEnd("cloud-1");
            for (int i = 0; i < events.size(); i++) {
                assertThat(events.get(i).getLong("seq")).isEqualTo(i);
            }
            assertThat(events.get(0).getString("backend")).isEqualTo("bedrock-rag");
            JsonObject done = events.get(events.size() - 1);
            assertThat(done.getString("type")).isEqualTo("done");
            assertThat(done.getString("text")).isEqualTo(HAPPY_TEXT);
            assertThat(done.getDouble("costUsd")).isPositive();

            client.send(new JsonObject().put("action", "resume").put("id", "cloud-1")
                    .put("sessionId", events.get(0).getString("sessionId")).put("after", 3));
            JsonObject healed = client.next();
            assertThat(healed.getString("type")).as("a finished answer heals from its kept done").isEqualTo("done");
            assertThat(healed.getString("text")).isEqualTo(HAPPY_TEXT);
        }
    }

    @Test
    void badInputGetsTheSameErrorsAsTheLocalServer() throws Exception {
        try (ProtocolClient client = connect()) {
            client.send("not json");
            JsonObject error = client.next();
            assertThat(error.getString("code")).isEqualTo("bad_request");
            assertThat(error.getString("message")).startsWith("The message is not valid JSON");
            client.send("{\"action\":\"ask\",\"id\":\"q\",\"text\":\"" + "x".repeat(4_001) + "\"}");
            assertThat(client.next().getString("code")).isEqualTo("too_large");
            client.sendBinary(new byte[] {1, 2});
            assertThat(client.next().getString("message")).contains("text frame");
            client.send("{\"action\":\"ping\"}");
            assertThat(client.next().getString("type")).isEqualTo("pong");
        }
    }

    @Test
    void cancelStopsTheWorkersAnswer() throws Exception {
        try (ProtocolClient client = connect()) {
            client.ask("slow", "scenario:rag-slow Take your time");
            JsonObject event;
            do {
                event = client.next();
            } while (!event.getString("type").equals("token"));
            client.send("{\"action\":\"cancel\",\"id\":\"slow\"}");
            List<JsonObject> rest = client.untilEnd("slow");
            assertThat(rest.get(rest.size() - 1).getString("stopReason")).isEqualTo("cancelled");
        }
    }

    @Test
    void aFrameOver32KilobytesClosesTheSocketWith1009AsApiGatewayDoes() throws Exception {
        try (ProtocolClient client = connect()) {
            client.send("{\"action\":\"ping\",\"pad\":\"" + "p".repeat(40 * 1024) + "\"}");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!client.isClosed() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(client.closeStatus()).isEqualTo((short) 1009);
        }
    }

    @Test
    void anOriginOffTheListIsRefusedAtConnect() {
        assertThatThrownBy(() -> ProtocolClient.connect(vertx, gateway.port(), "/local", "https://evil.example"))
                .hasMessageContaining("403");
    }

    private static ProtocolClient connect() throws Exception {
        return ProtocolClient.connect(vertx, gateway.port(), "/local", "https://glassbox.example");
    }
}
