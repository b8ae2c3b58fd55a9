package dev.glassbox.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.testing.ProtocolClient;
import dev.glassbox.core.testing.RawHttp;
import dev.glassbox.core.testing.RawWebSocket;
import dev.glassbox.server.LocalServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The holes an outside test found in the server's HTTP and WebSocket layers, each tried and shown closed. */
class HardeningTest {
    private static Vertx clients;
    private static LocalServer server;

    @BeforeAll
    static void start() throws Exception {
        clients = Vertx.vertx();
        server = LocalServer.start(LocalServer.KNOWLEDGE, Map.of("GLASSBOX_BACKEND", "paced",
                "GLASSBOX_MAX_SOCKETS_PER_IP", "3", "GLASSBOX_MAX_CONNECTIONS_PER_IP", "16",
                "GLASSBOX_HEADER_TIMEOUT_MS", "2000"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        LocalServer.await(clients.close(), Duration.ofSeconds(10));
    }

    @Test
    void inventedHttpMethodsDoNotCreateMetricSeries() throws Exception {
        for (int i = 0; i < 30; i++) {
            assertThat(raw("QWERTY" + i + " / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")).isNotEmpty();
        }
        String metrics = raw("GET /metrics HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(metrics).contains("method=\"OTHER\"").doesNotContain("QWERTY");
    }

    @Test
    void onlyThisServersHostNamesAreAnswered() throws Exception {
        assertThat(raw("GET /healthz HTTP/1.1\r\nHost: rebound.evil.example\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 421");
        assertThat(raw("GET /healthz HTTP/1.1\r\nHost: localhost:" + server.port() + "\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200");
        assertThat(raw("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200");
    }

    @Test
    void headHealthzIsOkAndTheBuildFileIsNotServed() throws Exception {
        assertThat(raw("HEAD /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200");
        assertThat(raw("GET /pom.xml HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 404");
    }

    @Test
    void cleartextHttp2IsOff() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade, "
                    + "HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] statusLine = socket.getInputStream().readNBytes(15);
            assertThat(new String(statusLine, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    @Test
    void aConnectionThatDoesNotFinishItsHeadersIsClosed() throws Exception {
        // A byte now and then keeps it from ever looking idle; only the header timeout can end it.
        assertThat(RawHttp.slowHeadersAreCut(server.port(), 20)).as("closed within 20 s by the 2 s header timeout")
                .isTrue();
    }

    @Test
    void oneAddressCannotHoldEveryConnection() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                held.add(new Socket("127.0.0.1", server.port()));
            }
            int answered = 0;
            for (Socket socket : held) {
                socket.setSoTimeout(10_000);
                try {
                    socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    answered += socket.getInputStream().read() == 'H' ? 1 : 0;
                } catch (IOException refused) {
                    // closed by the server at once
                }
            }
            assertThat(answered).as("connections answered out of 20, with a cap of 16").isBetween(1, 16);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        while (true) {
            // until the server has seen every one of them close
            try (Socket probe = new Socket("127.0.0.1", server.port())) {
                if (!RawHttp.closedByPeer(probe)) {
                    break;
                }
            }
        }
    }

    @Test
    void oneAddressCannotHoldEverySocket() throws Exception {
        List<ProtocolClient> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                // in service before the next opens: the cap counts in the order the server takes sockets on
                held.add(ProtocolClient.connect(clients, server.port()).inService());
            }
            try (ProtocolClient extra = ProtocolClient.connect(clients, server.port())) {
                JsonObject busy = extra.next();
                assertThat(busy.getString("code")).isEqualTo("busy");
                assertThat(busy.getString("message")).contains("Your address already holds 3");
                assertThat(extra.awaitClose(Duration.ofSeconds(5))).isEqualTo((short) 1013);
            }
        } finally {
            for (ProtocolClient client : held) {
                client.close();
            }
        }
    }

    @Test
    void socketsOpenedAndClosedOneAfterAnotherGiveTheirConnectionsBack() throws Exception {
        // Vert.x calls no close handler of a connection upgraded to a WebSocket: the server once counted every
        // socket an address ever opened against its 16 connections, and refused it everything after that.
        for (int i = 0; i < 24; i++) { // more than the 16 connections an address may hold
            connectWithin(Duration.ofSeconds(10)).close();
        }
        List<ProtocolClient> held = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                held.add(connectWithin(Duration.ofSeconds(10))); // the fourth is refused with 1013 and closes
            }
        } finally {
            for (ProtocolClient client : held) {
                client.close();
            }
        }
        connectWithin(Duration.ofSeconds(10)).close();
    }

    /** A socket, once the server has seen the ones before it close (a close reaches it a moment later). */
    private static ProtocolClient connectWithin(Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                return ProtocolClient.connect(clients, server.port());
            } catch (Exception refused) {
                if (System.nanoTime() > deadline) {
                    throw refused;
                }
                Thread.sleep(100);
            }
        }
    }

    @Test
    void aPingFloodIsCutWith1013() throws Exception {
        try (ProtocolClient flooder = ProtocolClient.connect(clients, server.port())) {
            try {
                for (int i = 0; i < 50 && !flooder.isClosed(); i++) {
                    flooder.sendFrame(WebSocketFrame.pingFrame(Buffer.buffer("x".repeat(125))));
                }
            } catch (ExecutionException closedWhileWriting) {
                // the server cut it while pings were still going out
            }
            assertThat(flooder.awaitClose(Duration.ofSeconds(5))).isEqualTo((short) 1013);
        }
    }

    @Test
    void aMessageOverThirtyTwoKilobytesInFragmentsGetsAnErrorAndTheSocketGoesOn() throws Exception {
        try (ProtocolClient client = ProtocolClient.connect(clients, server.port())) {
            client.sendFrame(WebSocketFrame.textFrame("{\"action\":\"ping\",\"pad\":\"", false));
            for (int i = 0; i < 5; i++) {
                client.sendFrame(WebSocketFrame.continuationFrame(Buffer.buffer("x".repeat(10_000)), false));
            }
            client.sendFrame(WebSocketFrame.continuationFrame(Buffer.buffer("\"}"), true));
            JsonObject error = client.next();
            assertThat(error.getString("code")).isEqualTo("too_large");
            client.send("{\"action\":\"ping\"}");
            assertThat(client.next().getString("type")).isEqualTo("pong");
        }
    }

    @Test
    void aSingleFrameOverThirtyTwoKilobytesClosesTheSocket() throws Exception {
        try (ProtocolClient client = ProtocolClient.connect(clients, server.port())) {
            client.sendFrame(WebSocketFrame.textFrame("x".repeat(33 * 1024), true));
            // Netty's frame decoder drops the connection, without a close frame.
            assertThat(client.awaitClose(Duration.ofSeconds(5))).isIn((short) 1006, (short) 1009);
        }
    }

    @Test
    void textThatIsNotUtf8ClosesWith1007() throws Exception {
        try (ProtocolClient client = ProtocolClient.connect(clients, server.port())) {
            client.sendFrame(WebSocketFrame.textFrame("{\"action\":\"ping\",\"x\":\"", false));
            client.sendFrame(WebSocketFrame.continuationFrame(Buffer.buffer(new byte[] {(byte) 0xC3, 0x28, '"', '}'}),
                    true));
            assertThat(client.awaitClose(Duration.ofSeconds(5))).isEqualTo((short) 1007);
        }
    }

    @Test
    void malformedRequestsGetAPlain400AndNothingIsLogged() throws Exception {
        // vertx-web logged a SEVERE line, most with a stack trace, for each of these: a way to fill the log.
        List<LogRecord> logged = loggedAtOrAbove(Level.WARNING, () -> {
            for (String request : List.of("GET /%zz HTTP/1.1\r\nHost: localhost\r\n",
                    "GET /healthz% HTTP/1.1\r\nHost: localhost\r\n",
                    "GET /healthz?format=%zz HTTP/1.1\r\nHost: localhost\r\n",
                    "GET /healthz HTTP/1.1\r\n",
                    "GET /healthz HTTP/1.1\r\nHost: localhost:abc\r\n",
                    "GET /healthz HTTP/1.1\r\nHost: localhost\r\nHost: rebound.evil.example\r\n",
                    "GET * HTTP/1.1\r\nHost: localhost\r\n",
                    "CONNECT localhost:80 HTTP/1.1\r\nHost: localhost\r\n",
                    "GET http://rebound.evil.example/healthz HTTP/1.1\r\n",
                    "GET http://localhost/healthz HTTP/1.1\r\nHost: localhost\r\n")) {
                assertThat(raw(request + "Connection: close\r\n\r\n")).as(request).startsWith("HTTP/1.1 400")
                        .doesNotContain("Exception");
            }
            assertThat(raw("GET /index.html HTTP/1.1\r\nHost: localhost\r\nRange: bytes=99999999999999999999-\r\n"
                    + "Connection: close\r\n\r\n")).startsWith("HTTP/1.1 416");
            assertThat(raw("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
                    .startsWith("HTTP/1.1 200");
        });
        assertThat(logged).extracting(LogRecord::getMessage).isEmpty();
    }

    @Test
    void clientsThatResetTheirConnectionWhileThePageIsSentCostTheLogNothing() throws Exception {
        // Each reset while a static file went out logged SEVERE with a stack trace: 2.4 KB of log a request.
        // (Micrometer warns once, at WARNING, about a gauge the second event loop's server registers again.)
        List<LogRecord> logged = loggedAtOrAbove(Level.SEVERE, () -> {
            for (int i = 0; i < 100; i++) {
                try (Socket socket = new Socket()) {
                    socket.setReceiveBufferSize(1024);
                    socket.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
                    socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    socket.getInputStream().readNBytes(100);
                    socket.setSoLinger(true, 0); // close with a reset while the rest of the page is on its way
                }
            }
            Thread.sleep(500);
            assertThat(raw("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200");
        });
        assertThat(logged).extracting(LogRecord::getMessage).isEmpty();
    }

    @Test
    void aFloodingClientThatNeverReadsCostsTheLogNoLineWhenItsSocketCloses() throws Exception {
        // Each frame queued for a closed socket failed with "Connection was closed", logged one line each: up to
        // 14 lines a socket, so a flood of sockets flooded the log too.
        Recorder recorder = new Recorder();
        List<LogRecord> logged = recorder.records;
        Logger endpointLog = Logger.getLogger(WebSocketEndpoint.class.getName());
        endpointLog.addHandler(recorder);
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096); // so the replies pile up in the server, not in this kernel
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII)).endsWith("101");
            // Masked one-byte binary frames: each is answered with a bad_request error of about 130 bytes.
            byte[] frame = {(byte) 0x82, (byte) 0x81, 1, 2, 3, 4, 'x' ^ 1};
            byte[] frames = new byte[frame.length * 4_000];
            for (int i = 0; i < 4_000; i++) {
                System.arraycopy(frame, 0, frames, i * frame.length, frame.length);
            }
            socket.getOutputStream().write(frames);
            Thread.sleep(1_000);
        }
        Thread.sleep(1_000);
        endpointLog.removeHandler(recorder);
        assertThat(logged).extracting(r -> r.getMessage() + " " + Arrays.toString(r.getParameters()))
                .filteredOn(line -> line.contains("Connection was closed")).isEmpty();
    }

    @Test
    void rejectedOriginsCostTheLogAShortLineNowAndThenNotALineForEachHandshake() throws Exception {
        // Pipelined on one connection, handshakes with an Origin of 7.8 KB each wrote a line with all of it.
        String handshake = "GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: http://evil.example/"
                + "a".repeat(7_800) + "\r\n\r\n";
        String[] answers = new String[1];
        List<LogRecord> logged = loggedAtOrAbove(Level.INFO, () -> answers[0] = raw(handshake.repeat(200)));
        assertThat(answers[0].split("HTTP/1.1 403", -1)).as("handshakes refused").hasSize(201);
        List<LogRecord> rejected = logged.stream().filter(r -> r.getMessage().equals("websocket origin rejected")).toList();
        assertThat(rejected).as("lines for 200 rejected origins").hasSizeLessThanOrEqualTo(1);
        assertThat(rejected).allSatisfy(line -> assertThat(String.valueOf(((Map<?, ?>) line.getParameters()[0])
                .get("origin"))).hasSizeLessThanOrEqualTo(100));
    }

    @Test
    void socketsThatBreakTheFramingCostTheLogALineNowAndThenNotALineEach() throws Exception {
        // A frame with a reserved opcode fails the socket: 500 such sockets wrote 137 KB of log in a second.
        List<LogRecord> logged = loggedAtOrAbove(Level.INFO, () -> {
            for (int i = 0; i < 50; i++) {
                try (RawWebSocket socket = RawWebSocket.connect(server.port(), "/ws", null)) {
                    socket.sendRaw(0x83, new byte[0]);
                    assertThat(socket.awaitClose(5_000)).isEqualTo(1002);
                }
            }
        });
        assertThat(logged).filteredOn(line -> line.getMessage().equals("websocket error"))
                .as("lines for 50 sockets that broke the framing").hasSizeLessThanOrEqualTo(1);
    }

    /** What every logger logged at {@code level} or above while {@code attack} ran. */
    private static List<LogRecord> loggedAtOrAbove(Level level, Attack attack) throws Exception {
        Recorder recorder = new Recorder();
        recorder.setLevel(level);
        Logger root = Logger.getLogger("");
        root.addHandler(recorder);
        try {
            attack.run();
        } finally {
            root.removeHandler(recorder);
        }
        return recorder.records;
    }

    @FunctionalInterface
    private interface Attack {
        void run() throws Exception;
    }

    /** Keeps the log records at or above its level. */
    private static final class Recorder extends Handler {
        final List<LogRecord> records = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private static String raw(String request) throws IOException {
        return RawHttp.exchange(server.port(), request);
    }
}
