package dev.glassbox.redteam;

import dev.glassbox.core.testing.RawHttp;
import dev.glassbox.core.testing.RawWebSocket;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The attacks both runtimes face, each bounded in bytes, sockets and time. */
final class Attacks {
    /** Attackers come from other loopback addresses than the legitimate client (127.0.0.1). */
    static final String FLOODER = "127.0.0.2";
    static final String SLOWLORIS = "127.0.0.3";
    static final String HOGGER = "127.0.0.4";
    static final String BOMBER = "127.0.0.5";
    /** A visitor who tries to act on another visitor's answer. */
    static final String STRANGER = "127.0.0.6";

    private Attacks() {
    }

    /**
     * H1: {@code sockets} clients each write up to 2.6 MB of pings without reading a byte, for at most
     * 15 s; then each socket's fate is read: the status of the close frame the server sent, or -1
     * when it sent none (still open after 10 s, or cut without one).
     */
    static List<Integer> pingFlood(int port, String path, String origin, int sockets) throws Exception {
        List<RawWebSocket> flooders = new ArrayList<>();
        List<Thread> writers = new ArrayList<>();
        byte[] ping = "x".repeat(125).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < sockets; i++) {
            RawWebSocket flooder = RawWebSocket.connect(FLOODER, port, path, origin);
            flooders.add(flooder);
            Thread writer = new Thread(() -> {
                try {
                    for (int n = 0; n < 20_000; n++) {
                        flooder.send(RawWebSocket.PING, true, ping);
                    }
                } catch (IOException cut) {
                    // the server closed it while pings were still going out
                }
            });
            writer.start();
            writers.add(writer);
        }
        for (Thread writer : writers) {
            writer.join(15_000);
        }
        List<Integer> fates = new ArrayList<>();
        for (RawWebSocket flooder : flooders) {
            fates.add(flooder.awaitClose(10_000));
            flooder.close(); // also ends a writer still blocked on a full socket
        }
        return fates;
    }

    /**
     * {@code sockets} clients of {@link #FLOODER} each write small protocol messages (pings), 2,000 at a
     * time, and never read the replies, for {@code seconds}. Returns how many of them the server closed
     * meanwhile.
     */
    static int messageFlood(int port, int sockets, int seconds) throws Exception {
        List<RawWebSocket> flooders = new ArrayList<>();
        List<Thread> writers = new ArrayList<>();
        AtomicInteger cut = new AtomicInteger();
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        try {
            for (int i = 0; i < sockets; i++) {
                RawWebSocket flooder = RawWebSocket.connect(FLOODER, port, "/ws", null);
                flooders.add(flooder);
                Thread writer = new Thread(() -> {
                    try {
                        while (System.currentTimeMillis() < deadline) {
                            flooder.sendTexts("{\"action\":\"ping\"}", 2_000);
                        }
                    } catch (IOException closedByServer) {
                        cut.incrementAndGet();
                    }
                });
                writer.start();
                writers.add(writer);
            }
            for (Thread writer : writers) {
                writer.join(Math.max(1, deadline - System.currentTimeMillis()));
            }
            return cut.get();
        } finally {
            for (RawWebSocket flooder : flooders) {
                flooder.close(); // also ends a writer still blocked on a full socket
            }
        }
    }

    /**
     * M4: {@code count} connections from {@link #SLOWLORIS} each send a header line every 500 ms and
     * never finish their request; {@code whileOpen} runs while they do. Returns how many the server
     * had not closed after {@code maxSeconds}.
     */
    static int slowloris(int port, int count, int maxSeconds, ThrowingRunnable whileOpen) throws Exception {
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                Socket socket = RawHttp.connect(SLOWLORIS, port);
                socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
                open.add(socket);
            }
            whileOpen.run();
            long deadline = System.currentTimeMillis() + maxSeconds * 1000L;
            while (!open.isEmpty() && System.currentTimeMillis() < deadline) {
                List<Socket> closed = new ArrayList<>();
                for (Socket socket : open) {
                    if (cut(socket)) {
                        closed.add(socket);
                    }
                }
                open.removeAll(closed);
                for (Socket socket : closed) {
                    socket.close();
                }
                Thread.sleep(500);
            }
            return open.size();
        } finally {
            for (Socket socket : open) {
                socket.close();
            }
        }
    }

    private static boolean cut(Socket socket) throws IOException {
        try {
            OutputStream out = socket.getOutputStream();
            out.write("X-a: b\r\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException reset) {
            return true;
        }
        return RawHttp.closedByPeer(socket, 5);
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
