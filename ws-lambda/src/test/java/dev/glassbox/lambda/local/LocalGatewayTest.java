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
 * What only the cloud path has; the protocol both runtimes share is in {@link LambdaConformanceTest}.
 */
class LocalGatewayTest {
    private static final String HAPPY_TEXT = "Locally it costs nothing [1]. In the cloud: about 5 € a month, 日本 too 😀 [2].";
    /** Short, so that a visitor who does not come back stops the answer within the test's patience. */
    private static final long GRACE_MS = 1_000;
    private static Vertx vertx;
    private static FakeBedrock bedrock;
    private static LocalGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        bedrock = await(FakeBedrock.start(vertx), Duration.ofSeconds(10));
        gateway = await(LocalGateway.start(vertx, 0, FakeBedrockSettings.of(bedrock, Map.of(
                "GLASSBOX_RECONNECT_GRACE_MS", String.valueOf(GRACE_MS)))), Duration.ofSeconds(30));
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
    void aVisitorWhoLeavesMidAnswerAndDoesNotComeBackStopsTheBedrockCall() throws Exception {
        int closedBefore = bedrock.streamsClosedAt.size();
        ProtocolClient client = connect();
        client.ask("left", "scenario:rag-long Take your time");
        JsonObject event;
        do {
            event = client.next();
        } while (!event.getString("type").equals("token"));
        client.close(); // the next post gets 410 Gone; with no resume within the grace, the answer is cancelled
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (bedrock.streamsClosedAt.size() == closedBefore && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(bedrock.streamsClosedAt).hasSizeGreaterThan(closedBefore);
    }

    @Test
    void a200KilobyteAnswerArrivesInPostsOfAtMost32Kilobytes() throws Exception {
        try (ProtocolClient client = connect()) {
            client.ask("huge", "scenario:rag-huge Tell me everything");
            List<JsonObject> events = client.untilEnd("huge");
            StringBuilder text = new StringBuilder();
            for (JsonObject event : events) {
                assertThat(event.encode().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                        .isLessThanOrEqualTo(32 * 1024);
                if (event.getString("type").equals("token")) {
                    text.append(event.getString("text"));
                }
            }
            assertThat(text.toString()).isEqualTo("Glassbox is glass. ".repeat(10526));
            JsonObject done = events.get(events.size() - 1);
            assertThat(done.containsKey("text")).as("over 24 KB the done leaves the text out").isFalse();
            assertThat(events.stream().filter(e -> e.getString("type").equals("token")).count()).isGreaterThan(40);
        }
    }

    @Test
    void aFastStreamIsCoalescedToAtMost20PostsASecond() throws Exception {
        try (ProtocolClient client = connect()) {
            client.ask("fast", "scenario:rag-fast Quick");
            List<ProtocolClient.Received> events = client.untilEndReceived("fast");
            List<Long> tokens = events.stream().filter(r -> r.event().getString("type").equals("token"))
                    .map(ProtocolClient.Received::nanos).toList();
            double seconds = (tokens.get(tokens.size() - 1) - tokens.get(0)) / 1e9;
            assertThat(seconds).as("the model wrote for over a second").isGreaterThan(1.0);
            assertThat((tokens.size() - 1) / seconds).as("token posts per second").isLessThanOrEqualTo(20.5);
        }
    }

    @Test
    void anOriginOffTheListIsRefusedAtConnect() {
        assertThatThrownBy(() -> ProtocolClient.connect(vertx, gateway.port(), "/local", "https://evil.example"))
                .hasMessageContaining("403");
    }

    @Test
    void aQuestionTheWorkerCannotTakeEndsWithARetryableErrorAndFreesItsPlace() throws Exception {
        int closed;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            closed = free.getLocalPort();
        }
        LocalGateway broken = await(LocalGateway.start(vertx, 0, FakeBedrockSettings.of(bedrock, Map.of(
                "GLASSBOX_LAMBDA_ENDPOINT", "http://127.0.0.1:" + closed))), Duration.ofSeconds(30));
        try (ProtocolClient client = ProtocolClient.connect(vertx, broken.port(), "/local", FakeBedrockSettings.ORIGIN)) {
            for (String id : List.of("nw-1", "nw-2", "nw-3")) {
                client.ask(id, "How much does Glassbox cost?");
                JsonObject error = client.untilEnd(id).get(0);
                assertThat(error.getString("code")).as("%s: not busy, no answer is left running", id)
                        .isEqualTo("internal");
                assertThat(error.getBoolean("retryable")).isTrue();
            }
        } finally {
            await(broken.close(), Duration.ofSeconds(10));
        }
    }

    private static ProtocolClient connect() throws Exception {
        return ProtocolClient.connect(vertx, gateway.port(), "/local", FakeBedrockSettings.ORIGIN);
    }
}
