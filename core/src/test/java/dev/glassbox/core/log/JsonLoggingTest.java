package dev.glassbox.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
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
