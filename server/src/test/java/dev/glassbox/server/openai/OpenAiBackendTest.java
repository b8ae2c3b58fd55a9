package dev.glassbox.server.openai;

import dev.glassbox.core.testing.ProtocolClient;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.server.LocalServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GLASSBOX_BACKEND=openai against a fake model server that speaks the real SSE protocol. */
class OpenAiBackendTest {
    private static Vertx vertx;
    private static FakeModelServer model;
    private static LocalServer server;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        model = new FakeModelServer(vertx);
        server = LocalServer.start(LocalServer.KNOWLEDGE, Map.of(
                "GLASSBOX_BACKEND", "openai",
                "GLASSBOX_OPENAI_BASE_URL", model.baseUrl(),
                "GLASSBOX_OPENAI_MODEL", "llama3.2",
                "GLASSBOX_OPENAI_API_KEY", "sk-test",
                "GLASSBOX_READ_TIMEOUT_MS", "1000"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        model.close();
        LocalServer.await(vertx.close(), Duration.ofSeconds(10));
    }

    @Test
    void aStreamedAnswerArrivesWithRetrievalCitationsAndUsage() throws Exception {
        List<JsonObject> events = ask("How much does Glassbox cost to run per month?");
        assertThat(types(events)).startsWith("start", "trace").endsWith("trace", "done");
        JsonObject start = events.get(0);
        assertThat(start.getString("backend")).isEqualTo("openai");
        assertThat(start.getString("model")).isEqualTo("llama3.2");
        JsonObject retrieval = events.get(1).getJsonObject("step");
        assertThat(retrieval.getString("kind")).isEqualTo("retrieval");
        assertThat(retrieval.getJsonArray("references").getJsonObject(0).getString("source")).isEqualTo("costs.md");

        String expected = String.join("", FakeModelServer.NORMAL_PIECES);
        StringBuilder streamed = new StringBuilder();
        events.stream().filter(e -> e.getString("type").equals("token")).forEach(e -> streamed.append(e.getString("text")));
        JsonObject done = events.get(events.size() - 1);
        assertThat(streamed.toString()).isEqualTo(expected);
        assertThat(done.getString("text")).isEqualTo(expected);
        assertThat(done.getString("stopReason")).isEqualTo("complete");
        assertThat(done.getJsonObject("usage").getLong("inputTokens")).isEqualTo(321);
        assertThat(done.getJsonObject("usage").getLong("outputTokens")).isEqualTo(17);
        assertThat(done.getValue("costUsd")).as("a local model has no list price").isNull();

        List<JsonObject> citations = events.stream().filter(e -> e.getString("type").equals("citation")).toList();
        assertThat(citations).hasSize(2);
        JsonObject first = citations.get(0).getJsonObject("span");
        assertThat(expected.substring(first.getInteger("start"), first.getInteger("end"))).isEqualTo("Locally it costs nothing");
        assertThat(citations.get(1).getJsonArray("references").getJsonObject(0).getString("uri"))
                .isEqualTo(retrieval.getJsonArray("references").getJsonObject(1).getString("uri"));

        JsonObject modelStep = events.get(events.size() - 2).getJsonObject("step");
        assertThat(modelStep.getString("kind")).isEqualTo("model");
        assertThat(modelStep.getLong("inputTokens")).isEqualTo(321);
        assertThat(modelStep.containsKey("prompt")).as("prompts stay hidden unless verbose").isFalse();

        JsonObject request = model.requests.get(model.requests.size() - 1);
        assertThat(request.getString("model")).isEqualTo("llama3.2");
        assertThat(request.getBoolean("stream")).isTrue();
        assertThat(request.getJsonArray("messages").getJsonObject(1).getString("content"))
                .contains("[1] costs.md").endsWith("Question: How much does Glassbox cost to run per month?");
        assertThat(model.authorizations).contains("Bearer sk-test");
    }

    @Test
    void anErrorStatusBecomesAClearErrorEvent() throws Exception {
        JsonObject error = last(ask("Which model is refused here?"));
        assertThat(error.getString("type")).isEqualTo("error");
        assertThat(error.getString("code")).isEqualTo("upstream_error");
        assertThat(error.getString("message")).contains("HTTP 404").contains("model 'nope' not found");
        assertThat(error.getBoolean("retryable")).isFalse();

        JsonObject throttled = last(ask("Is the model throttled?"));
        assertThat(throttled.getString("code")).isEqualTo("upstream_throttled");
        assertThat(throttled.getBoolean("retryable")).isTrue();
    }

    @Test
    void aDroppedConnectionKeepsThePartialTextOnceAndEndsWithAnError() throws Exception {
        List<JsonObject> events = ask("What if the connection is dropped?");
        assertThat(events.stream().filter(e -> e.getString("type").equals("token")).map(e -> e.getString("text")))
                .containsExactly("Half an answer");
        JsonObject error = last(events);
        assertThat(error.getString("code")).isEqualTo("upstream_error");
        assertThat(error.getBoolean("retryable")).isTrue();
    }

    @Test
    void silenceLongerThanTheReadTimeoutEndsWithATimeout() throws Exception {
        JsonObject error = last(ask("What if the model goes silent?"));
        assertThat(error.getString("code")).isEqualTo("timeout");
        assertThat(error.getString("message")).contains("silent for more than 1 s");
    }

    @Test
    void markersSideBySideAreBothLinkedAndOneNamingNoPassageSentIsDroppedAndCounted() throws Exception {
        List<JsonObject> events = ask("Is it citing its sources?");
        JsonObject done = last(events);
        assertThat(done.getString("text")).isEqualTo("It costs nothing locally [1][2]. Invented.");
        JsonObject retrieval = events.get(1).getJsonObject("step");
        assertThat(done.getJsonArray("citations").stream().map(JsonObject.class::cast)
                .map(c -> c.getJsonObject("span").getInteger("end") + " "
                        + c.getJsonArray("references").getJsonObject(0).getString("uri")))
                .containsExactly("24 " + retrieval.getJsonArray("references").getJsonObject(0).getString("uri"),
                        "24 " + retrieval.getJsonArray("references").getJsonObject(1).getString("uri"));
        JsonObject modelStep = events.get(events.size() - 2).getJsonObject("step");
        assertThat(modelStep.getInteger("invalidCitationsDropped")).isEqualTo(1);
        assertThat(modelStep.getInteger("passagesSent")).isEqualTo(retrieval.getJsonArray("references").size());
    }

    @Test
    void aFollowUpSendsTheEarlierTurnAsMessagesAndIsSearchedWithItsContext() throws Exception {
        try (ProtocolClient client = ProtocolClient.connect(vertx, server.port())) {
            client.ask("first", "How much does Glassbox cost to run per month?");
            String session = client.untilEnd("first").get(0).getString("sessionId");
            client.send(new JsonObject().put("action", "ask").put("id", "second").put("sessionId", session)
                    .put("text", "And in the cloud?"));
            List<JsonObject> events = client.untilEnd("second");
            assertThat(last(events).getString("type")).isEqualTo("done");
            assertThat(events.get(1).getJsonObject("step").getString("query")).as("searched with its context")
                    .isNotEqualTo("And in the cloud?").contains("cloud");
            assertThat(events.get(events.size() - 2).getJsonObject("step").getInteger("earlierTurns")).isEqualTo(1);
        }
        JsonArray messages = model.requests.get(model.requests.size() - 1).getJsonArray("messages");
        assertThat(messages.stream().map(JsonObject.class::cast).map(m -> m.getString("role")))
                .containsExactly("system", "user", "assistant", "user");
        assertThat(messages.getJsonObject(1).getString("content")).isEqualTo("How much does Glassbox cost to run per month?");
        assertThat(messages.getJsonObject(2).getString("content")).as("the answer without its markers")
                .isEqualTo(String.join("", FakeModelServer.NORMAL_PIECES).replace(" [1]", "").replace(" [2]", ""));
        assertThat(messages.getJsonObject(3).getString("content")).endsWith("Question: And in the cloud?");
    }

    @Test
    void aQuestionWithNothingToSearchForIsABadRequestAndNeverReachesTheModel() throws Exception {
        int asked = model.requests.size();
        for (String question : List.of("\uFFFD", "\u200B\u200B", "?!")) {
            JsonObject error = last(ask(question));
            assertThat(error.getString("code")).as(question).isEqualTo("bad_request");
            assertThat(error.getString("message")).contains("no letters or digits");
        }
        assertThat(model.requests).hasSize(asked);
    }

    @Test
    void aRequestThatCannotBeMadeEndsTheAnswerAtOnceWithAnErrorNotATimeout() throws Exception {
        // A port past 65535 passes as a URL but cannot be connected to: the request is never sent. (An API key
        // with a control character did the same until the server refused such a key at start.)
        LocalServer broken = LocalServer.start(LocalServer.KNOWLEDGE, Map.of(
                "GLASSBOX_BACKEND", "openai",
                "GLASSBOX_OPENAI_BASE_URL", "http://127.0.0.1:99999/v1",
                "GLASSBOX_OPENAI_MODEL", "llama3.2",
                "GLASSBOX_OPENAI_API_KEY", "sk-test",
                "GLASSBOX_ANSWER_TIMEOUT_MS", "60000"));
        try {
            long started = System.nanoTime();
            JsonObject error = last(ProtocolClient.answer(vertx, broken.port(), "How much does Glassbox cost?"));
            assertThat(error.getString("code")).isEqualTo("internal");
            assertThat(error.getString("message")).doesNotContain("sk-");
            assertThat((System.nanoTime() - started) / 1_000_000).as("ms, far below the answer timeout")
                    .isLessThan(10_000);
        } finally {
            broken.close();
        }
    }

    private static List<JsonObject> ask(String question) throws Exception {
        return ProtocolClient.answer(vertx, server.port(), question);
    }

    private static JsonObject last(List<JsonObject> events) {
        return events.get(events.size() - 1);
    }

    private static List<String> types(List<JsonObject> events) {
        return events.stream().map(e -> e.getString("type")).toList();
    }
}
