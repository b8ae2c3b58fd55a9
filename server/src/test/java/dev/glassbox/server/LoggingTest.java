package dev.glassbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged server's own output, as an operator sees it: JSON lines only, no warnings, and its last words. */
class LoggingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCleanStartLogsOnlyJsonWithoutWarningsAndStoppingIsLoggedAfterSigterm() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName());
        builder.environment().put("GLASSBOX_PORT", "0");
        builder.environment().put("GLASSBOX_KNOWLEDGE_DIR", LocalServer.KNOWLEDGE.toString());
        builder.environment().put("GLASSBOX_CACHE_DIR", Path.of("target", "embedding-cache").toAbsolutePath().toString());
        builder.environment().put("GLASSBOX_EVENT_LOOPS", "2");
        builder.environment().remove("GLASSBOX_LOG_LEVEL");
        builder.redirectErrorStream(true);
        Process process = builder.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            int port = -1;
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                JsonNode json = JSON.readTree(line);
                if (json.has("port")) {
                    port = json.get("port").asInt();
                }
                if (json.path("message").asText().startsWith("Glassbox is ready")) {
                    break;
                }
            }
            assertThat(port).as("the listening line names the port: " + lines).isPositive();
            // separate clients, separate connections: the second one is where Vert.x's gauges used to warn
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode()).isEqualTo(200);
            }
            process.toHandle().destroy(); // SIGTERM, leaving the output readable
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        } finally {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        List<JsonNode> logged = new ArrayList<>();
        for (String line : lines) {
            JsonNode json = JSON.readTree(line);
            assertThat(json.isObject()).as("one JSON object per line: " + line).isTrue();
            logged.add(json);
        }
        // Vert.x's blocked-thread warning stays allowed: on a starved machine (load 20 on 2 cores while tests run in
        // parallel) it is a true report about the machine, not noise about this start.
        assertThat(logged).as("no warnings at a clean start").noneMatch(json -> List.of("WARNING", "SEVERE")
                .contains(json.path("level").asText())
                && !json.path("logger").asText().equals("io.vertx.core.impl.BlockedThreadChecker"));
        assertThat(logged.stream().map(json -> json.path("message").asText()))
                .contains("stopping: finishing running answers", "stopped");
    }
}
