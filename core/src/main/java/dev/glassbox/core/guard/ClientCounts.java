package dev.glassbox.core.guard;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How many of something (connections, sockets) each client holds, capped; a client is its
 * {@link ClientKey} (an IPv6 address counts by its /64). Entries leave the map when they reach zero, so it
 * never holds more clients than there are open things.
 */
public final class ClientCounts {
    private final int maxPerClient;
    private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();

    public ClientCounts(int maxPerClient) {
        this.maxPerClient = maxPerClient;
    }

    /** Counts one more for {@code client}, unless it already holds the maximum. */
    public boolean tryAcquire(String client) {
        boolean[] acquired = {false};
        counts.compute(ClientKey.of(client), (key, count) -> {
            int current = count == null ? 0 : count;
            acquired[0] = current < maxPerClient;
            return acquired[0] ? current + 1 : count;
        });
        return acquired[0];
    }

    public void release(String client) {
        counts.computeIfPresent(ClientKey.of(client), (key, count) -> count <= 1 ? null : count - 1);
    }

    public int maxPerClient() {
        return maxPerClient;
    }
}
