package dev.glassbox.server.http;

import dev.glassbox.core.guard.LogThrottle;
import dev.glassbox.core.guard.ReadBudget;
import dev.glassbox.core.guard.WebSocketGuard;
import dev.glassbox.core.log.Log;
import dev.glassbox.core.pipeline.ConnectionHandler;
import dev.glassbox.core.pipeline.FrameSink;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

/**
 * One open WebSocket and what guards it: a bounded write queue, pings, and an idle timeout; its
 * event loop's {@link KeepAlives} also cut it when the loop's sockets together hold too much unsent.
 * Frames may be sent from any thread (an answer resumed elsewhere writes here too).
 */
final class LiveSocket implements FrameSink, WebSocketGuard.Messages {
    private static final Logger LOG = Logger.getLogger(LiveSocket.class.getName());
    static final short GOING_AWAY = 1001;
    static final short TRY_AGAIN_LATER = 1013;
    private static final Buffer PING = Buffer.buffer("glassbox");
    /**
     * The write queue is checked once this many characters have been sent since the last check,
     * not every frame: the check takes the socket's lock, which cost as much as a token's encoding.
     * A client that stops reading is still closed, at most this much (and one frame) later.
     */
    static final int CHECK_EVERY_CHARS = 16 * 1024;

    private final ServerWebSocket socket;
    /** Netty's channel under the socket: the one place that knows how many bytes wait unsent, pongs included. */
    private final Channel channel;
    private final String connectionId;
    private final SocketSettings settings;
    private final LogThrottle slowReaders;
    private ConnectionHandler connection;
    private volatile boolean closing;
    private volatile long lastClientMessageMs = System.currentTimeMillis();
    private volatile long lastPongMs = System.currentTimeMillis();
    /** The event loop's keeper of socket checks, once attached. */
    private volatile KeepAlives keepAlives;
    /** When this socket is next pinged (and checked for idleness); read on its event loop only. */
    private long nextCheckMs;
    /** Written without a lock by whichever thread sends; a rare lost update only delays a check. */
    private int uncheckedChars = CHECK_EVERY_CHARS;

    /** @param slowReaders throttles the line logged for a socket closed because its client stopped reading */
    LiveSocket(ServerWebSocket socket, Channel channel, String connectionId, SocketSettings settings,
               LogThrottle slowReaders) {
        this.socket = socket;
        this.slowReaders = slowReaders;
        this.channel = channel;
        this.connectionId = connectionId;
        this.settings = settings;
        socket.setWriteQueueMaxSize(settings.writeQueueBytes());
    }

    void attach(ConnectionHandler connection, KeepAlives keepAlives) {
        this.connection = connection;
        socket.pongHandler(pong -> lastPongMs = System.currentTimeMillis());
        // The first ping comes at a random moment within the first interval: sockets opened together
        // (a reconnect wave) are then not all pinged in the same second, each interval after.
        nextCheckMs = System.currentTimeMillis() + ThreadLocalRandom.current().nextLong(1, settings.pingIntervalMs() + 1);
        this.keepAlives = keepAlives;
        keepAlives.add(this);
    }

    /** A whole text message, checked by the socket's {@link WebSocketGuard}. */
    @Override
    public void text(String message) {
        lastClientMessageMs = System.currentTimeMillis();
        connection.onText(message);
    }

    @Override
    public void binary(Buffer message) {
        lastClientMessageMs = System.currentTimeMillis();
        connection.onBinary();
    }

    ConnectionHandler connection() {
        return connection;
    }

    String connectionId() {
        return connectionId;
    }

    /** Sends a frame, unless the client has stopped reading: then the socket is closed instead of queueing more. */
    @Override
    public void send(String frame) {
        if (closing) {
            return;
        }
        try {
            uncheckedChars += frame.length();
            if (uncheckedChars >= CHECK_EVERY_CHARS) {
                int sent = uncheckedChars;
                // writeQueueFull also throws once the socket has closed; writing to a closed socket only fails its future.
                if (checkQueueFull()) {
                    long closings = slowReaders.due(1);
                    if (closings > 0) {
                        Log.info(LOG, "closing a socket whose client stopped reading", "connectionId", connectionId,
                                "writeQueueBytes", settings.writeQueueBytes(), "socketsSinceLastLine", closings);
                    }
                    close(TRY_AGAIN_LATER, "Too slow: the client is not reading its messages.");
                    return;
                }
                if (keepAlives != null) {
                    keepAlives.sent(sent); // may cut this socket
                }
                if (closing) {
                    return;
                }
            }
            socket.writeTextMessage(frame);
        } catch (IllegalStateException closedMeanwhile) {
            // The client left before this frame: the answer goes on for a resume.
            closing = true;
        }
    }

    /** Whether the write queue is full; counting starts again from here. */
    private boolean checkQueueFull() {
        uncheckedChars = 0;
        return socket.writeQueueFull();
    }

    Future<Void> close(short status, String reason) {
        closing = true;
        return socket.close(status, reason);
    }

    /** The bytes written to this socket and not yet handed to the operating system; read on its event loop. */
    long unsentBytes() {
        ChannelOutboundBuffer unsent = channel.unsafe().outboundBuffer();
        return unsent == null ? 0 : unsent.totalPendingWriteBytes();
    }

    /**
     * Closes the connection at once, dropping what waits unsent. A close frame would wait behind it, and
     * Vert.x closes a connection only once its queue is written: the close starts at the head of the
     * pipeline, past Vert.x's handler, so it reaches the socket now.
     */
    void cut() {
        closing = true;
        channel.pipeline().firstContext().close();
    }

    /**
     * Closes the socket with 1013 to make room in its event loop's {@link ReadBudget}, and drops the connection
     * at once: waiting for the client's close frame would leave what it holds unfinished in memory meanwhile.
     */
    void evict() {
        close(TRY_AGAIN_LATER, ReadBudget.CLOSE_REASON);
        cut();
    }

    /** Called on its event loop when the socket has closed, whoever closed it. */
    void closed() {
        closing = true;
        if (keepAlives != null) {
            keepAlives.remove(this);
        }
    }

    /** Pings the socket, or closes it when idle or silent, once every ping interval. */
    void keepAliveIfDue(long now) {
        if (now >= nextCheckMs) {
            nextCheckMs = now + settings.pingIntervalMs();
            keepAlive();
        }
    }

    private void keepAlive() {
        long now = System.currentTimeMillis();
        if (now - lastClientMessageMs >= settings.idleTimeoutMs() && connection.runningAnswers() == 0) {
            close((short) 1000, "Idle for " + settings.idleTimeoutMs() / 1000 + " s.");
        } else if (now - lastPongMs > 3 * settings.pingIntervalMs()) {
            Log.info(LOG, "closing a socket that stopped answering pings", "connectionId", connectionId);
            close(GOING_AWAY, "No answer to pings.");
        } else {
            socket.writePing(PING);
        }
    }
}
