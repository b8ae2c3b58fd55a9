package dev.glassbox.core.guard;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

/**
 * What a WebSocket we serve needs beyond Vert.x's defaults, for the local server and the local API
 * Gateway alike:
 * <ul>
 * <li>Vert.x answers every PING with a PONG written outside any write-queue check, so a client that
 *     pings and never reads grows the heap: more than {@link #MAX_CONTROL_FRAMES_PER_SECOND} pings and
 *     pongs in a second close the socket with 1013;</li>
 * <li>a client that sends while its write queue is full is not reading what it is sent: its socket is
 *     closed with 1013 at once. Pausing it instead would not bound the heap: Netty has read up to a
 *     megabyte ahead, and Vert.x keeps every frame decoded from that for the paused socket, about a hundred
 *     bytes of heap for each (a few hundred sockets sending 17-byte messages filled a 512 MB heap);</li>
 * <li>Vert.x drops a message that grows past its limit over several frames without a word: the owner
 *     is told, once per message;</li>
 * <li>Vert.x does not check that text messages are UTF-8 (it would decode them with replacement
 *     characters): one that is not closes the socket with 1007, as RFC 6455 §8.1 asks.</li>
 * </ul>
 * Frames are then passed on to {@code next}, when given. The guard closes the socket through its
 * owner, so the owner knows at once to send nothing more: Vert.x goes on writing after its own close
 * frame until the client answers it. Runs on the socket's context.
 */
public final class WebSocketGuard implements Handler<WebSocketFrame> {
    /** Browsers never ping; the server's own keep-alive gets one pong each interval. */
    public static final int MAX_CONTROL_FRAMES_PER_SECOND = 10;
    public static final short TRY_AGAIN_LATER = 1013;
    public static final short INVALID_PAYLOAD = 1007;

    /** How the guard closes a socket: through its owner, which then stops sending. */
    @FunctionalInterface
    public interface Closer {
        void close(short status, String reason);
    }

    private final ServerWebSocket socket;
    private final Closer closer;
    private final int maxMessageBytes;
    private final Runnable onMessageTooLarge;
    private final Handler<WebSocketFrame> next;
    private boolean closedByGuard;
    private long windowStartMs;
    private int controlFrames;
    private long messageBytes;
    /** While a text message arrives: its decoder, and the bytes of a character split across frames. */
    private CharsetDecoder text;
    private ByteBuffer carried;

    private WebSocketGuard(ServerWebSocket socket, Closer closer, int maxMessageBytes, Runnable onMessageTooLarge,
                           Handler<WebSocketFrame> next) {
        this.socket = socket;
        this.closer = closer;
        this.maxMessageBytes = maxMessageBytes;
        this.onMessageTooLarge = onMessageTooLarge;
        this.next = next;
    }

    /**
     * Guards {@code socket}; takes its frame handler.
     *
     * @param closer closes the socket for the guard
     * @param onMessageTooLarge called once for each message over {@code maxMessageBytes} (Vert.x drops it)
     * @param next also sees every frame, or null
     */
    public static void install(ServerWebSocket socket, Closer closer, int maxMessageBytes, Runnable onMessageTooLarge,
                               Handler<WebSocketFrame> next) {
        socket.frameHandler(new WebSocketGuard(socket, closer, maxMessageBytes, onMessageTooLarge, next));
    }

    @Override
    public void handle(WebSocketFrame frame) {
        if (closedByGuard || socket.isClosed()) {
            return;
        }
        WebSocketFrameType type = frame.type();
        if (type == WebSocketFrameType.PING || type == WebSocketFrameType.PONG) {
            long now = System.currentTimeMillis();
            if (now - windowStartMs >= 1_000) {
                windowStartMs = now;
                controlFrames = 0;
            }
            if (++controlFrames > MAX_CONTROL_FRAMES_PER_SECOND) {
                close(TRY_AGAIN_LATER, "Too many control frames.");
                return;
            }
        } else if (type == WebSocketFrameType.TEXT || type == WebSocketFrameType.BINARY
                || type == WebSocketFrameType.CONTINUATION) {
            long before = type == WebSocketFrameType.CONTINUATION ? messageBytes : 0;
            messageBytes = before + frame.binaryData().length();
            if (before <= maxMessageBytes && messageBytes > maxMessageBytes) {
                onMessageTooLarge.run();
            }
            if (type == WebSocketFrameType.TEXT) {
                text = StandardCharsets.UTF_8.newDecoder();
                carried = ByteBuffer.allocate(0);
            } else if (type == WebSocketFrameType.BINARY) {
                text = null;
            }
            if (text != null && !isUtf8(frame.binaryData(), frame.isFinal())) {
                close(INVALID_PAYLOAD, "Text must be UTF-8.");
                return;
            }
        }
        if (socket.writeQueueFull()) {
            close(TRY_AGAIN_LATER, "Too slow: the client is not reading its messages.");
            return;
        }
        if (next != null) {
            next.handle(frame);
        }
    }

    private void close(short status, String reason) {
        closedByGuard = true;
        closer.close(status, reason);
    }

    /** Feeds one frame of a text message to its decoder; false at the first byte that cannot be UTF-8. */
    private boolean isUtf8(Buffer data, boolean last) {
        ByteBuffer in = ByteBuffer.allocate(carried.remaining() + data.length()).put(carried).put(data.getBytes()).flip();
        CharBuffer out = CharBuffer.allocate(in.remaining());
        CoderResult result = text.decode(in, out, last);
        if (last) {
            result = result.isError() ? result : text.flush(out);
            text = null;
        }
        carried = in;
        return !result.isError();
    }
}
