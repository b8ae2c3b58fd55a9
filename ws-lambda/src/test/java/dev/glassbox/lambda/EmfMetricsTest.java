package dev.glassbox.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glassbox.core.protocol.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EmfMetricsTest {

    @Test
    void writesEmbeddedMetricFormatLinesCloudWatchReads() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EmfMetrics metrics = new EmfMetrics(new PrintStream(out, true, StandardCharsets.UTF_8));
        metrics.firstToken(42);
        metrics.error(ErrorCode.UPSTREAM_THROTTLED);
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        JsonNode first = new ObjectMapper().readTree(lines[0]);
        assertThat(first.at("/_aws/CloudWatchMetrics/0/Namespace").asText()).isEqualTo("Glassbox");
        assertThat(first.at("/_aws/CloudWatchMetrics/0/Metrics/0/Name").asText()).isEqualTo("FirstTokenMs");
        assertThat(first.path("FirstTokenMs").asDouble()).isEqualTo(42);
        JsonNode error = new ObjectMapper().readTree(lines[1]);
        assertThat(error.at("/_aws/CloudWatchMetrics/0/Dimensions/0/0").asText()).isEqualTo("Code");
        assertThat(error.path("Code").asText()).isEqualTo("upstream_throttled");
        assertThat(error.path("Errors").asDouble()).isEqualTo(1);
    }
}
