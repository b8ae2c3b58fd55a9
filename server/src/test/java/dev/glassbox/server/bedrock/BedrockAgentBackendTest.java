package dev.glassbox.server.bedrock;

import dev.glassbox.core.testing.ProtocolClient;
import static dev.glassbox.server.bedrock.BedrockRagBackendTest.last;
import static dev.glassbox.server.bedrock.BedrockRagBackendTest.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.bedrock.fake.FakeBedrock;
import dev.glassbox.server.LocalServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GLASSBOX_BACKEND=bedrock-agent through the local server, with the real async SDK client calling
 * InvokeAgent on a fake Bedrock; the scenarios carry traces shaped like AWS's documentation.
 */
class BedrockAgentBackendTest {
    private static Vertx vertx;
    private static FakeBedrock bedrock;
    private static LocalServer server;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        bedrock = LocalServer.await(FakeBedrock.start(vertx), Duration.ofSeconds(10));
        server = LocalServer.start(LocalServer.KNOWLEDGE, Map.of(
                "GLASSBOX_BACKEND", "bedrock-agent",
                "GLASSBOX_AGENT_ID", "AGENT12345",
                "GLASSBOX_AGENT_ALIAS_ID", "TSTALIASID",
                "GLASSBOX_MODEL_ID", "amazon.nova-lite-v1:0",
                "GLASSBOX_BEDROCK_AGENT_RUNTIME_ENDPOINT", bedrock.endpoint(),
                "GLASSBOX_READ_TIMEOUT_MS", "1000"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        LocalServer.await(bedrock.close(), Duration.ofSeconds(10));
        LocalServer.await(vertx.close(), Duration.ofSeconds(10));
    }

    @Test
    void everyTraceKindBecomesItsStepAndTheAnswerCarriesItsCitation() throws Exception {
        List<JsonObject> events = ask("scenario:agent-happy How much does Glassbox cost?", "s-session.1");
        List<JsonObject> steps = events.stream().filter(e -> e.getString("type").equals("trace"))
                .map(e -> e.getJsonObject("step")).toList();
        assertThat(steps).extracting(s -> s.getString("kind")).containsExactly(
                "preprocessing", "model", "reasoning", "retrieval", "tool", "reasoning", "postprocessing");

        JsonObject retrieval = steps.get(3);
        assertThat(retrieval.getString("query")).isEqualTo("Glassbox monthly cost");
        assertThat(retrieval.getJsonArray("references").getJsonObject(0).getString("source")).isEqualTo("knowledge/costs.md");
        assertThat(retrieval.getJsonArray("references").getJsonObject(1).getString("source"))
                .isEqualTo("knowledge/architecture.md");
        JsonObject tool = steps.get(4);
        assertThat(tool.getString("input")).isEqualTo("pricing › estimateMonthlyCost(questionsPerMonth=1000)");
        assertThat(tool.getString("output")).isEqualTo("{\"usd\": 0.4}");
        assertThat(steps.get(1).getString("model")).isEqualTo("amazon.nova-lite-v1:0");
        assertThat(steps.get(5).getString("title")).contains("UNKNOWN_TO_SDK_VERSION");

        JsonObject done = last(events);
        assertThat(done.getString("text")).isEqualTo("Glassbox costs nothing to run locally.");
        assertThat(done.getJsonObject("usage").getLong("inputTokens")).isEqualTo(300 + 1500 + 200);
        assertThat(done.getJsonObject("usage").getLong("outputTokens")).isEqualTo(20 + 120 + 30);
        assertThat(done.getDouble("costUsd")).isPositive();
        JsonObject citation = done.getJsonArray("citations").getJsonObject(0);
        assertThat(citation.getJsonObject("span").getInteger("start")).isZero();
        assertThat(citation.getJsonObject("span").getInteger("end")).isEqualTo(done.getString("text").length());
        assertThat(citation.getJsonArray("references").getJsonObject(0).getString("source")).isEqualTo("knowledge/costs.md");

        String everything = events.toString();
        assertThat(everything).as("prompts and raw output stay hidden").doesNotContain("SECRET");

        JsonObject request = last(bedrock.requests.get("invokeAgent"));
        assertThat(request.getBoolean("enableTrace")).isTrue();
        assertThat(request.getJsonObject("streamingConfigurations").getBoolean("streamFinalResponse")).isTrue();
        assertThat(request.getString("inputText")).startsWith("scenario:agent-happy");
    }

    @Test
    void chunksThatEndInsideMultiByteCharactersAreDecodedWhole() throws Exception {
        List<JsonObject> events = ask("scenario:agent-multibyte Quel est le prix ?", null);
        assertThat(tokens(events)).isEqualTo("Prix : 5 €, 日本語 et 😀.").doesNotContain("\uFFFD");
        assertThat(last(events).getString("text")).isEqualTo("Prix : 5 €, 日本語 et 😀.");
    }

    @Test
    void aGuardrailInterventionIsShownWithItsReasons() throws Exception {
        List<JsonObject> events = ask("scenario:agent-guardrail Which stock should I buy?", null);
        JsonObject guardrail = events.stream().filter(e -> e.getString("type").equals("trace"))
                .map(e -> e.getJsonObject("step")).filter(s -> s.getString("kind").equals("guardrail")).findFirst()
                .orElseThrow();
        assertThat(guardrail.getString("action")).isEqualTo("INTERVENED");
        assertThat(guardrail.getJsonArray("reasons").getString(0)).isEqualTo("denied topic: Investment advice");
        assertThat(last(events).getString("stopReason")).isEqualTo("guardrail");
    }

    @Test
    void aFailureTraceBecomesAFailureStepAndAnError() throws Exception {
        List<JsonObject> events = ask("scenario:agent-failure Think forever", null);
        assertThat(events.stream().filter(e -> e.getString("type").equals("trace"))
                .map(e -> e.getJsonObject("step").getString("kind"))).containsExactly("reasoning", "failure");
        JsonObject error = last(events);
        assertThat(error.getString("code")).isEqualTo("upstream_error");
        assertThat(error.getString("message")).contains("maximum number of iterations");
        assertThat(error.getBoolean("retryable")).isFalse();
    }

    @Test
    void throttlingBeforeTheFirstEventIsRetriedOnce() throws Exception {
        List<JsonObject> events = ask("scenario:agent-throttled-first How much?", null);
        assertThat(last(events).getString("text")).isEqualTo("Glassbox costs nothing to run locally.");
    }

    @Test
    void anExceptionAfterTwoChunksKeepsTheTextOnce() throws Exception {
        List<JsonObject> events = ask("scenario:agent-exception-mid Tell me", null);
        assertThat(tokens(events)).isEqualTo("First. Second. ");
        assertThat(last(events).getString("code")).isEqualTo("upstream_error");
        assertThat(last(events).getBoolean("retryable")).isTrue();
    }

    @Test
    void anErrorFrameOrATruncatedStreamEndsWithARetryableUpstreamError() throws Exception {
        List<JsonObject> errorFrame = ask("scenario:agent-error-frame Tell me", null);
        assertThat(tokens(errorFrame)).isEqualTo("Partial. ");
        assertThat(last(errorFrame).getString("code")).isEqualTo("upstream_error");
        List<JsonObject> truncated = ask("scenario:agent-truncated Tell me", null);
        assertThat(tokens(truncated)).isEqualTo("Cut ");
        assertThat(last(truncated).getString("code")).isEqualTo("upstream_error");
        assertThat(last(truncated).getBoolean("retryable")).isTrue();
    }

    @Test
    void anAgentThinkingLongerThanTheReadTimeoutEndsWithATimeout() throws Exception {
        assertThat(last(ask("scenario:agent-silent Think", null)).getString("code")).isEqualTo("timeout");
    }

    @Test
    void cancelClosesTheInvokeAgentStreamAtOnce() throws Exception {
        BedrockRagBackendTest.assertCancelClosesTheStream(vertx, server, bedrock, "scenario:agent-slow Take your time");
    }

    @Test
    void theServerAssignedSessionIdGoesToTheAgentAndAMadeUpOneNever() throws Exception {
        String assigned = ask("How much?", null).get(0).getString("sessionId");
        ask("And per month?", assigned);
        assertThat(bedrock.sessionIds).contains(assigned);
        ask("What did they ask?", "s-keep.me:1");
        assertThat(bedrock.sessionIds).as("the agent's memory of a guessed session stays closed")
                .doesNotContain("s-keep.me:1");
    }

    private static List<JsonObject> ask(String question, String sessionId) throws Exception {
        try (ProtocolClient client = ProtocolClient.connect(vertx, server.port())) {
            JsonObject ask = new JsonObject().put("action", "ask").put("id", "q").put("text", question);
            if (sessionId != null) {
                ask.put("sessionId", sessionId);
            }
            client.send(ask);
            return client.untilEnd("q");
        }
    }
}
