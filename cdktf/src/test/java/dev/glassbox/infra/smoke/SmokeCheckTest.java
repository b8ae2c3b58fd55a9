package dev.glassbox.infra.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The deploy's smoke check against a WebSocket that answers like Glassbox, or fails like it. */
class SmokeCheckTest {
    private static final List<String> ORIGINS = new CopyOnWriteArrayList<>();
    private static Vertx vertx;
    private static HttpServer server;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().webSocketHandler(socket -> {
            ORIGINS.add(String.valueOf(socket.headers().get("Origin")));
            socket.textMessageHandler(text -> {
                JsonObject ask = new JsonObject(text);
                String id = ask.getString("id");
                if (ask.getString("text").contains("fail")) {
                    socket.writeTextMessage(new JsonObject().put("type", "error").put("id", id)
                            .put("code", "upstream_error").put("message", "Bedrock said no.").encode());
                    return;
                }
                socket.writeTextMessage(new JsonObject().put("type", "start").put("id", id).put("seq", 0).encode());
                socket.writeTextMessage(new JsonObject().put("type", "token").put("id", id).put("seq", 1)
                        .put("text", "Cheap.").encode());
                socket.writeTextMessage(new JsonObject().put("type", "done").put("id", id).put("seq", 2)
                        .put("text", "Cheap.").put("stopReason", "complete")
                        .put("timings", new JsonObject().put("totalMs", 12)).encode());
            });
        });
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void passesWhenTheDoneArrivesAndSendsThePagesOrigin() throws Exception {
        JsonNode done = SmokeCheck.ask(url(), "https://site.example", "What does it cost?", Duration.ofSeconds(10));
        assertThat(done.path("text").asText()).isEqualTo("Cheap.");
        assertThat(ORIGINS).contains("https://site.example");
    }

    @Test
    void failsOnAnErrorEvent() {
        assertThatThrownBy(() -> SmokeCheck.ask(url(), "https://site.example", "please fail", Duration.ofSeconds(10)))
                .hasMessageContaining("upstream_error: Bedrock said no.");
    }

    private static URI url() {
        return URI.create("ws://127.0.0.1:" + server.actualPort() + "/live");
    }
}
