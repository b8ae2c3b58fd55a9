package dev.glassbox.core.guard;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per client (its {@link ClientKey}: an IP address, an IPv6 /64), shared by all of that
 * client's connections, so opening more sockets, or taking more addresses of one network, does not buy
 * more questions. Thread-safe; full buckets are forgotten.
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
        long[] waitMs = new long[1];
        // compute() holds the client's entry while it takes, so forgetIdle cannot drop a bucket mid-take
        // (which would hand back the token just taken) when event loops ask for the same client at once.
        buckets.compute(ClientKey.of(client), (c, bucket) -> {
            TokenBucket kept = bucket != null ? bucket : new TokenBucket(burst, refillMs, nowMs);
            waitMs[0] = kept.tryTake(nowMs);
            return kept;
        });
        return waitMs[0];
    }

    /** Forgets clients whose buckets have refilled; call now and then to keep memory bounded. */
    public void forgetIdle(long nowMs) {
        for (String client : buckets.keySet()) {
            buckets.computeIfPresent(client, (c, bucket) -> bucket.isFull(nowMs) ? null : bucket);
        }
    }

    public int size() {
        return buckets.size();
    }
}
