package dev.glassbox.lambda.local;

import io.netty.buffer.ByteBufUtil;
import io.vertx.core.http.ServerWebSocket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One open WebSocket of the local API Gateway. Once the gateway closes it, nothing more is sent:
 * Vert.x would go on writing after its own close frame until the client answers it. Its write queue
 * is bounded, and all sockets share a {@link WriteBudget}: a client that stops reading is closed with 1013
 * instead of holding posts in memory.
 */
final class GatewaySocket {
    /** Eight posts of the largest size; an answer's posts come at most 20 a second. */
    static final int WRITE_QUEUE_BYTES = 8 * LocalGateway.MAX_FRAME_BYTES;
    static final short TRY_AGAIN_LATER = 1013;

    private final ServerWebSocket socket;
    private final WriteBudget budget;
    /** Bytes written and not yet taken by the operating system. */
    private final AtomicLong unsent = new AtomicLong();
    private volatile boolean closing;

    GatewaySocket(ServerWebSocket socket, WriteBudget budget) {
        this.socket = socket;
        this.budget = budget;
        socket.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
    }

    /** Sends a text frame; false when the socket is closing or was just closed because its client stopped reading. */
    synchronized boolean send(String text) {
        if (!isOpen()) {
            return false;
        }
        long bytes = ByteBufUtil.utf8Bytes(text);
        if (socket.writeQueueFull() || !budget.allows(unsent.get(), bytes)) {
            close(TRY_AGAIN_LATER, "Too slow: the client is not reading its messages.");
            return false;
        }
        unsent.addAndGet(bytes);
        budget.held(bytes);
        // Completes once the operating system has the frame, or fails when the connection closes.
        socket.writeTextMessage(text).onComplete(written -> {
            unsent.addAndGet(-bytes);
            budget.sent(bytes);
        });
        return true;
    }

    synchronized void close(short status, String reason) {
        if (!closing) {
            closing = true;
            socket.close(status, reason);
        }
    }

    boolean isOpen() {
        return !closing && !socket.isClosed();
    }
}
