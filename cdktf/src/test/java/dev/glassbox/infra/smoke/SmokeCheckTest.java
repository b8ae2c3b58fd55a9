package dev.glassbox.infra.smoke;

import static dev.glassbox.core.testing.ProtocolClient.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.core.bedrock.fake.FakeBedrock;
import dev.glassbox.lambda.local.LocalGateway;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deploy's smoke check against the cloud path on this machine: the real route handler and
 * stream worker behind the local API Gateway, answering with bedrock-rag from the fake Bedrock.
 */
class SmokeCheckTest {
    private static final String ORIGIN = "https://site.example";
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
                "GLASSBOX_ALLOWED_ORIGINS", ORIGIN)), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() throws Exception {
        await(gateway.close(), Duration.ofSeconds(10));
        await(bedrock.close(), Duration.ofSeconds(10));
        await(vertx.close(), Duration.ofSeconds(10));
    }

    /** The gateway refuses other origins at connect, so passing also proves the page's origin was sent. */
    @Test
    void passesOnAGroundedCitedAnswerAskedFromThePagesOrigin() throws Exception {
        JsonNode done = SmokeCheck.ask(url(), ORIGIN, "What does it cost?", Duration.ofSeconds(30));
        assertThat(done.path("text").asText()).contains("[1]");
        assertThat(done.path("citations").size()).isPositive();
    }

    @Test
    void failsWhenTheKnowledgeBaseFindsNothingThoughAnAnswerArrives() {
        assertThatThrownBy(() -> SmokeCheck.ask(url(), ORIGIN, "What does it cost? scenario:rag-empty-knowledge",
                Duration.ofSeconds(30))).hasMessageContaining("no retrieval step with a reference");
    }

    @Test
    void failsOnAnErrorEvent() {
        assertThatThrownBy(() -> SmokeCheck.ask(url(), ORIGIN, "scenario:rag-throttled-always", Duration.ofSeconds(30)))
                .hasMessageContaining("the answer failed: upstream_throttled");
    }

    private static URI url() {
        return URI.create("ws://127.0.0.1:" + gateway.port() + "/local");
    }
}
