package dev.glassbox.server;

import dev.glassbox.core.testing.ProtocolClient;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The page, health, readiness and metrics, as a browser or a monitoring system sees them. */
class HttpEndpointsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalServer server;

    @BeforeAll
    static void start() throws Exception {
        server = LocalServer.start(LocalServer.KNOWLEDGE, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void thePageIsServedWithStrictSecurityHeaders() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-role=\"question\"").contains("app.js");
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(get("/config.json").body()).contains("\"webSocketUrl\"");
        assertThat(get("/app.js").statusCode()).isEqualTo(200);
    }

    @Test
    void thePageCanBePointedAtTheLocalApiGateway() throws Exception {
        try (LocalServer pointed = LocalServer.start(LocalServer.KNOWLEDGE,
                Map.of("GLASSBOX_PAGE_WEBSOCKET_URL", "ws://localhost:8081/local"))) {
            HttpResponse<String> config = get(pointed, "/config.json");
            assertThat(new JsonObject(config.body()).getString("webSocketUrl")).isEqualTo("ws://localhost:8081/local");
            assertThat(config.headers().firstValue("Content-Security-Policy")).get().asString()
                    .contains("connect-src 'self' ws://localhost:8081;");
        }
        assertThat(get("/").headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("connect-src 'self';");
    }

    @Test
    void healthAndReadinessReportTheIndexedKnowledge() throws Exception {
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"status\":\"ready\"").contains("\"files\":" + markdownFiles())
                .contains("\"pricesAsOf\":\"2026-11-26\"");
    }

    @Test
    void metricsCountAsksFirstTokensAndErrorsInPrometheusFormat() throws Exception {
        Vertx clients = Vertx.vertx();
        try (ProtocolClient client = ProtocolClient.connect(clients, server.port())) {
            client.ask("metered", "What does Glassbox cost?");
            client.untilEnd("metered");
            client.send("not json");
            client.next();
            HttpResponse<String> metrics = get("/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains("glassbox_asks_total 1.0")
                    .contains("glassbox_websockets_open 1.0")
                    .contains("glassbox_first_token_seconds_bucket")
                    .contains("glassbox_output_tokens_total")
                    .contains("glassbox_errors_total{code=\"bad_request\"} 1.0")
                    .contains("glassbox_answers_total{stop_reason=\"complete\"} 1.0")
                    .contains("vertx_http_server");
        } finally {
            LocalServer.await(clients.close(), Duration.ofSeconds(10));
        }
    }

    /** Every Markdown file of the repository's knowledge folder is indexed. */
    private static long markdownFiles() throws Exception {
        try (var files = java.nio.file.Files.list(LocalServer.KNOWLEDGE)) {
            return files.filter(f -> f.toString().endsWith(".md")).count();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return get(server, path);
    }

    private static HttpResponse<String> get(LocalServer target, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + target.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
