package dev.glassbox.core.guard;

import dev.glassbox.core.log.Log;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * What the sockets of one event loop may hold of messages they have only partly received: a frame whose
 * bytes have not all arrived (Netty keeps them until they have) and the frames of a fragmented message
 * that has not ended (the socket's {@link WebSocketGuard} keeps them). Each socket alone holds at most a
 * frame and a message of 32 KB, but 10,000 sockets that never finish theirs would hold about 800 MB.
 * <p>
 * Past the budget, the sockets that have held unfinished bytes the longest are closed first, until the
 * rest fit. Not the newcomer: refusing whoever sends when the budget is full would let sockets that hold
 * their bytes forever refuse every visitor whose question happens to arrive in two TCP segments, while
 * a visitor's frame is whole within a round trip, so the oldest holders are the ones that never finish.
 * Not the largest either: many holders of a few kilobytes each would make a visitor's large question the
 * largest. Used on its event loop's thread only.
 */
public final class ReadBudget {
    private static final Logger LOG = Logger.getLogger(ReadBudget.class.getName());
    /** The reason of the 1013 close frame an evicted socket gets. */
    public static final String CLOSE_REASON = "Too many unfinished messages on the server; send each message whole.";
    private final long budgetBytes;
    /** Sockets holding unfinished bytes, in the order they began to hold them: the oldest first. */
    private final Set<Holder> holding = new LinkedHashSet<>();
    private long held;
    private final LogThrottle evictions = new LogThrottle(Duration.ofSeconds(10));

    public ReadBudget(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    /** A socket's account; {@code evict} closes the socket at once when it must make room. */
    public Holder holder(Runnable evict) {
        return new Holder(evict);
    }

    /** What the loop's sockets hold unfinished now. */
    public long held() {
        return held;
    }

    /** One socket's unfinished bytes. */
    public final class Holder {
        private final Runnable evict;
        private long bytes;
        private boolean gone;

        private Holder(Runnable evict) {
            this.evict = evict;
        }

        /** Bytes arrived from the client, not yet part of a whole message. */
        public void received(long count) {
            if (!gone) {
                bytes += count;
                held += count;
            }
        }

        /** Bytes that made up a frame or message now handled whole: no longer held. */
        public void settled(long count) {
            if (!gone) {
                // Never below zero: bytes the client sent with its handshake reach the decoder uncounted.
                long taken = Math.min(count, bytes);
                bytes -= taken;
                held -= taken;
            }
        }

        /** After the bytes of a read were decoded: keeps the holder's place in line and the loop within its budget. */
        public void checked() {
            if (gone) {
                return;
            }
            if (bytes == 0) {
                holding.remove(this);
            } else {
                holding.add(this); // joins at the end when it begins to hold; keeps its place while it holds
            }
            if (held > budgetBytes) {
                evictOldest();
            }
        }

        /** The socket closed: what it held is freed. */
        public void left() {
            if (!gone) {
                gone = true;
                held -= bytes;
                bytes = 0;
                holding.remove(this);
            }
        }

        public long bytes() {
            return bytes;
        }
    }

    private void evictOldest() {
        long before = held;
        List<Holder> evicted = new ArrayList<>();
        for (Holder holder : holding) {
            if (held <= budgetBytes) {
                break;
            }
            evicted.add(holder);
            held -= holder.bytes;
        }
        for (Holder holder : evicted) {
            holding.remove(holder);
            holder.bytes = 0;
            holder.gone = true;
            holder.evict.run();
        }
        long closed = evictions.due(evicted.size()); // an attacker makes an eviction of every socket it opens
        if (closed > 0) {
            Log.info(LOG, "sockets closed: together they held more unfinished messages than the read budget",
                    "socketsSinceLastLine", closed, "unfinishedBytes", before, "budgetBytes", budgetBytes);
        }
    }
}
