package dev.glassbox.server.openai;

import dev.glassbox.server.LocalServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OpenAI-compatible chat-completions server for tests, speaking the real SSE wire format. The
 * scenario is picked by a word in the question: "dropped", "silent", "refused", "throttled",
 * "citing" (markers side by side, one naming no passage); anything else streams a normal answer.
 */
public final class FakeModelServer implements AutoCloseable {
    /** The normal answer, streamed in pieces; the euro sign is split across two network writes. */
    static final List<String> NORMAL_PIECES = List.of("Locally it costs nothing", " [1]. In the cloud it is about ",
            "5 € a month", " [2].");

    /** Two passages cited side by side, then one the prompt never held. */
    static final List<String> CITING_PIECES = List.of("It costs nothing locally [1][", "2]. Invented [", "99].");

    final List<JsonObject> requests = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final Vertx vertx;
    private final HttpServer server;

    public FakeModelServer(Vertx vertx) throws Exception {
        this.vertx = vertx;
        this.server = vertx.createHttpServer().requestHandler(request -> {
            if (!request.path().equals("/v1/chat/completions")) {
                request.response().setStatusCode(404).end();
                return;
            }
            authorizations.add(String.valueOf(request.getHeader("Authorization")));
            request.body().onSuccess(body -> {
                JsonObject json = body.toJsonObject();
                requests.add(json);
                JsonArray messages = json.getJsonArray("messages");
                String prompt = messages.getJsonObject(messages.size() - 1).getString("content");
                // The scenario word is looked for in the question only: the passages before it change with knowledge/.
                respond(prompt.substring(prompt.lastIndexOf("Question: ")), request.response());
            });
        });
        LocalServer.await(server.listen(0, "localhost"), Duration.ofSeconds(10));
    }

    public String baseUrl() {
        return "http://localhost:" + server.actualPort() + "/v1";
    }

    private void respond(String question, HttpServerResponse response) {
        if (question.contains("refused")) {
            response.setStatusCode(404).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("error", new JsonObject().put("message", "model 'nope' not found")).encode());
            return;
        }
        if (question.contains("throttled")) {
            response.setStatusCode(429).end("{\"error\":{\"message\":\"slow down\"}}");
            return;
        }
        response.setChunked(true).putHeader("Content-Type", "text/event-stream");
        response.write(": keep-alive comment\n\n");
        response.write(event(delta("role", "assistant")));
        if (question.contains("dropped")) {
            response.write(event(delta("content", "Half an answer")));
            vertx.setTimer(50, t -> response.reset());
            return;
        }
        if (question.contains("silent")) {
            response.write(event(delta("content", "Thinking")));
            return; // and never another byte
        }
        for (String piece : question.contains("citing") ? CITING_PIECES : NORMAL_PIECES) {
            byte[] bytes = event(delta("content", piece)).getBytes(StandardCharsets.UTF_8);
            int euro = piece.indexOf('€');
            if (euro < 0) {
                response.write(Buffer.buffer(bytes));
            } else {
                int cut = indexOf(bytes, (byte) 0xE2) + 1; // inside the three bytes of '€'
                response.write(Buffer.buffer(Arrays.copyOfRange(bytes, 0, cut)));
                response.write(Buffer.buffer(Arrays.copyOfRange(bytes, cut, bytes.length)));
            }
        }
        JsonObject finish = new JsonObject().put("choices", new JsonArray().add(new JsonObject()
                .put("index", 0).put("delta", new JsonObject()).put("finish_reason", "stop")));
        response.write(event(finish.encode()));
        response.write(event(new JsonObject().put("choices", new JsonArray())
                .put("usage", new JsonObject().put("prompt_tokens", 321).put("completion_tokens", 17)
                        .put("total_tokens", 338)).encode()));
        response.end("data: [DONE]\n\n");
    }

    private static String delta(String field, String value) {
        return new JsonObject().put("id", "chatcmpl-1").put("object", "chat.completion.chunk")
                .put("choices", new JsonArray().add(new JsonObject().put("index", 0)
                        .put("delta", new JsonObject().put(field, value)).putNull("finish_reason"))).encode();
    }

    private static String event(String data) {
        return "data: " + data + "\n\n";
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        throw new IllegalArgumentException("byte not found");
    }

    @Override
    public void close() throws Exception {
        LocalServer.await(server.close(), Duration.ofSeconds(10));
    }
}
