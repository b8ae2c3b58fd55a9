package dev.glassbox.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.server.LocalServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clients that stop reading cannot together hold more of the heap than the write budget, however many
 * sockets they open under each one's own queue limit. Bounded: 8 sockets, about 6 MB of replies each,
 * 40 seconds at most.
 */
class WriteBudgetTest {
    /** A masked binary frame of one byte: the server answers each with a bad_request error of 131 bytes. */
    private static final byte[] BINARY_FRAME = {(byte) 0x82, (byte) 0x81, 1, 2, 3, 4, 'x' ^ 1};
    private static LocalServer server;

    @BeforeAll
    static void start() throws Exception {
        // A queue limit per socket above what the attack queues, so only the budget (4 MB per event loop) can cut.
        server = LocalServer.start(LocalServer.KNOWLEDGE, Map.of("GLASSBOX_BACKEND", "paced",
                "GLASSBOX_EVENT_LOOPS", "2", "GLASSBOX_WRITE_QUEUE_BYTES", String.valueOf(32 * 1024 * 1024),
                "GLASSBOX_WRITE_BUDGET_BYTES", String.valueOf(8 * 1024 * 1024)));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void theSocketsHoldingTheMostAreCutOnceTogetherTheyHoldMoreThanTheBudget() throws Exception {
        // Loopback's kernel buffers take about 4 MB a socket first; what is left waits in the heap: about 2 MB
        // a socket, 16 MB in all, against a budget of 8 MB.
        byte[] frames = binaryFrames(48_000);
        List<Socket> attackers = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                attackers.add(openWebSocket("127.0.0.3" + i));
            }
            for (Socket attacker : attackers) {
                attacker.getOutputStream().write(frames);
            }
            Thread.sleep(12_000); // the replies are written, and the budget checked once a second
            int cut = 0;
            for (Socket attacker : attackers) {
                cut += cutOff(attacker) ? 1 : 0;
            }
            assertThat(cut).as("sockets cut of 8 holding about 16 MB unsent, with a budget of 8 MB").isGreaterThanOrEqualTo(2);
        } finally {
            for (Socket attacker : attackers) {
                attacker.close();
            }
        }
        try (Socket visitor = openWebSocket("127.0.0.1")) {
            visitor.getOutputStream().write(BINARY_FRAME);
            assertThat(new String(visitor.getInputStream().readNBytes(100), StandardCharsets.UTF_8))
                    .as("a client that reads is still answered").contains("bad_request");
        }
    }

    private static byte[] binaryFrames(int count) {
        byte[] frames = new byte[BINARY_FRAME.length * count];
        for (int i = 0; i < count; i++) {
            System.arraycopy(BINARY_FRAME, 0, frames, i * BINARY_FRAME.length, BINARY_FRAME.length);
        }
        return frames;
    }

    /** An upgraded /ws connection from loopback address {@code from}, with a small receive buffer. */
    private static Socket openWebSocket(String from) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            int b = socket.getInputStream().read();
            if (b < 0) {
                throw new IOException("closed during the handshake: " + head);
            }
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
        return socket;
    }

    /** Whether the server has closed the connection: reads what it sent until the end, or until 2 s of quiet. */
    private static boolean cutOff(Socket socket) throws IOException {
        socket.setSoTimeout(2_000);
        byte[] buffer = new byte[256 * 1024];
        try {
            while (socket.getInputStream().read(buffer) >= 0) {
                // what the kernels held: read on to the end
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
