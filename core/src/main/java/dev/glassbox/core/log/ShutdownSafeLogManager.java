package dev.glassbox.core.log;

import java.util.logging.LogManager;

/**
 * java.util.logging's manager, except that its own shutdown hook no longer removes every handler. The JDK's hook
 * runs alongside ours, so without this the lines a process writes while it stops (answers finishing, "stopped") are
 * silently dropped. The synchronous handler flushes every line; the server's background writer is flushed by the
 * server's own shutdown hook.
 * Selected with {@code -Djava.util.logging.manager}, see {@link JsonLogging#keepLogsAtShutdown()}.
 */
public final class ShutdownSafeLogManager extends LogManager {
    private static final String JDK_SHUTDOWN_HOOK = LogManager.class.getName() + "$Cleaner";

    @Override
    public void reset() {
        if (Thread.currentThread().getClass().getName().equals(JDK_SHUTDOWN_HOOK)) {
            return;
        }
        super.reset();
    }
}
