package dev.glassbox.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Protocol v1 as a visitor sees it, written once and run against every runtime (the local server,
 * the Lambda behind the local API Gateway) with the same expectations. Every event it reads must also
 * be valid against the published schemas ({@code protocol/schemas/}).
 */
public abstract class ProtocolConformance {
    protected static Vertx clients;

    /** A connection to the runtime under test, from an allowed origin. */
    protected abstract ProtocolClient open() throws Exception;

    /** The same, raw: to send frames no WebSocket library would. */
    protected abstract RawWebSocket openRaw() throws Exception;

    /** A connection whose every event is checked against the published JSON Schemas of protocol v1. */
    protected final ProtocolClient connect() throws Exception {
        return open().checkedAgainst(ProtocolSchemas.get());
    }

    /** A question the runtime answers completely. */
    protected abstract String question();

    /** A question whose answer takes seconds, to cancel or to keep busy. */
    protected abstract String slowQuestion();

    @BeforeAll
    static void startClients() {
        clients = Vertx.vertx();
    }

    @AfterAll
    static void stopClients() throws Exception {
        ProtocolClient.await(clients.close(), java.time.Duration.ofSeconds(10));
    }

    @Test
    void anAskStreamsNumberedEventsFromStartToDone() throws Exception {
        try (ProtocolClient client = connect()) {
            client.ask("conf-1", question());
            List<JsonObject> events = client.untilEnd("conf-1");
            for (int i = 0; i < events.size(); i++) {
                assertThat(events.get(i).getLong("seq")).isEqualTo(i);
                assertThat(events.get(i).getString("id")).isEqualTo("conf-1");
            }
            assertThat(events.get(0).getString("type")).isEqualTo("start");
            assertThat(events.get(0).getString("sessionId")).matches("[0-9a-zA-Z._:-]{2,100}");
            assertThat(events.stream().map(e -> e.getString("type"))).contains("trace", "token");
            JsonObject done = events.get(events.size() - 1);
            assertThat(done.getString("type")).isEqualTo("done");
            assertThat(done.getString("stopReason")).isEqualTo("complete");
            StringBuilder text = new StringBuilder();
            events.stream().filter(e -> e.getString("type").equals("token")).forEach(e -> text.append(e.getString("text")));
            assertThat(done.getString("text")).isEqualTo(text.toString());
        }
    }

    @Test
    void badInputGetsPreciseErrorsAndTheConnectionGoesOn() throws Exception {
        List<String[]> table = List.of(
                new String[] {"not json", "bad_request"},
                new String[] {"[]", "bad_request"},
                new String[] {"{\"action\":\"dance\"}", "bad_request"},
                new String[] {"{\"action\":\"ask\",\"text\":\"hi\"}", "bad_request"},
                new String[] {"{\"action\":\"ask\",\"id\":\"a b\",\"text\":\"hi\"}", "bad_request"},
                new String[] {"{\"action\":\"ask\",\"id\":\"q\",\"text\":\"  \"}", "bad_request"},
                new String[] {"{\"action\":\"ask\",\"id\":\"q\",\"text\":\"" + "x".repeat(4_001) + "\"}", "too_large"},
                new String[] {"{\"action\":\"ask\",\"id\":\"q\",\"text\":\"bad \\ud800\"}", "bad_request"},
                new String[] {"{\"action\":\"resume\",\"id\":\"q\",\"after\":\"x\"}", "bad_request"});
        try (ProtocolClient client = connect()) {
            for (String[] row : table) {
                client.send(row[0]);
                JsonObject error = client.next();
                assertThat(error.getString("type")).isEqualTo("error");
                assertThat(error.getString("code")).as(row[0].length() > 40 ? row[0].substring(0, 40) : row[0])
                        .isEqualTo(row[1]);
            }
            client.sendBinary(new byte[] {1, 2});
            assertThat(client.next().getString("message")).contains("text frame");
            client.send("{\"action\":\"ping\"}");
            assertThat(client.next().getString("type")).isEqualTo("pong");
        }
    }

    /**
     * RFC 6455 decides what ends a connection: a frame that breaks its framing closes it with 1002, text that is not
     * UTF-8 with 1007, and nothing of such a message is acted on (the ask below is never answered). A message that
     * is only bad protocol v1 (not JSON, binary) gets an error event and the connection goes on (above).
     */
    @Test
    void framesThatBreakWebSocketCloseTheConnectionWithTheRfcsStatus() throws Exception {
        byte[] ping = "{\"action\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream notUtf8 = new java.io.ByteArrayOutputStream();
        notUtf8.writeBytes(("{\"action\":\"ask\",\"id\":\"conf-utf8\",\"text\":\"" + question()).getBytes(StandardCharsets.UTF_8));
        notUtf8.writeBytes(new byte[] {(byte) 0xff, '"', '}'});
        List<Object[]> table = List.of(
                new Object[] {"a continuation of no message", 0x80 | RawWebSocket.CONTINUATION, ping, 1002},
                new Object[] {"a reserved bit set", 0x80 | 0x40 | RawWebSocket.TEXT, ping, 1002},
                new Object[] {"a reserved opcode", 0x80 | 3, ping, 1002},
                new Object[] {"a fragmented ping", RawWebSocket.PING, ping, 1002},
                new Object[] {"an ask that is not UTF-8", 0x80 | RawWebSocket.TEXT, notUtf8.toByteArray(), 1007});
        for (Object[] row : table) {
            try (RawWebSocket raw = openRaw()) {
                assertThat(raw.status()).isEqualTo(101);
                raw.sendRaw((int) row[1], (byte[]) row[2]);
                RawWebSocket.Frame first = raw.read(10_000);
                assertThat(first).as("%s: a close frame", row[0]).isNotNull();
                assertThat(first.opcode()).as("%s: nothing before the close, not %s", row[0], first.text())
                        .isEqualTo(RawWebSocket.CLOSE);
                assertThat(first.closeStatus()).as((String) row[0]).isEqualTo(row[3]);
            }
        }
    }

    @Test
    void feedbackOnAFinishedAnswerIsRecordedAndBadFeedbackIsExplained() throws Exception {
        try (ProtocolClient client = connect()) {
            client.ask("conf-fb", question());
            String sessionId = client.untilEnd("conf-fb").get(0).getString("sessionId");
            JsonObject feedback = new JsonObject().put("action", "feedback").put("id", "conf-fb")
                    .put("sessionId", sessionId).put("verdict", "down").put("comment", "Not what I asked.");
            client.send(feedback);
            JsonObject recorded = client.next();
            assertThat(recorded.getString("type")).isEqualTo("feedback");
            assertThat(recorded.getString("id")).isEqualTo("conf-fb");
            assertThat(recorded.getString("verdict")).isEqualTo("down");
            assertThat(recorded.containsKey("seq")).as("feedback is not part of the answer's stream").isFalse();
            client.send(feedback.copy().put("verdict", "up"));
            assertThat(client.next().getString("verdict")).as("a changed mind replaces the verdict").isEqualTo("up");

            List<Object[]> table = List.of(
                    new Object[] {feedback.copy().put("verdict", "meh"), "bad_request", "\"up\" or \"down\""},
                    new Object[] {feedback.copy().put("comment", "x".repeat(501)), "too_large", "500"},
                    new Object[] {feedback.copy().put("id", "conf-none"), "bad_request", "no finished answer"},
                    new Object[] {feedback.copy().put("sessionId", "s-stranger"), "bad_request", "no finished answer"});
            for (Object[] row : table) {
                client.send((JsonObject) row[0]);
                JsonObject error = client.next();
                assertThat(error.getString("type")).isEqualTo("error");
                assertThat(error.getString("code")).isEqualTo(row[1]);
                assertThat(error.getString("message")).contains((String) row[2]);
            }
        }
    }

    @Test
    void cancelEndsTheAnswerCancelled() throws Exception {
        try (ProtocolClient client = connect()) {
            List<JsonObject> events = askAndCancel(client, "conf-cancel");
            assertThat(events.get(events.size() - 1).getString("stopReason")).isEqualTo("cancelled");
        }
    }

    /** Asks the slow question under {@code id} and cancels it once under way: the answer's events to its end. */
    protected final List<JsonObject> askAndCancel(ProtocolClient client, String id) throws Exception {
        client.ask(id, slowQuestion());
        untilFirstToken(client);
        client.send("{\"action\":\"cancel\",\"id\":\"" + id + "\"}");
        return client.untilEnd(id);
    }

    /** A cancel stops only an answer of the visitor's own: another visitor's id, or none, is a bad request. */
    @Test
    void aCancelOfAnAnswerNotOfThisConnectionIsRefusedAndStopsNothing() throws Exception {
        try (ProtocolClient owner = connect(); ProtocolClient stranger = connect()) {
            stranger.send("{\"action\":\"cancel\",\"id\":\"conf-nobody\"}");
            JsonObject refused = stranger.next();
            assertThat(refused.getString("code")).isEqualTo("bad_request");
            assertThat(refused.getString("id")).isEqualTo("conf-nobody");
            assertThat(refused.getString("message")).contains("no answer 'conf-nobody' to cancel");
            owner.ask("conf-theirs", slowQuestion());
            untilFirstToken(owner);
            stranger.send("{\"action\":\"cancel\",\"id\":\"conf-theirs\"}");
            assertThat(stranger.next().getString("code")).as("another visitor's answer").isEqualTo("bad_request");
            List<JsonObject> rest = owner.untilEnd("conf-theirs");
            assertThat(rest.get(rest.size() - 1).getString("stopReason")).isEqualTo("complete");
        }
    }

    /**
     * A cancel sent right behind its ask stops that answer and is never refused: the cloud's routes may run the two
     * in either order (API Gateway invokes them concurrently), the local server reads them in order.
     */
    @Test
    void aCancelSentRightBehindItsAskStopsThatAnswer() throws Exception {
        try (ProtocolClient client = connect()) {
            for (int i = 0; i < 3; i++) {
                String id = "conf-race" + i;
                client.ask(id, slowQuestion());
                client.send("{\"action\":\"cancel\",\"id\":\"" + id + "\"}");
                List<JsonObject> events = client.untilEnd(id);
                JsonObject end = events.get(events.size() - 1);
                assertThat(end.getString("type")).as(end.encode()).isEqualTo("done");
                assertThat(end.getString("stopReason")).isEqualTo("cancelled");
            }
        }
    }

    /** A cancel that crosses its answer's done on the wire finds nothing to stop: it is ignored, not refused. */
    @Test
    void aCancelOfAnAnswerThatHasJustEndedIsIgnored() throws Exception {
        try (ProtocolClient client = connect()) {
            client.ask("conf-ended", question());
            client.untilEnd("conf-ended");
            client.send("{\"action\":\"cancel\",\"id\":\"conf-ended\"}");
            client.ask("conf-next", question());
            JsonObject event;
            do {
                event = client.next();
                assertThat(event.getString("type")).as(event.encode()).isNotEqualTo("error");
            } while (!"conf-next".equals(event.getString("id")) || !"done".equals(event.getString("type")));
        }
    }

    /** An id names one answer: asked again while its answer runs, it is refused and that answer goes on. */
    @Test
    void anAskWhoseIdNamesAnAnswerStillRunningIsRefused() throws Exception {
        try (ProtocolClient client = connect()) {
            client.ask("conf-twice", slowQuestion());
            untilFirstToken(client);
            client.ask("conf-twice", question());
            JsonObject event;
            do {
                event = client.next();
            } while (event.getString("type").equals("token") || event.getString("type").equals("trace"));
            assertThat(event.getString("type")).as(event.encode()).isEqualTo("error");
            assertThat(event.getString("code")).isEqualTo("bad_request");
            assertThat(event.getString("id")).isEqualTo("conf-twice");
            assertThat(event.getString("message")).contains("use a new id for each question");
            client.send("{\"action\":\"cancel\",\"id\":\"conf-twice\"}");
            List<JsonObject> rest = client.untilEnd("conf-twice");
            assertThat(rest.get(rest.size() - 1).getString("stopReason")).isEqualTo("cancelled");
        }
    }

    /** Reads events until the first token: the answer is under way. */
    private static void untilFirstToken(ProtocolClient client) throws Exception {
        JsonObject event;
        do {
            event = client.next();
        } while (!event.getString("type").equals("token"));
    }

    @Test
    void resumeOnANewConnectionHealsAFinishedAnswer() throws Exception {
        String sessionId;
        String text;
        try (ProtocolClient client = connect()) {
            client.ask("conf-resume", question());
            List<JsonObject> events = client.untilEnd("conf-resume");
            sessionId = events.get(0).getString("sessionId");
            text = events.get(events.size() - 1).getString("text");
        }
        try (ProtocolClient again = connect()) {
            again.send(new JsonObject().put("action", "resume").put("id", "conf-resume").put("sessionId", sessionId)
                    .put("after", 1));
            List<JsonObject> replayed = again.untilEnd("conf-resume");
            JsonObject done = replayed.get(replayed.size() - 1);
            assertThat(done.getString("type")).isEqualTo("done");
            assertThat(done.getString("text")).isEqualTo(text);
            again.send(new JsonObject().put("action", "resume").put("id", "conf-resume").put("sessionId", "s-stranger")
                    .put("after", 1));
            assertThat(again.next().getString("code")).as("another session never gets it").isEqualTo("bad_request");
        }
    }

    @Test
    void resumeOnANewConnectionContinuesARunningAnswer() throws Exception {
        resumesARunningAnswer(this::connect, slowQuestion(), "conf-live");
    }

    /**
     * A visitor who reloads mid-answer: the first connection reads up to the first token and closes;
     * a new one resumes after the last seq it read and gets every later event exactly once, in
     * order, to the final one, whose text is what the tokens of both connections spell.
     */
    public static void resumesARunningAnswer(Connector connector, String slowQuestion, String id) throws Exception {
        List<JsonObject> seen = new java.util.ArrayList<>();
        try (ProtocolClient client = connector.connect()) {
            client.ask(id, slowQuestion);
            do {
                seen.add(client.next());
            } while (!seen.get(seen.size() - 1).getString("type").equals("token"));
        }
        Thread.sleep(1_500); // the answer goes on meanwhile: what it says now reaches no one
        long after = seen.get(seen.size() - 1).getLong("seq");
        try (ProtocolClient again = connector.connect()) {
            again.send(new JsonObject().put("action", "resume").put("id", id)
                    .put("sessionId", seen.get(0).getString("sessionId")).put("after", after));
            List<JsonObject> rest = again.untilEnd(id);
            for (int i = 0; i < rest.size(); i++) {
                assertThat(rest.get(i).getLong("seq")).as("event %d after the resume", i).isEqualTo(after + 1 + i);
            }
            JsonObject done = rest.get(rest.size() - 1);
            assertThat(done.getString("type")).isEqualTo("done");
            assertThat(done.getString("stopReason")).as("not cancelled when the first connection left")
                    .isEqualTo("complete");
            StringBuilder text = new StringBuilder();
            java.util.stream.Stream.concat(seen.stream(), rest.stream()).filter(e -> e.getString("type").equals("token"))
                    .forEach(e -> text.append(e.getString("text")));
            assertThat(text.toString()).isEqualTo(done.getString("text"));
        }
    }

    /** Opens a connection to the runtime under test. */
    @FunctionalInterface
    public interface Connector {
        ProtocolClient connect() throws Exception;
    }

    @Test
    void aSessionContinuesOnlyUnderTheIdTheServerAssigned() throws Exception {
        String assigned;
        try (ProtocolClient client = connect()) {
            client.ask("conf-s1", question());
            assigned = client.untilEnd("conf-s1").get(0).getString("sessionId");
        }
        try (ProtocolClient again = connect()) {
            again.send(new JsonObject().put("action", "ask").put("id", "conf-s2").put("sessionId", assigned)
                    .put("text", question()));
            assertThat(again.untilEnd("conf-s2").get(0).getString("sessionId")).as("a follow-up after a reconnect")
                    .isEqualTo(assigned);
            again.send(new JsonObject().put("action", "ask").put("id", "conf-s3").put("sessionId", "s-made-up")
                    .put("text", question()));
            assertThat(again.untilEnd("conf-s3").get(0).getString("sessionId")).as("an id the server never gave")
                    .isNotEqualTo("s-made-up").isNotEqualTo(assigned).matches("s-[A-Za-z0-9_-]{22}");
        }
    }

    @Test
    void aThirdAnswerInFlightIsBusy() throws Exception {
        try (ProtocolClient client = connect()) {
            client.ask("conf-b1", slowQuestion());
            client.ask("conf-b2", slowQuestion());
            Thread.sleep(300);
            client.ask("conf-b3", slowQuestion());
            JsonObject busy;
            do {
                busy = client.next();
            } while (!"conf-b3".equals(busy.getString("id")));
            assertThat(busy.getString("code")).isEqualTo("busy");
            assertThat(busy.getBoolean("retryable")).isTrue();
            client.send("{\"action\":\"cancel\",\"id\":\"conf-b1\"}");
            client.send("{\"action\":\"cancel\",\"id\":\"conf-b2\"}");
        }
    }

    @Test
    void askingTooFastIsRateLimitedWithARetryTime() throws Exception {
        try (ProtocolClient client = connect()) {
            for (int i = 0; i < 8; i++) {
                client.ask("conf-r" + i, question());
            }
            boolean limited = false;
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
            while (!limited && System.nanoTime() < deadline) {
                JsonObject event = client.next();
                if ("rate_limited".equals(event.getString("code"))) {
                    limited = true;
                    assertThat(event.getLong("retryAfterMs")).isPositive();
                }
            }
            assertThat(limited).isTrue();
        }
    }
}
