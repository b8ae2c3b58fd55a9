package dev.glassbox.lambda;

import dev.glassbox.core.log.Log;
import dev.glassbox.core.pipeline.FrameSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Logger;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/**
 * One answer's frames to a WebSocket through API Gateway's {@code @connections} API, posted one
 * after another so they arrive in order. The frames are also kept (bounded), so that when the
 * visitor comes back on a new connection and resumes, {@link #redirect} posts there what that
 * connection has not seen and the rest follows. A 410 Gone (the visitor left, or is reloading)
 * stops posting until then; {@link #goneForMs} tells the worker how long. The answer's last frame
 * is kept for {@code resume} before it is posted, so a visitor who resumes as soon as it arrives
 * always finds it.
 */
public final class ConnectionsSink implements FrameSink {
    private static final Logger LOG = Logger.getLogger(ConnectionsSink.class.getName());
    /** Frames of one answer kept for a resume: the local server's limits per answer. */
    static final int MAX_KEPT_FRAMES = 4_096;
    static final long MAX_KEPT_CHARS = 512 * 1024;

    private final ApiGatewayManagementApiAsyncClient connections;
    private final Consumer<String> keepFinal;
    private final AtomicInteger posts = new AtomicInteger();
    /** The answer's frames in seq order (the pipeline numbers every frame it sends here from 0). */
    private final List<String> kept = new ArrayList<>();
    private long keptChars;
    /** Frames sent so far, kept or not: the seq of the next one. */
    private int sent;
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private volatile String connectionId;
    /** When the current connection answered 410 Gone, or -1 while it takes posts. */
    private volatile long goneAtMs = -1;

    /** {@code keepFinal} may block; it runs off the caller's thread, after every earlier post. */
    public ConnectionsSink(ApiGatewayManagementApiAsyncClient connections, String connectionId,
                           Consumer<String> keepFinal) {
        this.connections = connections;
        this.connectionId = connectionId;
        this.keepFinal = keepFinal;
    }

    @Override
    public synchronized void send(String frame) {
        keep(frame);
        tail = tail.thenCompose(v -> post(frame));
    }

    @Override
    public synchronized void sendFinal(String frame) {
        keep(frame);
        tail = tail.thenRunAsync(() -> keepFinal.accept(frame))
                .exceptionally(error -> {
                    Log.warn(LOG, "could not keep the final event; resume will not find it", error,
                            "connectionId", connectionId);
                    return null;
                })
                .thenCompose(v -> post(frame));
    }

    /**
     * From now on posts to {@code newConnectionId}: first every kept frame sent so far with a seq
     * above {@code after} (what that connection has not seen), then what follows. Frames past the
     * keeping limit are not replayed; the final event still carries the whole text.
     */
    public synchronized void redirect(String newConnectionId, long after) {
        int upTo = sent;
        tail = tail.thenCompose(v -> {
            connectionId = newConnectionId;
            goneAtMs = -1;
            CompletableFuture<Void> replay = CompletableFuture.completedFuture(null);
            for (long seq = Math.max(0, after + 1); seq < Math.min(upTo, keptCount()); seq++) {
                String frame = keptFrame((int) seq);
                replay = replay.thenCompose(x -> post(frame));
            }
            return replay;
        });
    }

    /** How long the current connection has been gone (410), or -1 while it takes posts. */
    public long goneForMs(long nowMs) {
        long since = goneAtMs;
        return since < 0 ? -1 : nowMs - since;
    }

    /** Completes when every frame sent so far has been posted, or skipped because the connection was gone. */
    public synchronized CompletableFuture<Void> drained() {
        return tail;
    }

    public int posts() {
        return posts.get();
    }

    private void keep(String frame) {
        sent++;
        // Kept frames must run from seq 0 without a gap, so once one is not kept, none after it are.
        if (kept.size() == sent - 1 && kept.size() < MAX_KEPT_FRAMES && keptChars + frame.length() <= MAX_KEPT_CHARS) {
            kept.add(frame);
            keptChars += frame.length();
        }
    }

    private synchronized int keptCount() {
        return kept.size();
    }

    private synchronized String keptFrame(int seq) {
        return kept.get(seq);
    }

    /** Runs on the chain, one post at a time; a gone connection gets no further posts until a redirect. */
    private CompletableFuture<Void> post(String frame) {
        if (goneAtMs >= 0) {
            return CompletableFuture.completedFuture(null);
        }
        String to = connectionId;
        posts.incrementAndGet();
        return connections.postToConnection(p -> p.connectionId(to).data(SdkBytes.fromUtf8String(frame)))
                .<Void>thenApply(response -> null)
                .exceptionally(error -> {
                    Throwable cause = error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    if (cause instanceof GoneException && goneAtMs < 0 && to.equals(connectionId)) {
                        goneAtMs = System.currentTimeMillis();
                    }
                    return null;
                });
    }
}
