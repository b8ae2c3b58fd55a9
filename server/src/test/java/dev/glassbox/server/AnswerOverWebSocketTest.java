package dev.glassbox.server;

import dev.glassbox.core.testing.ProtocolClient;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Whole answers from the real server and the real local agent, over real WebSockets. */
class AnswerOverWebSocketTest {
    private static LocalServer server;
    private static Vertx clients;

    @BeforeAll
    static void start() throws Exception {
        server = LocalServer.start(LocalServer.KNOWLEDGE, Map.of());
        clients = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        LocalServer.await(clients.close(), java.time.Duration.ofSeconds(10));
    }

    @Test
    void anAskStreamsStartRetrievalTokensCitationsAndDone() throws Exception {
        try (ProtocolClient client = ProtocolClient.connect(clients, server.port())) {
            client.ask("cost-1", "How much does Glassbox cost to run per month?");
            List<JsonObject> events = client.untilEnd("cost-1");

            for (int i = 0; i < events.size(); i++) {
                assertThat(events.get(i).getLong("seq")).as("seq of event %d", i).isEqualTo(i);
            }
            JsonObject start = events.get(0);
            assertThat(start.getString("type")).isEqualTo("start");
            assertThat(start.getString("backend")).isEqualTo("local");
            assertThat(start.getString("model")).isEqualTo("extractive-composer");
            assertThat(start.getString("sessionId")).matches("[0-9a-zA-Z._:-]{2,100}");

            JsonObject retrieval = steps(events, "retrieval").get(0);
            assertThat(retrieval.getString("query")).isEqualTo("How much does Glassbox cost to run per month?");
            JsonArray references = retrieval.getJsonArray("references");
            assertThat(references).isNotEmpty();
            assertThat(references.getJsonObject(0).getString("source")).isEqualTo("costs.md");
            for (Object reference : references) {
                JsonObject r = (JsonObject) reference;
                assertThat(r.getString("excerpt").length()).isLessThanOrEqualTo(600);
                assertThat(r.getDouble("score")).isBetween(-1.0, 1.0);
                assertThat(r.getString("title")).isNotBlank();
            }
            assertThat(steps(events, "understanding")).hasSize(1);
            assertThat(steps(events, "selection")).hasSize(1);
            assertThat(steps(events, "composition")).hasSize(1);
            assertThat(steps(events, "model")).hasSize(1);

            StringBuilder streamed = new StringBuilder();
            events.stream().filter(e -> e.getString("type").equals("token"))
                    .forEach(e -> streamed.append(e.getString("text")));
            JsonObject done = events.get(events.size() - 1);
            assertThat(done.getString("type")).isEqualTo("done");
            assertThat(done.getString("stopReason")).isEqualTo("complete");
            assertThat(done.getString("text")).isEqualTo(streamed.toString()).contains("[1]");
            assertThat(done.getDouble("costUsd")).isEqualTo(0.0);
            assertThat(done.getString("pricesAsOf")).as("the date of the price behind the cost").isEqualTo("2026-11-26");
            assertThat(done.getJsonObject("usage").getLong("outputTokens")).isPositive();
            assertThat(done.getJsonObject("timings").getLong("firstTokenMs"))
                    .isLessThanOrEqualTo(done.getJsonObject("timings").getLong("totalMs"));

            JsonArray citations = done.getJsonArray("citations");
            assertThat(citations).isNotEmpty();
            assertThat(events.stream().filter(e -> e.getString("type").equals("citation")).count())
                    .isEqualTo(citations.size());
            for (Object c : citations) {
                JsonObject citation = (JsonObject) c;
                int from = citation.getJsonObject("span").getInteger("start");
                int to = citation.getJsonObject("span").getInteger("end");
                assertThat(from).isLessThan(to);
                String marker = "[" + (references.stream().map(r -> ((JsonObject) r).getString("uri")).toList()
                        .indexOf(citation.getJsonArray("references").getJsonObject(0).getString("uri")) + 1) + "]";
                assertThat(done.getString("text").substring(to)).as("marker after the cited span").startsWith(" " + marker);
            }
        }
    }

    @Test
    void aQuestionOutsideTheKnowledgeBaseIsAnsweredWithIDontKnow() throws Exception {
        try (ProtocolClient client = ProtocolClient.connect(clients, server.port())) {
            client.ask("off-topic", "What is a good recipe for banana bread with walnuts?");
            List<JsonObject> events = client.untilEnd("off-topic");
            JsonObject done = events.get(events.size() - 1);
            assertThat(done.getString("text")).startsWith("I could not find anything about that");
            assertThat(done.getJsonArray("citations")).isEmpty();
            assertThat(steps(events, "retrieval").get(0).getJsonArray("references")).isNotEmpty();
            assertThat(steps(events, "decline").get(0).getString("reason")).isNotBlank();
        }
    }

    @Test
    void malformedFramesGetPreciseErrorsAndTheSocketKeepsAnswering() throws Exception {
        String tooLong = "x".repeat(4_001);
        List<String[]> table = List.of(
                new String[] {"hello", "bad_request"},
                new String[] {"", "bad_request"},
                new String[] {"[]", "bad_request"},
                new String[] {"\"ask\"", "bad_request"},
                new String[] {"42", "bad_request"},
                new String[] {"null", "bad_request"},
                new String[] {"{}", "bad_request"},
                new String[] {"{\"action\":42}", "bad_request"},
                new String[] {"{\"action\":\"dance\"}", "bad_request"},
                new String[] {"{\"action\":\"ask\",\"text\":\"hi\"}", "bad_request"},
                new String[] {"{\"action\":\"ask\",\"id\":\"\",\"text\":\"hi\"}", "bad_request"},
                new String[] {"{\"action\":\"ask\",\"id\":\"" + "a".repeat(65) + "\",\"text\":\"hi\"}", "bad_request"},
                new String[] {"{\"action\":\"ask\",\"id\":\"a b\",\"text\":\"hi\"}", "bad_request"},
                new String[] {"{\"action\":\"ask\",\"id\":7,\"text\":\"hi\"}", "bad_request"},
                new String[] {"{\"action\":\"ask\",\"id\":\"m1\"}", "bad_request"},
                new String[] {"{\"action\":\"ask\",\"id\":\"m1\",\"text\":\"   \"}", "bad_request"},
                new String[] {"{\"action\":\"ask\",\"id\":\"m1\",\"text\":[\"hi\"]}", "bad_request"},
                new String[] {"{\"action\":\"ask\",\"id\":\"m1\",\"text\":\"" + tooLong + "\"}", "too_large"},
                new String[] {"{\"action\":\"ask\",\"id\":\"m1\",\"text\":\"bad \\ud800 char\"}", "bad_request"},
                new String[] {"{\"action\":\"ask\",\"id\":\"m1\",\"sessionId\":\"x\",\"text\":\"hi\"}", "bad_request"},
                new String[] {"{\"action\":\"ask\",\"id\":\"m1\",\"sessionId\":\"a/b\",\"text\":\"hi\"}", "bad_request"},
                new String[] {"{\"action\":\"ask\",\"id\":\"m1\",\"id\":\"m2\",\"text\":\"hi\"}", "bad_request"},
                new String[] {"{\"action\":\"ping\"} {\"action\":\"ping\"}", "bad_request"},
                new String[] {"[".repeat(100) + "]".repeat(100), "bad_request"},
                new String[] {"{\"action\":\"cancel\"}", "bad_request"},
                new String[] {"{\"action\":\"cancel\",\"id\":\"never-asked\"}", "bad_request"},
                new String[] {"{\"action\":\"resume\",\"id\":\"m1\",\"after\":\"ten\"}", "bad_request"},
                new String[] {"{\"action\":\"resume\",\"id\":\"m1\",\"after\":-5}", "bad_request"},
                new String[] {"{\"action\":\"resume\",\"id\":\"m1\",\"after\":1.5}", "bad_request"},
                new String[] {"{\"action\":\"resume\",\"id\":\"never-asked\",\"after\":3}", "bad_request"},
                new String[] {"{\"action\":\"resume\",\"id\":\"m1\",\"after\":2147483648}", "bad_request"});
        try (ProtocolClient client = ProtocolClient.connect(clients, server.port())) {
            for (String[] row : table) {
                client.send(row[0]);
                JsonObject error = client.next();
                String shown = row[0].length() > 60 ? row[0].substring(0, 60) + "…" : row[0];
                assertThat(error.getString("type")).as("reply to %s", shown).isEqualTo("error");
                assertThat(error.getString("code")).as("code for %s", shown).isEqualTo(row[1]);
                assertThat(error.getString("message")).as("message for %s", shown).isNotBlank().doesNotContain("Exception");
                assertThat(error.getBoolean("retryable")).isFalse();
            }
            client.sendBinary(new byte[] {1, 2, 3});
            JsonObject binary = client.next();
            assertThat(binary.getString("code")).isEqualTo("bad_request");
            assertThat(binary.getString("message")).contains("text frame");

            client.send("{\"action\":\"ping\"}");
            assertThat(client.next().getString("type")).isEqualTo("pong");
            client.ask("after-the-storm", "What is Glassbox?");
            List<JsonObject> events = client.untilEnd("after-the-storm");
            assertThat(events.get(events.size() - 1).getString("type")).isEqualTo("done");
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void anErrorNamesTheAnswerWhenItsIdCouldBeRead() throws Exception {
        try (ProtocolClient client = ProtocolClient.connect(clients, server.port())) {
            client.send("{\"action\":\"ask\",\"id\":\"named\",\"text\":\"\"}");
            JsonObject error = client.next();
            assertThat(error.getString("id")).isEqualTo("named");
            assertThat(error.containsKey("seq")).isFalse();
        }
    }

    @Test
    void fiftyConcurrentSocketsEachGetTheirOwnCompleteAnswer() throws Exception {
        List<String> questions = List.of("How much does Glassbox cost to run per month?",
                "How does resume work after a reconnect?", "Which embedding model does the local agent use?",
                "How is Glassbox tested?", "Why does the pipeline coalesce tokens?");
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = i;
                Callable<String> visitor = () -> {
                    try (ProtocolClient client = ProtocolClient.connect(clients, server.port())) {
                        String id = "visitor-" + n;
                        client.ask(id, questions.get(n % questions.size()));
                        List<JsonObject> events = client.untilEnd(id);
                        StringBuilder text = new StringBuilder();
                        for (int seq = 0; seq < events.size(); seq++) {
                            JsonObject event = events.get(seq);
                            assertThat(event.getString("id")).isEqualTo(id);
                            assertThat(event.getLong("seq")).isEqualTo(seq);
                            if (event.getString("type").equals("token")) {
                                text.append(event.getString("text"));
                            }
                        }
                        JsonObject done = events.get(events.size() - 1);
                        assertThat(done.getString("type")).isEqualTo("done");
                        assertThat(done.getString("text")).isEqualTo(text.toString());
                        return questions.get(n % questions.size()) + "\n" + done.getString("text");
                    }
                };
                results.add(pool.submit(visitor));
            }
            List<String> answers = new ArrayList<>();
            for (Future<String> result : results) {
                answers.add(result.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            // The same question gets the same answer, whoever asks: nothing leaked between sockets.
            for (int i = 0; i < 50; i++) {
                assertThat(answers.get(i)).isEqualTo(answers.get(i % questions.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aForeignOriginIsRefusedAtTheHandshake() throws Exception {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> ProtocolClient.connect(clients, server.port(), "https://evil.example"))
                .hasMessageContaining("403");
        try (ProtocolClient local = ProtocolClient.connect(clients, server.port(), "http://localhost:5173")) {
            local.send("{\"action\":\"ping\"}");
            assertThat(local.next().getString("type")).isEqualTo("pong");
        }
    }

    private static List<JsonObject> steps(List<JsonObject> events, String kind) {
        return events.stream().filter(e -> e.getString("type").equals("trace"))
                .map(e -> e.getJsonObject("step")).filter(s -> s.getString("kind").equals(kind)).toList();
    }
}
