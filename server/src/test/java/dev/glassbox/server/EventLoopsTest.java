package dev.glassbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.testing.ProtocolClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server runs one HTTP server per event loop, and what they share stays right when loops work at once. */
class EventLoopsTest {
    private static final Pattern CONNECTIONS = Pattern.compile(
            "glassbox_http_connections_total\\{event_loop=\"(\\d+)\"[^}]*} (\\d+)");

    private static Vertx clients;

    @BeforeAll
    static void startClients() {
        clients = Vertx.vertx();
    }

    @AfterAll
    static void stopClients() throws Exception {
        LocalServer.await(clients.close(), Duration.ofSeconds(10));
    }

    @Test
    void socketsAreSpreadOverEveryEventLoopAndAllAreAnswered() throws Exception {
        List<ProtocolClient> visitors = new ArrayList<>();
        try (LocalServer server = LocalServer.start(LocalServer.KNOWLEDGE, Map.of("GLASSBOX_EVENT_LOOPS", "2",
                "GLASSBOX_BACKEND", "paced", "GLASSBOX_PACED_TOKENS", "20", "GLASSBOX_PACED_TOKENS_PER_SECOND", "500"))) {
            for (int i = 0; i < 4; i++) {
                visitors.add(ProtocolClient.connect(clients, server.port()));
            }
            for (int i = 0; i < visitors.size(); i++) {
                visitors.get(i).ask("q" + i, "question " + i);
            }
            for (int i = 0; i < visitors.size(); i++) {
                List<JsonObject> events = visitors.get(i).untilEnd("q" + i);
                JsonObject last = events.get(events.size() - 1);
                assertThat(last.getString("type")).isEqualTo("done");
                assertThat(last.getString("stopReason")).isEqualTo("complete");
                for (int seq = 0; seq < events.size(); seq++) {
                    assertThat(events.get(seq).getLong("seq")).isEqualTo(seq);
                }
            }
            for (ProtocolClient visitor : visitors) {
                visitor.close();
            }
            Matcher series = CONNECTIONS.matcher(metrics(server.port()));
            List<String> busyLoops = new ArrayList<>();
            while (series.find()) {
                if (Double.parseDouble(series.group(2)) >= 1) {
                    busyLoops.add(series.group(1));
                }
            }
            assertThat(busyLoops).as("event loops that accepted connections").containsExactlyInAnyOrder("0", "1");
        }
    }

    @Test
    void theSocketLimitHoldsWhenEventLoopsAcceptAtOnce() throws Exception {
        try (LocalServer server = LocalServer.start(LocalServer.KNOWLEDGE, Map.of("GLASSBOX_EVENT_LOOPS", "2",
                "GLASSBOX_BACKEND", "paced", "GLASSBOX_MAX_SOCKETS", "3"))) {
            assertSocketLimitHolds(server.port());
        }
    }

    private static void assertSocketLimitHolds(int port) throws Exception {
        WebSocketClient client = clients.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(10));
        List<WebSocket> open = new CopyOnWriteArrayList<>();
        AtomicInteger refused = new AtomicInteger();
        List<Future<WebSocket>> connecting = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            connecting.add(client.connect(new WebSocketConnectOptions().setHost("localhost").setPort(port)
                    .setURI("/ws")).onSuccess(socket -> {
                        open.add(socket);
                        socket.closeHandler(v -> {
                            open.remove(socket);
                            if (socket.closeStatusCode() != null && socket.closeStatusCode() == 1013) {
                                refused.incrementAndGet();
                            }
                        });
                    }));
        }
        LocalServer.await(Future.all(connecting), Duration.ofSeconds(20));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (refused.get() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(refused.get()).as("sockets told busy").isEqualTo(3);
        try (ProtocolClient late = ProtocolClient.connect(clients, port)) {
            assertThat(late.next().getString("code")).as("still full").isEqualTo("busy");
        }
        assertThat(open).hasSize(3);
        for (WebSocket socket : open) {
            CompletableFuture<String> reply = new CompletableFuture<>();
            socket.textMessageHandler(reply::complete);
            socket.writeTextMessage("{\"action\":\"ping\"}");
            assertThat(new JsonObject(reply.get(20, TimeUnit.SECONDS)).getString("type")).isEqualTo("pong");
        }
        // Closed while the server runs: left open, they were still in their close handshake when the clients' Vert.x
        // closed after the class, which then waited out the 10 s closing timeout and failed stopClients.
        LocalServer.await(Future.all(open.stream().map(WebSocket::close).toList()), Duration.ofSeconds(10));
        LocalServer.await(client.close(), Duration.ofSeconds(10));
    }

    private static String metrics(int port) throws Exception {
        HttpClient http = clients.createHttpClient();
        return LocalServer.await(http.request(HttpMethod.GET, port, "localhost", "/metrics")
                .compose(request -> request.send().compose(HttpClientResponse::body)), Duration.ofSeconds(10))
                .toString();
    }
}
