package dev.glassbox.server.http;

import dev.glassbox.core.log.Log;
import dev.glassbox.core.loop.PeriodicCheck;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The keep-alive checks (ping, idle close) of every socket one event loop serves, made by one
 * {@link PeriodicCheck} for all of them instead of a timer for each. Each socket is still checked on
 * its own schedule, within one tick of it. The loop's sockets are also held to their write budget, at
 * every tick (a second by default) and as soon as what they were sent since could exceed it: each
 * socket's own queue limit alone would let 10,000 sockets hold 2.5 GB. Used on its event loop's thread only.
 */
final class KeepAlives {
    private static final Logger LOG = Logger.getLogger(KeepAlives.class.getName());

    private final PeriodicCheck<LiveSocket> sockets;
    private final Thread eventLoop = Thread.currentThread();
    private final long writeBudgetBytes;
    /** What the sockets held unsent at the last budget check, and what they were sent since (at most). */
    private long heldAtCheck;
    private long sentSinceCheck;

    KeepAlives(Vertx vertx, long pingIntervalMs, long writeBudgetBytes) {
        this.writeBudgetBytes = writeBudgetBytes;
        this.sockets = PeriodicCheck.within(vertx, pingIntervalMs, this::check);
    }

    /**
     * Counts what a socket of this loop was sent; checks the budget at once when it could be exceeded. The
     * check once a tick alone came late: a loop busy with a flood of small messages ran its timer after
     * its sockets had queued over 100 MB.
     */
    void sent(long chars) {
        if (Thread.currentThread() != eventLoop) {
            return; // the loop's own check counts it
        }
        // Netty counts 96 bytes of bookkeeping for each queued frame besides its own: small frames (errors,
        // tokens) weigh about twice their characters there.
        sentSinceCheck += 2 * chars;
        if (heldAtCheck + sentSinceCheck > writeBudgetBytes) {
            keepWithinWriteBudget(new ArrayList<>(sockets.members()));
        }
    }

    void add(LiveSocket socket) {
        sockets.add(socket);
    }

    void remove(LiveSocket socket) {
        sockets.remove(socket);
    }

    private void check(Set<LiveSocket> all) {
        long now = System.currentTimeMillis();
        // A check may close its socket, which removes it: check a copy.
        List<LiveSocket> open = new ArrayList<>(all);
        open.removeAll(keepWithinWriteBudget(open));
        for (LiveSocket socket : open) {
            socket.keepAliveIfDue(now);
        }
    }

    private record Holding(LiveSocket socket, long unsentBytes) {
    }

    /**
     * When the sockets hold more unsent than the budget, cuts those holding the most until the rest fit:
     * clients that do not read, not the visitors whose frames leave at once. Returns the sockets cut.
     */
    private List<LiveSocket> keepWithinWriteBudget(List<LiveSocket> open) {
        List<Holding> holdings = new ArrayList<>(open.size());
        long held = 0;
        for (LiveSocket socket : open) {
            Holding holding = new Holding(socket, socket.unsentBytes());
            holdings.add(holding);
            held += holding.unsentBytes();
        }
        sentSinceCheck = 0;
        heldAtCheck = held;
        if (held <= writeBudgetBytes) {
            return List.of();
        }
        holdings.sort(Comparator.comparingLong(Holding::unsentBytes).reversed());
        List<LiveSocket> cut = new ArrayList<>();
        long before = held;
        for (Holding holding : holdings) {
            if (held <= writeBudgetBytes) {
                break;
            }
            holding.socket().cut();
            cut.add(holding.socket());
            held -= holding.unsentBytes();
        }
        heldAtCheck = held;
        Log.info(LOG, "sockets cut: together they held more unsent than the write budget", "sockets", cut.size(),
                "unsentBytes", before, "budgetBytes", writeBudgetBytes);
        return cut;
    }
}
