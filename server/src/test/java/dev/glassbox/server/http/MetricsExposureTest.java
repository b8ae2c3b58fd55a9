package dev.glassbox.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.server.LocalServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /metrics is public on the main port by default; it can be turned off or moved to a loopback port. */
class MetricsExposureTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void metricsCanBeOffOrOnAPortOfTheirOwn() throws Exception {
        try (LocalServer off = LocalServer.start(LocalServer.KNOWLEDGE,
                Map.of("GLASSBOX_BACKEND", "paced", "GLASSBOX_METRICS", "off"))) {
            assertThat(status(off.port(), "/metrics")).isEqualTo(404);
        }
        int metricsPort;
        try (ServerSocket free = new ServerSocket(0)) {
            metricsPort = free.getLocalPort();
        }
        try (LocalServer separate = LocalServer.start(LocalServer.KNOWLEDGE,
                Map.of("GLASSBOX_BACKEND", "paced", "GLASSBOX_METRICS", String.valueOf(metricsPort)))) {
            assertThat(status(separate.port(), "/metrics")).as("not on the public port").isEqualTo(404);
            assertThat(status(metricsPort, "/metrics")).isEqualTo(200);
        }
    }

    private static int status(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
