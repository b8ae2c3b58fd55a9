package dev.glassbox.core.log;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Hands log records to another handler on a thread of its own, so a thread that logs (an event loop,
 * once for every answer) never formats the line nor waits for standard output. At most
 * {@code capacity} records wait; past that a record is dropped and counted, never waited for, and the
 * count is logged as a warning once the writer has caught up. The writer flushes once for each batch
 * it found waiting, not once for each line.
 */
final class BackgroundHandler extends Handler {
    /** How long {@link #flush} waits for the writer at most: a stuck output must not hold a shutdown. */
    static final long FLUSH_WAIT_MS = 2_000;

    private final Handler target;
    private final BlockingQueue<LogRecord> waiting;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    /** Records the writer has written and flushed. */
    private volatile long written;
    private final Thread writer;

    BackgroundHandler(Handler target, int capacity) {
        this.target = target;
        this.waiting = new ArrayBlockingQueue<>(capacity);
        this.writer = new Thread(this::writeUntilClosed, "glassbox-log-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        if (waiting.offer(record)) {
            accepted.incrementAndGet();
        } else {
            dropped.incrementAndGet();
        }
    }

    /** Waits until every record accepted before this call is written, or {@link #FLUSH_WAIT_MS} have passed. */
    @Override
    public void flush() {
        long until = accepted.get();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FLUSH_WAIT_MS);
        while (written < until && System.nanoTime() < deadline && writer.isAlive()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    @Override
    public void close() {
        flush();
        writer.interrupt();
        target.close();
    }

    private void writeUntilClosed() {
        long count = 0;
        try {
            while (true) {
                LogRecord record = waiting.take();
                do {
                    target.publish(record);
                    count++;
                    record = waiting.poll();
                } while (record != null);
                long lost = dropped.getAndSet(0);
                if (lost > 0) {
                    LogRecord warning = new LogRecord(Level.WARNING, lost + " log lines were dropped: they came faster "
                            + "than standard output took them");
                    warning.setLoggerName(BackgroundHandler.class.getName());
                    target.publish(warning);
                }
                target.flush();
                written = count;
            }
        } catch (InterruptedException closed) {
            Thread.currentThread().interrupt();
        }
    }
}
