package dev.glassbox.server.bench;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Counts Vert.x's warnings that an event loop (or worker) thread was blocked, in this JVM. */
final class BlockedThreadWarnings extends Handler {
    /** The logger Vert.x's blocked-thread checker writes to. */
    private static final String LOGGER = "io.vertx.core.impl.BlockedThreadChecker";
    /** Held here: java.util.logging keeps loggers only weakly, and the handler lives on the logger. */
    private static final Logger CHECKER = Logger.getLogger(LOGGER);

    private final AtomicInteger warnings = new AtomicInteger();

    static BlockedThreadWarnings install() {
        BlockedThreadWarnings counter = new BlockedThreadWarnings();
        CHECKER.addHandler(counter);
        return counter;
    }

    int count() {
        return warnings.get();
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            warnings.incrementAndGet();
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
