package dev.glassbox.infra.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glassbox.core.log.JsonLogging;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * After a deploy: connects to the deployed WebSocket as the page would, asks one question, and
 * passes only when the answer is grounded: a retrieval step with at least one reference, and a
 * {@code done} with a non-empty answer that cites. A {@code done} alone is not enough: a knowledge
 * base nobody synced still answers, from nothing.
 *
 * <pre>java -cp glassbox-cdktf.jar dev.glassbox.infra.smoke.SmokeCheck --url wss://… --origin https://…
 *     [--question "…"] [--timeout-seconds 90]</pre>
 */
public final class SmokeCheck {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SmokeCheck() {
    }

    public static void main(String[] args) {
        JsonLogging.install();
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if (!options.containsKey("url") || !options.containsKey("origin")) {
            System.err.println("smoke-check: usage: SmokeCheck --url wss://… --origin https://… [--question …]");
            System.exit(2);
        }
        try {
            JsonNode done = ask(URI.create(options.get("url")), options.get("origin"),
                    options.getOrDefault("question", "How much does Glassbox cost to run per month?"),
                    Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout-seconds", "90"))));
            System.out.printf("smoke-check: passed: %s answer in %d ms, %d characters, %d citations, cost %s USD%n",
                    done.path("stopReason").asText(), done.at("/timings/totalMs").asLong(),
                    done.path("text").asText().length(), done.path("citations").size(), done.path("costUsd").asText());
            System.exit(0);
        } catch (Exception e) {
            System.err.println("smoke-check: failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /** The answer's done event; fails on an error event, an ungrounded answer, a closed socket or the timeout. */
    static JsonNode ask(URI url, String origin, String question, Duration timeout) throws Exception {
        CompletableFuture<JsonNode> done = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Origin", origin)
                .connectTimeout(Duration.ofSeconds(15))
                .buildAsync(url, new Listener(done))
                .get(30, TimeUnit.SECONDS);
        socket.sendText(MAPPER.writeValueAsString(Map.of("action", "ask", "id", "smoke", "text", question)), true);
        try {
            return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no done within " + timeout.toSeconds() + " s", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } finally {
            socket.abort();
        }
    }

    /** Collects whole text messages and completes on the answer's end. */
    private static final class Listener implements WebSocket.Listener {
        private final CompletableFuture<JsonNode> done;
        private final StringBuilder message = new StringBuilder();
        private final StringBuilder text = new StringBuilder();
        private int references;
        private int citations;

        Listener(CompletableFuture<JsonNode> done) {
            this.done = done;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                try {
                    JsonNode event = MAPPER.readTree(message.toString());
                    String type = event.path("type").asText();
                    if (type.equals("trace") && event.at("/step/kind").asText().equals("retrieval")) {
                        references = Math.max(references, event.at("/step/references").size());
                    } else if (type.equals("token")) {
                        text.append(event.path("text").asText());
                    } else if (type.equals("citation")) {
                        citations++;
                    } else if (type.equals("done")) {
                        complete(event);
                    } else if (type.equals("error")) {
                        done.completeExceptionally(new IllegalStateException("the answer failed: "
                                + event.path("code").asText() + ": " + event.path("message").asText()));
                    }
                } catch (Exception e) {
                    done.completeExceptionally(new IllegalStateException("not protocol v1: " + message, e));
                }
                message.setLength(0);
            }
            socket.request(1);
            return null;
        }

        /** The done event, if the answer before it was grounded. */
        private void complete(JsonNode event) {
            String answer = event.has("text") ? event.path("text").asText() : text.toString();
            int cited = Math.max(citations, event.path("citations").size());
            if (references == 0) {
                done.completeExceptionally(new IllegalStateException("no retrieval step with a reference: is the "
                        + "knowledge base empty (were knowledge/ synced and ingested)?"));
            } else if (answer.isBlank()) {
                done.completeExceptionally(new IllegalStateException("the answer is empty"));
            } else if (cited == 0) {
                done.completeExceptionally(new IllegalStateException("the answer cites nothing: " + answer));
            } else {
                done.complete(event);
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            done.completeExceptionally(new IllegalStateException("the socket closed (" + status + " " + reason + ")"));
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            done.completeExceptionally(error);
        }
    }
}
