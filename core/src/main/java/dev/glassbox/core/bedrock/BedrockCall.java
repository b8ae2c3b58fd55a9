package dev.glassbox.core.bedrock;

import dev.glassbox.core.agent.AgentFailure;
import dev.glassbox.core.agent.AgentListener;
import dev.glassbox.core.agent.StopReason;
import dev.glassbox.core.protocol.ErrorCode;
import io.vertx.core.Context;
import java.util.concurrent.CompletableFuture;

/**
 * What both Bedrock answers share: one SDK call in flight at a time, cancel, our own throttle retry,
 * and exactly one end. Each call is an attempt; callbacks of an attempt that was retried or ended
 * are ignored. Everything but {@link #cancel()} runs on the answer's Vert.x context.
 */
abstract class BedrockCall {
    protected final BedrockSettings settings;
    protected final AgentListener listener;
    protected final SdkCallbacks callbacks;
    private final ThrottleRetry retry = new ThrottleRetry();
    private volatile boolean cancelled;
    private volatile CompletableFuture<?> call;
    private boolean ended;
    private int attempt;

    BedrockCall(Context context, BedrockSettings settings, AgentListener listener) {
        this.settings = settings;
        this.listener = listener;
        this.callbacks = new SdkCallbacks(context, bug -> fail(AgentFailure.of(ErrorCode.INTERNAL,
                "Something went wrong while reading Bedrock's answer.", true)));
    }

    /** Cancels the SDK call in flight, which closes its connection. */
    final void cancel() {
        cancelled = true;
        CompletableFuture<?> current = call;
        if (current != null) {
            current.cancel(true);
        }
    }

    /** Starts an attempt: from now on only its callbacks count. */
    protected final int nextAttempt() {
        return ++attempt;
    }

    protected final void track(CompletableFuture<?> sdkCall) {
        call = sdkCall;
    }

    protected final boolean current(int thisAttempt) {
        return thisAttempt == attempt && !ended && !cancelled;
    }

    protected final boolean stopped() {
        return ended || cancelled;
    }

    /**
     * After a failed call: calls {@code again} after a pause if Bedrock throttled before anything was
     * passed on (a retry then repeats nothing), else ends the answer with the failure.
     */
    protected final void retryOrFail(Throwable error, boolean passedOn, String service, Runnable again) {
        if (retry.shouldRetry(error, passedOn)) {
            attempt++; // whatever the failed call still reports is stale now
            callbacks.later(retry.pauseMs(), again);
            return;
        }
        fail(BedrockFailures.toFailure(error, service, settings.readTimeoutMs()));
    }

    protected final void fail(AgentFailure failure) {
        if (ended) {
            return;
        }
        ended = true;
        listener.onFailure(failure);
    }

    protected final void complete(StopReason reason) {
        if (ended) {
            return;
        }
        ended = true;
        listener.onComplete(reason);
    }
}
