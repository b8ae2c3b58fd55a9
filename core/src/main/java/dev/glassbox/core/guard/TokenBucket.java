package dev.glassbox.core.guard;

/**
 * A token bucket: up to {@code capacity} actions at once, one more every {@code refillMs}.
 * Not thread-safe: each bucket belongs to one connection and is used on its context.
 */
public final class TokenBucket {
    private final int capacity;
    private final long refillMs;
    private double tokens;
    private long lastRefillMs;

    public TokenBucket(int capacity, long refillMs, long nowMs) {
        if (capacity < 1 || refillMs < 1) {
            throw new IllegalArgumentException("capacity and refillMs must be positive");
        }
        this.capacity = capacity;
        this.refillMs = refillMs;
        this.tokens = capacity;
        this.lastRefillMs = nowMs;
    }

    /** Takes one token; returns 0 when granted, else the milliseconds until one is available. */
    public long tryTake(long nowMs) {
        refill(nowMs);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) * refillMs);
    }

    /** Whether the bucket has refilled completely, so forgetting it changes nothing. */
    public boolean isFull(long nowMs) {
        refill(nowMs);
        return tokens >= capacity;
    }

    private void refill(long nowMs) {
        if (nowMs > lastRefillMs) {
            tokens = Math.min(capacity, tokens + (double) (nowMs - lastRefillMs) / refillMs);
            lastRefillMs = nowMs;
        }
    }
}
