package dev.glassbox.core.guard;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per client (an IP address, say), shared by all of that client's connections, so
 * opening more sockets does not buy more questions. Thread-safe; full buckets are forgotten.
 */
public final class ClientRates {
    private final int burst;
    private final long refillMs;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public ClientRates(int burst, long refillMs) {
        this.burst = burst;
        this.refillMs = refillMs;
    }

    /** Takes one token from the client's bucket; 0 when granted, else the milliseconds to wait. */
    public long tryTake(String client, long nowMs) {
        TokenBucket bucket = buckets.computeIfAbsent(client, c -> new TokenBucket(burst, refillMs, nowMs));
        synchronized (bucket) {
            return bucket.tryTake(nowMs);
        }
    }

    /** Forgets clients whose buckets have refilled; call now and then to keep memory bounded. */
    public void forgetIdle(long nowMs) {
        buckets.values().removeIf(bucket -> {
            synchronized (bucket) {
                return bucket.isFull(nowMs);
            }
        });
    }

    public int size() {
        return buckets.size();
    }
}
