package dev.glassbox.lambda;

import dev.glassbox.core.pipeline.FrameSink;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/**
 * Frames to one WebSocket through API Gateway's {@code @connections} API, posted one after another
 * so they arrive in order. A 410 Gone (the visitor left) stops posting and tells the answer.
 */
public final class ConnectionsSink implements FrameSink {
    private final ApiGatewayManagementApiAsyncClient connections;
    private final String connectionId;
    private final Runnable onGone;
    private final AtomicInteger posts = new AtomicInteger();
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private volatile boolean gone;

    public ConnectionsSink(ApiGatewayManagementApiAsyncClient connections, String connectionId, Runnable onGone) {
        this.connections = connections;
        this.connectionId = connectionId;
        this.onGone = onGone;
    }

    @Override
    public synchronized void send(String frame) {
        tail = tail.thenCompose(v -> gone ? CompletableFuture.<Void>completedFuture(null) : post(frame));
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
