package dev.glassbox.server;

import dev.glassbox.core.testing.ProtocolClient;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cancel, resume, busy and rate limits on a server that streams at a visible pace. */
class StreamingControlTest {
    private static final String LONG_QUESTION = "How does an answer travel through the answer pipeline?";
    private static LocalServer server;
    private static Vertx clients;

    @BeforeAll
    static void start() throws Exception {
        server = LocalServer.start(LocalServer.KNOWLEDGE, Map.of(
                "GLASSBOX_LOCAL_PACE_MS", "15",
                "GLASSBOX_ASK_BURST", "4",
                "GLASSBOX_ASKS_PER_MINUTE", "2"));
        clients = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        LocalServer.await(clients.close(), Duration.ofSeconds(10));
    }

    @Test
    void cancelStopsTheAnswerAtOnceAndEndsItCancelled() throws Exception {
        try (ProtocolClient client = ProtocolClient.connect(clients, server.port())) {
            client.ask("to-stop", LONG_QUESTION);
            JsonObject event;
            do {
                event = client.next();
            } while (!event.getString("type").equals("token"));
            long sent = System.nanoTime();
            client.send("{\"action\":\"cancel\",\"id\":\"to-stop\"}");
            List<JsonObject> rest = client.untilEnd("to-stop");
            long stoppedMs = (System.nanoTime() - sent) / 1_000_000;

            JsonObject done = rest.get(rest.size() - 1);
            assertThat(done.getString("type")).isEqualTo("done");
            assertThat(done.getString("stopReason")).isEqualTo("cancelled");
            assertThat(stoppedMs).as("ms from cancel to done").isLessThan(1_000);
            assertThat(rest).as("events between cancel and done").hasSizeLessThan(10);
            // Nothing follows the done: the backend really stopped.
            Thread.sleep(300);
            client.send("{\"action\":\"ping\"}");
            assertThat(client.next().getString("type")).isEqualTo("pong");
        }
    }

    @Test
    void resumeOnANewSocketReplaysTheMissingEventsWithoutDuplicates() throws Exception {
        String sessionId;
        StringBuilder seen = new StringBuilder();
        long lastSeq = -1;
        ProtocolClient first = ProtocolClient.connect(clients, server.port());
        first.ask("survivor", LONG_QUESTION);
        JsonObject start = first.next();
        sessionId = start.getString("sessionId");
        lastSeq = start.getLong("seq");
        int tokens = 0;
        while (tokens < 5) {
            JsonObject event = first.next();
            lastSeq = event.getLong("seq");
            if (event.getString("type").equals("token")) {
                seen.append(event.getString("text"));
                tokens++;
            }
        }
        first.close(); // the visitor's network drops mid-answer

        try (ProtocolClient second = ProtocolClient.connect(clients, server.port())) {
            second.send(new JsonObject().put("action", "resume").put("id", "survivor")
                    .put("sessionId", sessionId).put("after", lastSeq));
            List<JsonObject> replayed = second.untilEnd("survivor");
            long expected = lastSeq + 1;
            for (JsonObject event : replayed) {
                assertThat(event.getLong("seq")).isEqualTo(expected++);
                if (event.getString("type").equals("token")) {
                    seen.append(event.getString("text"));
                }
            }
            JsonObject done = replayed.get(replayed.size() - 1);
            assertThat(done.getString("stopReason")).isEqualTo("complete");
            assertThat(seen.toString()).isEqualTo(done.getString("text"));
        }
    }

    @Test
    void anotherSessionCannotResumeSomeoneElsesAnswer() throws Exception {
        try (ProtocolClient owner = ProtocolClient.connect(clients, server.port());
             ProtocolClient stranger = ProtocolClient.connect(clients, server.port())) {
            owner.ask("private", "What does Glassbox cost?");
            owner.untilEnd("private");
            stranger.send("{\"action\":\"resume\",\"id\":\"private\",\"after\":-1}");
            JsonObject error = stranger.next();
            assertThat(error.getString("code")).isEqualTo("bad_request");
            stranger.send("{\"action\":\"resume\",\"id\":\"private\",\"sessionId\":\"s-guess\",\"after\":-1}");
            assertThat(stranger.next().getString("code")).isEqualTo("bad_request");
        }
    }

    @Test
    void aThirdAnswerInFlightIsBusyAndAskingTooFastIsRateLimited() throws Exception {
        try (ProtocolClient client = ProtocolClient.connect(clients, server.port())) {
            client.ask("one", LONG_QUESTION);
            client.ask("two", LONG_QUESTION);
            client.ask("three", LONG_QUESTION);
            JsonObject busy = firstOfType(client, "error");
            assertThat(busy.getString("id")).isEqualTo("three");
            assertThat(busy.getString("code")).isEqualTo("busy");
            assertThat(busy.getBoolean("retryable")).isTrue();

            client.send("{\"action\":\"cancel\",\"id\":\"one\"}");
            client.send("{\"action\":\"cancel\",\"id\":\"two\"}");
            client.untilEnd("one");
            client.untilEnd("two");

            client.ask("four", "What is Glassbox?"); // one, two, three (busy) and four use up the burst of 4
            client.untilEnd("four");
            client.ask("five", "What is Glassbox?");
            JsonObject limited = client.untilEnd("five").get(0);
            assertThat(limited.getString("code")).isEqualTo("rate_limited");
            assertThat(limited.getBoolean("retryable")).isTrue();
            assertThat(limited.getLong("retryAfterMs")).isBetween(1L, 30_000L);
        }
    }

    private static JsonObject firstOfType(ProtocolClient client, String type) throws InterruptedException {
        while (true) {
            JsonObject event = client.next();
            if (event.getString("type").equals(type)) {
                return event;
            }
        }
    }
}
