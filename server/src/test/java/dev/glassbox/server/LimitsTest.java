package dev.glassbox.server;

import dev.glassbox.core.testing.ProtocolClient;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The limits that keep Glassbox up for everyone, on servers running the paced load-test backend. */
class LimitsTest {
    private Vertx clients;
    private LocalServer server;

    @BeforeEach
    void startClients() {
        clients = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        LocalServer.await(clients.close(), Duration.ofSeconds(10));
    }

    private void startServer(Map<String, String> settings) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("GLASSBOX_BACKEND", "paced",
                "GLASSBOX_PACED_TOKENS", "20", "GLASSBOX_PACED_TOKENS_PER_SECOND", "200"));
        env.putAll(settings);
        server = LocalServer.start(LocalServer.KNOWLEDGE, env);
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedAndTheServerStaysBounded() throws Exception {
        startServer(Map.of("GLASSBOX_PACED_TOKENS", "100000", "GLASSBOX_PACED_TOKENS_PER_SECOND", "1000",
                "GLASSBOX_PACED_TOKEN_PADDING", "3000", "GLASSBOX_COALESCE_MS", "0",
                "GLASSBOX_WRITE_QUEUE_BYTES", "65536"));
        WebSocketClient client = clients.createWebSocketClient();
        WebSocket socket = LocalServer.await(client.connect(new WebSocketConnectOptions()
                .setHost("localhost").setPort(server.port()).setURI("/ws")), Duration.ofSeconds(10));
        CompletableFuture<Short> closed = new CompletableFuture<>();
        socket.closeHandler(v -> closed.complete(socket.closeStatusCode()));
        socket.textMessageHandler(text -> { });
        socket.writeTextMessage("{\"action\":\"ask\",\"id\":\"flood\",\"text\":\"Send a lot\"}");
        socket.pause(); // the client stops reading; the server keeps producing 3 MB/s for it
        Thread.sleep(6_000);
        socket.resume();
        assertThat(closed.get(20, TimeUnit.SECONDS)).isIn((short) 1008, (short) 1013);

        try (ProtocolClient other = ProtocolClient.connect(clients, server.port())) {
            other.send("{\"action\":\"ping\"}");
            assertThat(other.next().getString("type")).as("everyone else is still served").isEqualTo("pong");
        }
    }

    @Test
    void aFloodOfAsksIsRateLimitedAndTheSocketSurvives() throws Exception {
        startServer(Map.of("GLASSBOX_ASK_BURST", "5", "GLASSBOX_ASKS_PER_MINUTE", "60"));
        try (ProtocolClient client = ProtocolClient.connect(clients, server.port())) {
            for (int i = 0; i < 50; i++) {
                client.ask("flood-" + i, "question " + i);
            }
            int limited = 0;
            int busy = 0;
            int answered = 0;
            while (limited + busy + answered < 50) {
                JsonObject event = client.next();
                if (event.getString("type").equals("error") && event.getString("code").equals("rate_limited")) {
                    limited++;
                    assertThat(event.getLong("retryAfterMs")).isPositive();
                } else if (event.getString("type").equals("error") && event.getString("code").equals("busy")) {
                    busy++;
                } else if (event.getString("type").equals("done")) {
                    answered++;
                }
            }
            assertThat(answered).isBetween(1, 5);
            assertThat(limited).isGreaterThanOrEqualTo(40);
            client.send("{\"action\":\"ping\"}");
            assertThat(client.next().getString("type")).isEqualTo("pong");
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void oneClientsSocketsShareItsAskRate() throws Exception {
        startServer(Map.of("GLASSBOX_CLIENT_ASK_BURST", "3", "GLASSBOX_CLIENT_ASKS_PER_MINUTE", "1"));
        try (ProtocolClient first = ProtocolClient.connect(clients, server.port());
             ProtocolClient second = ProtocolClient.connect(clients, server.port())) {
            first.ask("a", "one");
            first.untilEnd("a");
            first.ask("b", "two");
            first.untilEnd("b");
            second.ask("c", "three");
            assertThat(second.untilEnd("c").get(0).getString("type")).isEqualTo("start");
            second.ask("d", "four");
            JsonObject limited = second.untilEnd("d").get(0);
            assertThat(limited.getString("code")).isEqualTo("rate_limited");
            assertThat(limited.getLong("retryAfterMs")).isGreaterThan(1_000);
        }
    }

    /**
     * The cap counts sockets in the order the server takes them on, each on its event loop, which may differ from
     * the order their handshakes completed: under load the third socket was once taken on before the first, the
     * first was told busy, and the test waited 20 s for the third's. So each socket is in service (answers a ping)
     * before the next opens; and a closed socket's place is free once the server has seen it close, a moment later.
     */
    @Test
    void socketsBeyondTheCapAreToldBusyAndClosed() throws Exception {
        startServer(Map.of("GLASSBOX_MAX_SOCKETS", "2"));
        try (ProtocolClient first = ProtocolClient.connect(clients, server.port()).inService();
             ProtocolClient second = ProtocolClient.connect(clients, server.port()).inService();
             ProtocolClient third = ProtocolClient.connect(clients, server.port())) {
            JsonObject busy = third.next();
            assertThat(busy.getString("code")).isEqualTo("busy");
            assertThat(busy.getBoolean("retryable")).isTrue();
            assertThat(busy.getString("message")).contains("limit of 2 connections");
            waitUntil(third::isClosed);
            first.send("{\"action\":\"ping\"}");
            assertThat(first.next().getString("type")).isEqualTo("pong");
        }
        String answer = null;
        for (int attempt = 0; attempt < 50 && !"pong".equals(answer); attempt++) {
            try (ProtocolClient again = ProtocolClient.connect(clients, server.port())) {
                again.send("{\"action\":\"ping\"}");
                answer = again.next().getString("type");
            }
            Thread.sleep("pong".equals(answer) ? 0 : 100);
        }
        assertThat(answer).as("a freed place can be taken").isEqualTo("pong");
    }

    @Test
    void aStalledOrFailingUpstreamCostsOnlyThatAnswer() throws Exception {
        startServer(Map.of("GLASSBOX_ANSWER_TIMEOUT_MS", "1000"));
        try (ProtocolClient client = ProtocolClient.connect(clients, server.port())) {
            client.ask("stalled", "please stall");
            List<JsonObject> stalled = client.untilEnd("stalled");
            String text = stalled.stream().filter(e -> e.getString("type").equals("token"))
                    .map(e -> e.getString("text")).reduce("", String::concat);
            assertThat(text.split(" ")).as("the three tokens before the stall, kept once").hasSize(3);
            JsonObject timeout = stalled.get(stalled.size() - 1);
            assertThat(timeout.getString("code")).isEqualTo("timeout");
            assertThat(timeout.getBoolean("retryable")).isTrue();

            client.ask("failing", "please fail");
            List<JsonObject> failing = client.untilEnd("failing");
            assertThat(failing.get(failing.size() - 1).getString("code")).isEqualTo("upstream_error");

            client.ask("fine", "an ordinary question");
            List<JsonObject> fine = client.untilEnd("fine");
            assertThat(fine.get(fine.size() - 1).getString("stopReason")).isEqualTo("complete");
        }
    }

    @Test
    void idleSocketsArePingedThenClosedButNotWhileAnswering() throws Exception {
        startServer(Map.of("GLASSBOX_PING_INTERVAL_MS", "100", "GLASSBOX_IDLE_TIMEOUT_MS", "700",
                "GLASSBOX_PACED_TOKENS", "100", "GLASSBOX_PACED_TOKENS_PER_SECOND", "100"));
        WebSocketClient client = clients.createWebSocketClient();
        WebSocket socket = LocalServer.await(client.connect(new WebSocketConnectOptions()
                .setHost("localhost").setPort(server.port()).setURI("/ws")), Duration.ofSeconds(10));
        int[] pings = new int[1];
        CompletableFuture<Short> closed = new CompletableFuture<>();
        long[] done = new long[1];
        socket.frameHandler(frame -> {
            if (frame.isPing()) {
                pings[0]++;
            } else if (frame.isText() && frame.textData().contains("\"type\":\"done\"")) {
                done[0] = System.nanoTime();
            }
        });
        socket.closeHandler(v -> closed.complete(socket.closeStatusCode()));
        socket.writeTextMessage("{\"action\":\"ask\",\"id\":\"long\",\"text\":\"one second of tokens\"}");
        assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo((short) 1000);
        assertThat(done[0]).as("the running answer finished before the idle close").isPositive();
        assertThat(pings[0]).isGreaterThanOrEqualTo(5);
    }

    @Test
    void shutdownEndsEveryAnswerCleanlyAndClosesWith1001() throws Exception {
        startServer(Map.of("GLASSBOX_PACED_TOKENS", "1000", "GLASSBOX_PACED_TOKENS_PER_SECOND", "50",
                "GLASSBOX_SHUTDOWN_GRACE_MS", "300"));
        List<ProtocolClient> visitors = List.of(ProtocolClient.connect(clients, server.port()),
                ProtocolClient.connect(clients, server.port()), ProtocolClient.connect(clients, server.port()));
        for (int i = 0; i < visitors.size(); i++) {
            visitors.get(i).ask("running-" + i, "a long answer");
            assertThat(visitors.get(i).next().getString("type")).isEqualTo("start");
        }
        LocalServer.await(server.server.shutdown(), Duration.ofSeconds(10));
        for (int i = 0; i < visitors.size(); i++) {
            List<JsonObject> rest = visitors.get(i).untilEnd("running-" + i);
            JsonObject last = rest.get(rest.size() - 1);
            assertThat(last.getString("type")).isEqualTo("done");
            assertThat(last.getString("stopReason")).isEqualTo("cancelled");
            ProtocolClient visitor = visitors.get(i);
            waitUntil(visitor::isClosed);
            assertThat(visitor.closeStatus()).isEqualTo((short) 1001);
        }
        LocalServer.await(server.vertx.close(), Duration.ofSeconds(10));
        server = null;
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
