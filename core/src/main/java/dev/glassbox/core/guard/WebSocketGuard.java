package dev.glassbox.core.guard;

import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
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
 * <li>a message that grows past its limit over several frames is dropped, and the owner told, once per
 *     message;</li>
 * <li>Vert.x does not check that text messages are UTF-8 (it would decode them with replacement
 *     characters): one that is not closes the socket with 1007, as RFC 6455 §8.1 asks;</li>
 * <li>a frame that breaks RFC 6455's framing (unmasked, reserved bits set, an unknown opcode, a control frame
 *     fragmented or over 125 bytes, a continuation of no message, a close code that may not be sent) stops
 *     Netty's decoder, and Vert.x would drop the connection without a close frame: it is closed with the
 *     decoder's status (1002, or 1009 for a frame over the size limit) and reason.</li>
 * </ul>
 * The guard assembles the messages itself and hands each to the owner only once all its frames passed,
 * so no part of a message that closes the socket is ever acted on (Vert.x's own message handlers run before
 * any frame handler: an ask that was not UTF-8 started an answer before the socket closed). Frames are
 * passed on to {@code next}, when given, before their message is delivered. The guard closes the socket
 * through its owner, so the owner knows at once to send nothing more: Vert.x goes on writing after its own
 * close frame until the client answers it. Runs on the socket's context.
 */
public final class WebSocketGuard implements Handler<WebSocketFrame> {
    /** Browsers never ping; the server's own keep-alive gets one pong each interval. */
    public static final int MAX_CONTROL_FRAMES_PER_SECOND = 10;
    public static final short TRY_AGAIN_LATER = 1013;
    public static final short INVALID_PAYLOAD = 1007;
    /** A close frame's reason holds at most 123 bytes. */
    private static final int MAX_REASON_CHARS = 100;

    /** How the guard closes a socket: through its owner, which then stops sending. */
    @FunctionalInterface
    public interface Closer {
        void close(short status, String reason);
    }

    /** Who receives the socket's messages, each whole and checked. */
    public interface Messages {
        void text(String message);

        void binary(Buffer message);
    }

    private final ServerWebSocket socket;
    private final Closer closer;
    private final int maxMessageBytes;
    private final Runnable onMessageTooLarge;
    private final Handler<WebSocketFrame> next;
    private final Messages messages;
    private boolean closedByGuard;
    private long windowStartMs;
    private int controlFrames;
    private long messageBytes;
    /** While a text message arrives: its decoder, and the bytes of a character split across frames. */
    private CharsetDecoder text;
    private ByteBuffer carried;
    /** The message arriving, as far as it has come; null once it is over its limit (then dropped). */
    private StringBuilder textMessage;
    private Buffer binaryMessage;

    private WebSocketGuard(ServerWebSocket socket, Closer closer, int maxMessageBytes, Runnable onMessageTooLarge,
                           Handler<WebSocketFrame> next, Messages messages) {
        this.socket = socket;
        this.closer = closer;
        this.maxMessageBytes = maxMessageBytes;
        this.onMessageTooLarge = onMessageTooLarge;
        this.next = next;
        this.messages = messages;
    }

    /**
     * Guards {@code socket}; takes its frame handler and its exception handler (see {@link #failed}). Set no
     * message handler on the socket: Vert.x would run it before the guard has seen the message's frames.
     *
     * @param closer closes the socket for the guard
     * @param onMessageTooLarge called once for each message over {@code maxMessageBytes}, which is dropped
     * @param next also sees every frame, or null
     * @param messages receives each message that passed
     */
    public static WebSocketGuard install(ServerWebSocket socket, Closer closer, int maxMessageBytes,
                                         Runnable onMessageTooLarge, Handler<WebSocketFrame> next, Messages messages) {
        WebSocketGuard guard = new WebSocketGuard(socket, closer, maxMessageBytes, onMessageTooLarge, next, messages);
        socket.frameHandler(guard);
        socket.exceptionHandler(guard::failed);
        return guard;
    }

    /**
     * The socket's errors: one raised by Netty's decoder on a frame that breaks RFC 6455 closes the socket with
     * the decoder's status and reason; others (a reset, writes failed by a close) need nothing from the guard.
     */
    public void failed(Throwable error) {
        if (error instanceof CorruptedWebSocketFrameException corrupt && !closedByGuard) {
            String reason = corrupt.getMessage() == null ? corrupt.closeStatus().reasonText() : corrupt.getMessage();
            close((short) corrupt.closeStatus().code(), "Protocol error: "
                    + reason.substring(0, Math.min(reason.length(), MAX_REASON_CHARS)));
        }
    }

    @Override
    public void handle(WebSocketFrame frame) {
        if (closedByGuard || socket.isClosed()) {
            return;
        }
        WebSocketFrameType type = frame.type();
        boolean data = type == WebSocketFrameType.TEXT || type == WebSocketFrameType.BINARY
                || type == WebSocketFrameType.CONTINUATION;
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
        } else if (data && !take(frame)) {
            return;
        }
        if (socket.writeQueueFull()) {
            close(TRY_AGAIN_LATER, "Too slow: the client is not reading its messages.");
            return;
        }
        if (next != null) {
            next.handle(frame);
        }
        if (data && frame.isFinal() && !closedByGuard && !socket.isClosed()) {
            deliver();
        }
    }

    /** Adds a data frame to its message; false when the socket was closed for it. */
    private boolean take(WebSocketFrame frame) {
        WebSocketFrameType type = frame.type();
        if (type == WebSocketFrameType.TEXT) {
            text = StandardCharsets.UTF_8.newDecoder();
            carried = ByteBuffer.allocate(0);
            textMessage = new StringBuilder();
            binaryMessage = null;
        } else if (type == WebSocketFrameType.BINARY) {
            text = null;
            textMessage = null;
            binaryMessage = Buffer.buffer();
        }
        long before = type == WebSocketFrameType.CONTINUATION ? messageBytes : 0;
        messageBytes = before + frame.binaryData().length();
        if (before <= maxMessageBytes && messageBytes > maxMessageBytes) {
            onMessageTooLarge.run();
        }
        if (messageBytes > maxMessageBytes) {
            binaryMessage = null; // dropped; a text message is still checked to its end, so the builder goes
        }
        if (text != null) {
            CharBuffer decoded = decode(frame.binaryData(), frame.isFinal());
            if (decoded == null) {
                close(INVALID_PAYLOAD, "Text must be UTF-8.");
                return false;
            }
            if (textMessage != null && messageBytes <= maxMessageBytes) {
                textMessage.append(decoded);
            } else {
                textMessage = null;
            }
        } else if (binaryMessage != null) {
            binaryMessage.appendBuffer(frame.binaryData());
        }
        return true;
    }

    /** Hands the message that has just ended to the owner, unless it was dropped. */
    private void deliver() {
        if (textMessage != null) {
            String message = textMessage.toString();
            textMessage = null;
            messages.text(message);
        } else if (binaryMessage != null) {
            Buffer message = binaryMessage;
            binaryMessage = null;
            messages.binary(message);
        }
    }

    private void close(short status, String reason) {
        closedByGuard = true;
        closer.close(status, reason);
    }

    /** Feeds one frame of a text message to its decoder: its characters, or null at the first byte that cannot be UTF-8. */
    private CharBuffer decode(Buffer data, boolean last) {
        ByteBuffer in = ByteBuffer.allocate(carried.remaining() + data.length()).put(carried).put(data.getBytes()).flip();
        CharBuffer out = CharBuffer.allocate(in.remaining());
        CoderResult result = text.decode(in, out, last);
        if (last) {
            result = result.isError() ? result : text.flush(out);
            text = null;
        }
        carried = in;
        return result.isError() ? null : out.flip();
    }
}
