package dev.glassbox.core.log;

import java.util.List;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Warnings from libraries that say nothing true about Glassbox, each dropped at the logger that writes it, by its
 * exact message, so every other line of those loggers still gets through.
 */
final class KnownNoise implements Filter {
    private record Noise(String logger, String messageStart) {
    }

    private static final List<Noise> NOISE = List.of(
            // DJL, under the tokenizer, asks the CUDA runtime for GPUs on every start and cannot be told not to; a
            // machine with the CUDA runtime but no driver then warns twice, though nothing here ever uses a GPU.
            new Noise("ai.djl.util.cuda.CudaUtils", "Failed to detect GPU count"),
            // Vert.x 5 registers its connection gauges once per connection on purpose and keeps the counts itself
            // (vertx-micrometer-metrics issue 259); Micrometer 1.13.9+ warns about the repeat registration.
            new Noise("io.micrometer.core.instrument.MeterRegistry", "This Gauge has been already registered"));

    private final String messageStart;

    private KnownNoise(String messageStart) {
        this.messageStart = messageStart;
    }

    /** Loggers are held, so the filters outlive garbage collection of otherwise unused loggers. */
    static List<Logger> install() {
        return NOISE.stream().map(noise -> {
            Logger logger = Logger.getLogger(noise.logger());
            logger.setFilter(new KnownNoise(noise.messageStart()));
            return logger;
        }).toList();
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        return record.getMessage() == null || !record.getMessage().startsWith(messageStart);
    }
}
