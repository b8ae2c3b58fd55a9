package dev.glassbox.core.pipeline;

/**
 * Tunables of the answer pipeline.
 *
 * @param coalesceWindowMs text arriving within this window after a token event goes out as one event (0 = none)
 * @param maxAnswersInFlight answers one connection may run at once; one more gets {@code busy}
 * @param askBurst asks a connection may send at once before {@code rate_limited}
 * @param askRefillMs one more ask per connection is allowed every this many milliseconds
 * @param clientAskBurst asks one client (IP address) may send at once over all its connections
 * @param clientAskRefillMs one more ask per client is allowed every this many milliseconds
 * @param answerTimeoutMs an answer still running after this ends with a {@code timeout} error
 * @param replayEventLimit events of one answer kept for {@code resume}; the final event is always kept
 * @param replayRetentionMs how long a finished answer can still be resumed
 * @param replayAnswerLimit answers kept for {@code resume} across all connections
 * @param replayBudgetBytes memory for kept events; past it, finished answers keep only their final event
 * @param orphanGraceMs an answer whose connection closed and that nobody resumed in this time is cancelled
 */
public record PipelineSettings(
        long coalesceWindowMs,
        int maxAnswersInFlight,
        int askBurst,
        long askRefillMs,
        int clientAskBurst,
        long clientAskRefillMs,
        long answerTimeoutMs,
        int replayEventLimit,
        long replayRetentionMs,
        int replayAnswerLimit,
        long replayBudgetBytes,
        long orphanGraceMs) {

    public static PipelineSettings defaults() {
        return new PipelineSettings(30, 2, 5, 3_000, 20, 1_000, 120_000, 4_096, 300_000, 10_000,
                64L * 1024 * 1024, 30_000);
    }

    public PipelineSettings withCoalesceWindowMs(long value) {
        return new PipelineSettings(value, maxAnswersInFlight, askBurst, askRefillMs, clientAskBurst,
                clientAskRefillMs, answerTimeoutMs, replayEventLimit, replayRetentionMs, replayAnswerLimit,
                replayBudgetBytes, orphanGraceMs);
    }

    public PipelineSettings withAskRate(int burst, long refillMs) {
        return new PipelineSettings(coalesceWindowMs, maxAnswersInFlight, burst, refillMs, clientAskBurst,
                clientAskRefillMs, answerTimeoutMs, replayEventLimit, replayRetentionMs, replayAnswerLimit,
                replayBudgetBytes, orphanGraceMs);
    }

    public PipelineSettings withClientAskRate(int burst, long refillMs) {
        return new PipelineSettings(coalesceWindowMs, maxAnswersInFlight, askBurst, askRefillMs, burst, refillMs,
                answerTimeoutMs, replayEventLimit, replayRetentionMs, replayAnswerLimit, replayBudgetBytes,
                orphanGraceMs);
    }

    public PipelineSettings withOrphanGraceMs(long value) {
        return new PipelineSettings(coalesceWindowMs, maxAnswersInFlight, askBurst, askRefillMs, clientAskBurst,
                clientAskRefillMs, answerTimeoutMs, replayEventLimit, replayRetentionMs, replayAnswerLimit,
                replayBudgetBytes, value);
    }

    public PipelineSettings withAnswerTimeoutMs(long value) {
        return new PipelineSettings(coalesceWindowMs, maxAnswersInFlight, askBurst, askRefillMs, clientAskBurst,
                clientAskRefillMs, value, replayEventLimit, replayRetentionMs, replayAnswerLimit,
                replayBudgetBytes, orphanGraceMs);
    }
}
