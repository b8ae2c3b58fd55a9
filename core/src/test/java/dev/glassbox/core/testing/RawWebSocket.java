package dev.glassbox.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A WebSocket client on a plain socket, for attacks a well-behaved client library will not make:
 * frames written without ever reading, control-frame floods, text that is not UTF-8, and reading
 * exactly which frames the server sent, close frame included.
 */
public final class RawWebSocket implements AutoCloseable {
    public static final int TEXT = 1;
    public static final int CONTINUATION = 0;
    public static final int CLOSE = 8;
    public static final int PING = 9;

    /** One frame from the server. */
    public record Frame(int opcode, boolean fin, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The status of a close frame, or 1005 when it has none. */
        public int closeStatus() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final String handshake;

    private RawWebSocket(Socket socket, String handshake) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.handshake = handshake;
    }

    /** Opens {@code path} on 127.0.0.1:{@code port}; {@link #status()} says whether the upgrade was accepted. */
    public static RawWebSocket connect(int port, String path, String origin) throws IOException {
        return connect("127.0.0.1", port, path, origin);
    }

    /** The same, from the loopback address {@code from} (127.0.0.2 is another client than 127.0.0.1). */
    public static RawWebSocket connect(String from, int port, String path, String origin) throws IOException {
        Socket socket = RawHttp.connect(from, port);
        socket.setSoTimeout(20_000);
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        String request = "GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(key) + "\r\n" + (origin == null ? "" : "Origin: " + origin + "\r\n")
                + "\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        // Byte by byte up to the blank line, so no frame after the handshake is consumed here.
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = socket.getInputStream().read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return new RawWebSocket(socket, head.toString(StandardCharsets.ISO_8859_1));
    }

    /** The handshake's HTTP status: 101 when upgraded. */
    public int status() {
        String[] statusLine = handshake.split(" ", 3);
        return statusLine.length < 2 ? -1 : Integer.parseInt(statusLine[1]);
    }

    public void sendText(String text) throws IOException {
        send(TEXT, true, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes one masked frame, as a browser must. */
    public void send(int opcode, boolean fin, byte[] payload) throws IOException {
        out.write(frame(opcode, fin, payload));
    }

    /** Writes one masked frame whose first byte (FIN, RSV bits, opcode) is {@code firstByte}, valid or not. */
    public void sendRaw(int firstByte, byte[] payload) throws IOException {
        out.write(frame(firstByte, payload));
    }

    /**
     * Writes a final text frame of {@code text} but its last {@code withheld} bytes, as a frame still arriving;
     * returns those bytes, for {@link #sendBytes}.
     */
    public byte[] sendAllBut(int withheld, String text) throws IOException {
        byte[] frame = frame(TEXT, true, text.getBytes(StandardCharsets.UTF_8));
        out.write(frame, 0, frame.length - withheld);
        return Arrays.copyOfRange(frame, frame.length - withheld, frame.length);
    }

    /** Writes bytes as they are, such as the rest of a frame. */
    public void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    /** Writes {@code copies} text frames of {@code text} at once, as a client flooding small messages does. */
    public void sendTexts(String text, int copies) throws IOException {
        byte[] one = frame(TEXT, true, text.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream all = new ByteArrayOutputStream(one.length * copies);
        for (int i = 0; i < copies; i++) {
            all.writeBytes(one);
        }
        out.write(all.toByteArray());
    }

    private static byte[] frame(int opcode, boolean fin, byte[] payload) {
        return frame((fin ? 0x80 : 0) | opcode, payload);
    }

    /** A masked frame whose first byte (FIN, RSV bits, opcode) is {@code firstByte}. */
    static byte[] frame(int firstByte, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(firstByte);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65_536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift) & 0xff);
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        return frame.toByteArray();
    }

    /** The next frame, or null once the server has closed the connection or sent nothing for {@code timeoutMs}. */
    public Frame read(int timeoutMs) throws IOException {
        socket.setSoTimeout(timeoutMs);
        try {
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            long length = second & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            return new Frame(first & 0x0f, (first & 0x80) != 0, payload);
        } catch (IOException endSilenceOrReset) {
            return null;
        }
    }

    /** The first frame whose text contains {@code fragment}, skipping others; null if the socket ends or goes quiet first. */
    public Frame readUntil(String fragment, int timeoutMs) throws IOException {
        Frame frame;
        do {
            frame = read(timeoutMs);
        } while (frame != null && !frame.text().contains(fragment));
        return frame;
    }

    /** The status of the close frame that ends the socket, skipping frames before it; -1 if none comes in time. */
    public int awaitClose(long withinMs) throws IOException {
        long deadline = System.currentTimeMillis() + withinMs;
        while (System.currentTimeMillis() < deadline) {
            Frame frame = read(5_000);
            if (frame == null) {
                return -1;
            }
            if (frame.opcode() == CLOSE) {
                return frame.closeStatus();
            }
        }
        return -1;
    }

    /** True once the server has closed the connection, within {@code withinMs}, whatever it sent before. */
    public boolean closedByPeer(long withinMs) throws IOException {
        long deadline = System.currentTimeMillis() + withinMs;
        while (System.currentTimeMillis() < deadline) {
            socket.setSoTimeout(200);
            try {
                if (in.read() < 0) {
                    return true;
                }
            } catch (java.net.SocketTimeoutException stillOpen) {
                // read again until the deadline
            } catch (IOException reset) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
