package dev.glassbox.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class JsonLoggingTest {

    @Test
    void theLogLevelSettingTakesFamiliarNamesAndRejectsOthersClearly() {
        assertThat(JsonLogging.level(null)).isEqualTo(Level.INFO);
        assertThat(JsonLogging.level(" ")).isEqualTo(Level.INFO);
        assertThat(JsonLogging.level("DEBUG")).isEqualTo(Level.FINE);
        assertThat(JsonLogging.level("warn")).isEqualTo(Level.WARNING);
        assertThat(JsonLogging.level("error")).isEqualTo(Level.SEVERE);
        assertThatThrownBy(() -> JsonLogging.level("loud")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GLASSBOX_LOG_LEVEL=loud is not a log level; use trace, debug, info, warn, error or off.");
    }

    @Test
    void aRecordIsOneLineOfJsonWithItsFieldsAtTheTopLevel() throws Exception {
        LogRecord record = new LogRecord(Level.INFO, "answer finished");
        record.setLoggerName("dev.glassbox.core.pipeline.Answer");
        record.setInstant(Instant.ofEpochMilli(1_764_633_600_123L));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("answerId", "q\"1\"");
        fields.put("firstTokenMs", 17L);
        fields.put("costUsd", 0.0012);
        fields.put("sources", List.of("a.md", "b.md"));
        record.setParameters(new Object[] {fields});
        record.setThrown(new IllegalStateException("broken\nline"));

        String line = new JsonLogFormatter().format(record);

        assertThat(line).endsWith(System.lineSeparator());
        assertThat(line.strip()).doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("time").asText()).isEqualTo("2025-12-02T00:00:00.123Z");
        assertThat(json.get("level").asText()).isEqualTo("INFO");
        assertThat(json.get("logger").asText()).isEqualTo("dev.glassbox.core.pipeline.Answer");
        assertThat(json.get("message").asText()).isEqualTo("answer finished");
        assertThat(json.get("answerId").asText()).isEqualTo("q\"1\"");
        assertThat(json.get("firstTokenMs").asLong()).isEqualTo(17);
        assertThat(json.get("costUsd").asDouble()).isEqualTo(0.0012);
        assertThat(json.get("sources").toString()).isEqualTo("[\"a.md\",\"b.md\"]");
        assertThat(json.get("error").asText()).isEqualTo("java.lang.IllegalStateException: broken\nline");
        assertThat(json.get("stack").asText()).contains("aRecordIsOneLineOfJsonWithItsFieldsAtTheTopLevel");
    }

    @Test
    void knownNoiseIsDroppedByItsExactMessageOnlyAndOtherLinesOfTheSameLoggerPass() {
        List<Logger> quieted = KnownNoise.install();
        Logger cuda = Logger.getLogger("ai.djl.util.cuda.CudaUtils");
        assertThat(quieted).contains(cuda);
        assertThat(cuda.getFilter().isLoggable(new LogRecord(Level.WARNING,
                "Failed to detect GPU count: CUDA driver version is insufficient for CUDA runtime version (35)"))).isFalse();
        assertThat(cuda.getFilter().isLoggable(new LogRecord(Level.WARNING, "Unexpected output: 3"))).isTrue();
        Logger micrometer = Logger.getLogger("io.micrometer.core.instrument.MeterRegistry");
        assertThat(micrometer.getFilter().isLoggable(new LogRecord(Level.WARNING,
                "This Gauge has been already registered (MeterId{name='vertx.http.server.active.connections', tags=[]})")))
                .isFalse();
        assertThat(micrometer.getFilter().isLoggable(new LogRecord(Level.WARNING, "A MeterFilter is being configured "
                + "after a Meter has been registered to this registry."))).isTrue();
    }
}
