package dev.glassbox.core.log;

import dev.glassbox.core.settings.SettingException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Every java.util.logging line as one JSON object on standard output, with answer and connection ids, at the level
 * {@code GLASSBOX_LOG_LEVEL} names. The server, the Lambda functions and the tools all log this way.
 */
public final class JsonLogging {
    public static final String LEVEL_VARIABLE = "GLASSBOX_LOG_LEVEL";
    private static final Map<String, Level> LEVELS = Map.of(
            "trace", Level.FINEST, "debug", Level.FINE, "info", Level.INFO, "warn", Level.WARNING,
            "error", Level.SEVERE, "off", Level.OFF);
    /** Lines that may wait for a background writer; more are dropped and counted. */
    private static final int BACKGROUND_CAPACITY = 10_000;
    private static boolean installed;
    private static List<Logger> quieted;

    private JsonLogging() {
    }

    /**
     * Keeps log lines written during shutdown (see {@link ShutdownSafeLogManager}). Call first thing in
     * {@code main}, before anything touches java.util.logging: the manager is chosen once, when first used.
     */
    public static void keepLogsAtShutdown() {
        System.setProperty("java.util.logging.manager", ShutdownSafeLogManager.class.getName());
    }

    /** The java.util.logging level for a {@code GLASSBOX_LOG_LEVEL} value; null or blank means info. */
    public static Level level(String setting) {
        if (setting == null || setting.isBlank()) {
            return Level.INFO;
        }
        Level level = LEVELS.get(setting.strip().toLowerCase(Locale.ROOT));
        if (level == null) {
            throw new SettingException(LEVEL_VARIABLE + "=" + setting
                    + " is not a log level; use trace, debug, info, warn, error or off.");
        }
        return level;
    }

    /** Installs JSON logging at the level of {@code GLASSBOX_LOG_LEVEL}; a bad value throws with a clear message. */
    public static void install() {
        install(level(System.getenv(LEVEL_VARIABLE)));
    }

    /**
     * Installs JSON logging at the level of {@code GLASSBOX_LOG_LEVEL}, with lines written on a thread of
     * their own ({@link BackgroundHandler}), so event loops never wait for standard output; call
     * {@link #flush()} before the process exits. For long-running servers only: a Lambda function is
     * frozen as soon as it returns, with its last lines still waiting.
     */
    public static void installInBackground() {
        install(level(System.getenv(LEVEL_VARIABLE)), true);
    }

    public static void install(Level level) {
        install(level, false);
    }

    /** Writes every line logged so far; waits at most {@link BackgroundHandler#FLUSH_WAIT_MS} for a background writer. */
    public static void flush() {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handler.flush();
        }
    }

    private static synchronized void install(Level level, boolean background) {
        if (installed) {
            return;
        }
        installed = true;
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        Handler handler = background ? new BackgroundHandler(new StreamHandler(System.out, new JsonLogFormatter()),
                BACKGROUND_CAPACITY) : new StreamHandler(System.out, new JsonLogFormatter()) {
                    @Override
                    public synchronized void publish(LogRecord record) {
                        super.publish(record);
                        flush();
                    }
                };
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(level);
        quieted = KnownNoise.install();
        if (System.getProperty("java.util.logging.manager") != null
                && !(LogManager.getLogManager() instanceof ShutdownSafeLogManager)) {
            Log.warn(root, "java.util.logging was in use before JsonLogging.keepLogsAtShutdown(): lines written "
                    + "while the process stops may be lost", null);
        }
    }
}
