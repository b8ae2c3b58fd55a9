package dev.glassbox.lambda;

import dev.glassbox.core.log.Log;
import dev.glassbox.core.pipeline.FrameSink;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Logger;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/**
 * Frames to one WebSocket through API Gateway's {@code @connections} API, posted one after another
 * so they arrive in order. A 410 Gone (the visitor left) stops posting and tells the answer. The
 * answer's last frame is kept for {@code resume} before it is posted, so a visitor who resumes as
 * soon as it arrives always finds it.
 */
public final class ConnectionsSink implements FrameSink {
    private static final Logger LOG = Logger.getLogger(ConnectionsSink.class.getName());
    private final ApiGatewayManagementApiAsyncClient connections;
    private final String connectionId;
    private final Runnable onGone;
    private final Consumer<String> keepFinal;
    private final AtomicInteger posts = new AtomicInteger();
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private volatile boolean gone;

    /** {@code keepFinal} may block; it runs off the caller's thread, after every earlier post. */
    public ConnectionsSink(ApiGatewayManagementApiAsyncClient connections, String connectionId, Runnable onGone,
                           Consumer<String> keepFinal) {
        this.connections = connections;
        this.connectionId = connectionId;
        this.onGone = onGone;
        this.keepFinal = keepFinal;
    }

    @Override
    public synchronized void send(String frame) {
        tail = tail.thenCompose(v -> gone ? CompletableFuture.<Void>completedFuture(null) : post(frame));
    }

    @Override
    public synchronized void sendFinal(String frame) {
        tail = tail.thenRunAsync(() -> keepFinal.accept(frame))
                .exceptionally(error -> {
                    Log.warn(LOG, "could not keep the final event; resume will not find it", error,
                            "connectionId", connectionId);
                    return null;
                })
                .thenCompose(v -> gone ? CompletableFuture.<Void>completedFuture(null) : post(frame));
    }

    /** Completes when every frame sent so far has been posted, or the connection is gone. */
    public synchronized CompletableFuture<Void> drained() {
        return tail;
    }

    public int posts() {
        return posts.get();
    }

    private CompletableFuture<Void> post(String frame) {
        posts.incrementAndGet();
        return connections.postToConnection(p -> p.connectionId(connectionId).data(SdkBytes.fromUtf8String(frame)))
                .<Void>thenApply(response -> null)
                .exceptionally(error -> {
                    Throwable cause = error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    if (cause instanceof GoneException && !gone) {
                        gone = true;
                        onGone.run();
                    }
                    return null;
                });
    }
}
