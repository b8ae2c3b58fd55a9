package dev.glassbox.lambda.local;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * What all of the gateway's sockets may hold unsent together (GLASSBOX_WRITE_BUDGET_BYTES, as on the
 * local server): each socket's own queue limit alone would let 12,000 connections hold 3 GB. Past the
 * budget, a socket may still be sent to while it holds no more than its share (the budget over the open
 * sockets), so a visitor who reads is served and a client that does not read is closed. Counted from
 * Vert.x's public write futures: a frame counts from its write until the operating system took it.
 */
final class WriteBudget {
    private final long budgetBytes;
    private final IntSupplier openSockets;
    private final AtomicLong unsent = new AtomicLong();

    WriteBudget(long budgetBytes, IntSupplier openSockets) {
        this.budgetBytes = budgetBytes;
        this.openSockets = openSockets;
    }

    /** Whether a socket that holds {@code socketUnsent} bytes unsent may be sent {@code bytes} more. */
    boolean allows(long socketUnsent, long bytes) {
        return unsent.get() + bytes <= budgetBytes || socketUnsent <= budgetBytes / Math.max(1, openSockets.getAsInt());
    }

    void held(long bytes) {
        unsent.addAndGet(bytes);
    }

    void sent(long bytes) {
        unsent.addAndGet(-bytes);
    }

    /** What all sockets hold unsent now. */
    long unsent() {
        return unsent.get();
    }
}
