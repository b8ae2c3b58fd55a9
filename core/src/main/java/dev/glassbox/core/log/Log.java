package dev.glassbox.core.log;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Structured logging over java.util.logging: a message plus key/value fields (answer id,
 * connection id, …) that {@link JsonLogFormatter} writes as one JSON line.
 */
public final class Log {

    private Log() {
    }

    public static void info(Logger logger, String message, Object... keyValues) {
        log(logger, Level.INFO, message, null, keyValues);
    }

    /**
     * A line a person waits for ("ready: open …"): logged like every other line, and, when a person is at a terminal,
     * also written in plain words to standard error.
     */
    public static void announce(Logger logger, String message, Object... keyValues) {
        info(logger, message, keyValues);
        if (System.console() != null) {
            System.err.println(message);
        }
    }

    public static void warn(Logger logger, String message, Throwable error, Object... keyValues) {
        log(logger, Level.WARNING, message, error, keyValues);
    }

    public static void error(Logger logger, String message, Throwable error, Object... keyValues) {
        log(logger, Level.SEVERE, message, error, keyValues);
    }

    private static void log(Logger logger, Level level, String message, Throwable error, Object... keyValues) {
        if (!logger.isLoggable(level)) {
            return;
        }
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("fields come in key/value pairs");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                fields.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
            }
        }
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(logger.getName());
        record.setParameters(new Object[] {fields});
        record.setThrown(error);
        logger.log(record);
    }
}
