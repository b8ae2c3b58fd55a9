package dev.glassbox.infra.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glassbox.core.cli.Cli;
import dev.glassbox.core.log.JsonLogging;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * After a deploy: connects to the deployed WebSocket as the page would, asks one question, and
 * passes only when the answer is grounded: a retrieval step with at least one reference, and a
 * {@code done} with a non-empty answer that cites. A {@code done} alone is not enough: a knowledge
 * base nobody synced still answers, from nothing.
 *
 * <pre>java -cp glassbox-cdktf.jar dev.glassbox.infra.smoke.SmokeCheck --url wss://… --origin https://…
 *     [--question "…"] [--timeout-seconds 90]</pre>
 */
@Command(name = "smoke-check", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Asks a deployed Glassbox one question over its WebSocket and passes (exit code 0) only when "
                + "the answer is grounded: retrieved references and a cited, non-empty answer. Exit code 1: failed.")
public final class SmokeCheck implements Callable<Integer> {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Option(names = "--url", required = true, description = "the WebSocket, wss://…")
    private URI url;
    @Option(names = "--origin", required = true, description = "the page's origin, https://…")
    private String origin;
    @Option(names = "--question", defaultValue = "How much does Glassbox cost to run per month?",
            description = "the question to ask (default: ${DEFAULT-VALUE})")
    private String question;
    @Option(names = "--timeout-seconds", defaultValue = "90", paramLabel = "SECONDS",
            description = "how long to wait for the answer to end (default: ${DEFAULT-VALUE})")
    private long timeoutSeconds;
    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(Cli.run(new SmokeCheck(), args));
    }

    @Override
    public Integer call() {
        JsonLogging.install();
        if (!List.of("ws", "wss").contains(String.valueOf(url.getScheme())) || timeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--url must be a ws:// or wss:// URL and "
                    + "--timeout-seconds at least 1, not " + url + " and " + timeoutSeconds + ".");
        }
        try {
            JsonNode done = ask(url, origin, question, Duration.ofSeconds(timeoutSeconds));
            System.out.printf("smoke-check: passed: %s answer in %d ms, %d characters, %d citations, cost %s USD%n",
                    done.path("stopReason").asText(), done.at("/timings/totalMs").asLong(),
                    done.path("text").asText().length(), done.path("citations").size(), done.path("costUsd").asText());
            return 0;
        } catch (Exception e) {
            spec.commandLine().getErr().println("smoke-check: failed: " + e.getMessage());
            return 1;
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
