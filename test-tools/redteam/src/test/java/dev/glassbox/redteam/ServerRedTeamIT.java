package dev.glassbox.redteam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.testing.LoopbackOnly;
import dev.glassbox.core.testing.ProtocolClient;
import dev.glassbox.core.testing.InflationBomb;
import dev.glassbox.core.testing.RawHttp;
import dev.glassbox.core.testing.RawWebSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every attack of the security audit (issue #16) on the local server, replayed against the packaged
 * jar in a JVM of its own under -Xmx256m with its default limits, its knowledge folder seeded with
 * hostile files. After them all the process must still be healthy, its heap back near where it
 * started, and a legitimate client (127.0.0.1; the attackers come from other loopback addresses)
 * still answered.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServerRedTeamIT {
    private static final String CANARY = "zebra-canary-7731";
    /** What the heap may keep after the attacks, beyond its baseline, once collected: caches warming up. */
    private static final long HEAP_SLACK_BYTES = 48L * 1024 * 1024;

    @TempDir
    static Path temp;
    private static Path knowledge;
    private static Launched server;
    private static int port;
    private static Vertx clients;
    private static long baselineHeap;

    @BeforeAll
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    static void start() throws Exception {
        knowledge = Files.createDirectories(temp.resolve("knowledge"));
        Files.writeString(knowledge.resolve("bakery.md"), """
                # Bakery

                The bakery sells rye bread and poppy seed rolls from Monday to Saturday.

                ## Oven table

                | oven | temperature |
                |---|---|
                | stone oven | 250 degrees |
                | deck oven | 220 degrees |
                """);
        Path secret = Files.writeString(temp.resolve("secret.txt"), "# Zebra\nThe zebra canary secret is " + CANARY + ".\n");
        Files.createSymbolicLink(knowledge.resolve("secret.md"), secret);
        Files.createSymbolicLink(knowledge.resolve("environ.md"), Path.of("/proc/self/environ"));
        Files.writeString(knowledge.resolve("huge.md"), "# Huge\n" + "The zebra canary secret is big. ".repeat(40_000));
        Files.writeString(knowledge.resolve("bare-cr.md"), "# Lone\rThe zebra line ends with a lone carriage return.\r");
        byte[] noise = new byte[64 * 1024];
        new Random(5).nextBytes(noise);
        Files.write(knowledge.resolve("binary.md"), noise);
        // Names and kinds a folder may hold: a link to itself, a FIFO, a name with a newline, one that is not UTF-8.
        Files.createSymbolicLink(knowledge.resolve("loop.md"), Path.of("loop.md"));
        Files.writeString(knowledge.resolve("new\nline.md"), "# Newline\nA file whose name holds a newline.\n");
        Process made = new ProcessBuilder("sh", "-c", "mkfifo fifo.md && printf '# Latin' > \"$(printf 'bad\\377name.md')\"")
                .directory(knowledge.toFile()).start();
        assertThat(made.waitFor(10, TimeUnit.SECONDS) && made.exitValue() == 0).as("a FIFO and a Latin-1 name").isTrue();
        port = Launched.freePort();
        server = Launched.java(Map.of("GLASSBOX_PORT", String.valueOf(port),
                "GLASSBOX_KNOWLEDGE_DIR", knowledge.toString(),
                "GLASSBOX_CACHE_DIR", Files.createDirectories(temp.resolve("cache")).toString(),
                "GLASSBOX_REDTEAM_CANARY", CANARY),
                "-jar", Launched.jar("redteam.serverJar").toString());
        clients = Vertx.vertx();
        server.awaitAnswer(port, "/readyz", "HTTP/1.1 200");
        assertLegitimateClientAnswered();
        baselineHeap = server.heapAfterGc();
    }

    @AfterAll
    static void stop() throws Exception {
        if (clients != null) {
            ProtocolClient.await(clients.close(), Duration.ofSeconds(10));
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void h3M1LinksOversizedAndBareCarriageReturnFilesAreSkippedReportedAndNeverQuoted() throws Exception {
        String readyz = get("/readyz");
        JsonObject readiness = new JsonObject(body(readyz));
        JsonArray skipped = readiness.getJsonArray("skipped");
        List<String> files = skipped.stream().map(o -> ((JsonObject) o).getString("file")).toList();
        assertThat(files).contains("secret.md", "environ.md", "huge.md", "binary.md", "loop.md", "fifo.md")
                .doesNotContain("bare-cr.md", "new\nline.md");
        assertThat(skipped.stream().map(o -> ((JsonObject) o).getString("reason")))
                .as("a name that is not UTF-8 is named as the reason, not as a file removed meanwhile")
                .contains("its name is not UTF-8, so it cannot be opened by name; rename it");
        assertThat(readiness.getInteger("files") + skipped.size()).as("files indexed or listed").isEqualTo(10);
        String answer = answer("What is the zebra canary secret?");
        assertThat(answer).doesNotContain(CANARY).doesNotContain("PATH=").doesNotContain("GLASSBOX_REDTEAM_CANARY");
        assertThat(get("/knowledge/secret.md")).startsWith("HTTP/1.1 404");
        assertThat(get("/knowledge/environ.md")).startsWith("HTTP/1.1 404");
    }

    @Test
    @Order(2)
    void m2APassageThatIsOnlyATableIsAnsweredNotTimedOut() throws Exception {
        assertThat(answer("Which temperature does the stone oven have in the oven table?"))
                .contains("\"type\":\"done\"").contains("250");
    }

    @Test
    @Order(3)
    void h1APingFloodFromClientsThatNeverReadIsCutWith1013() throws Exception {
        assertThat(Attacks.pingFlood(port, "/ws", null, 3)).containsOnly(1013);
    }

    @Test
    @Order(4)
    void h2InventedMethodsAndPathsCreateNoMetricSeries() throws Exception {
        int before = get("/metrics").length();
        for (int connection = 0; connection < 20; connection++) {
            StringBuilder pipelined = new StringBuilder();
            for (int i = 0; i < 50; i++) {
                pipelined.append("QWERTY").append(connection).append('x').append(i)
                        .append(" /nowhere-").append(connection).append('-').append(i).append(" HTTP/1.1\r\nHost: localhost\r\n\r\n");
            }
            pipelined.append("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(RawHttp.exchange(port, pipelined.toString())).isNotEmpty();
        }
        String metrics = get("/metrics");
        assertThat(metrics).doesNotContain("QWERTY").doesNotContain("nowhere").contains("method=\"OTHER\"");
        assertThat(metrics.length() - before).as("growth of /metrics in bytes after 1,000 invented requests")
                .isLessThan(32 * 1024);
    }

    @Test
    @Order(9)
    void m6AHugeRequestBodyIsNotBuffered() throws Exception {
        // No route of the server reads a body: it answers at once, and the heap check at the end shows nothing was kept.
        assertThat(RawHttp.streamUntilAnswered(port, "POST / HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Length: 800000000\r\n\r\n", false)).startsWith("HTTP/1.1 4");
    }

    @Test
    @Order(5)
    void m3OneAddressCannotHoldEverySocketAndOversizedFramesAreRefused() throws Exception {
        List<RawWebSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                held.add(RawWebSocket.connect(Attacks.HOGGER, port, "/ws", null));
            }
            int busy = 0;
            for (RawWebSocket socket : held) {
                RawWebSocket.Frame first = socket.read(200);
                busy += first != null && first.text().contains("\"busy\"") ? 1 : 0;
            }
            assertThat(busy).as("sockets of one address told busy, out of 40 with a cap of 32").isGreaterThanOrEqualTo(8);
            assertLegitimateClientAnswered();
        } finally {
            for (RawWebSocket socket : held) {
                socket.close();
            }
        }
        try (RawWebSocket big = RawWebSocket.connect(Attacks.FLOODER, port, "/ws", null)) {
            big.send(RawWebSocket.TEXT, true, "x".repeat(40 * 1024).getBytes(StandardCharsets.US_ASCII));
            // Netty's frame decoder drops the connection, with or without a close frame.
            assertThat(big.closedByPeer(10_000)).as("closed after a single 40 KB frame").isTrue();
        }
        try (RawWebSocket fragmented = RawWebSocket.connect(Attacks.FLOODER, port, "/ws", null)) {
            fragmented.send(RawWebSocket.TEXT, false, "{\"action\":\"ping\",\"pad\":\"".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 5; i++) {
                fragmented.send(RawWebSocket.CONTINUATION, false, "x".repeat(10_000).getBytes(StandardCharsets.US_ASCII));
            }
            fragmented.send(RawWebSocket.CONTINUATION, true, "\"}".getBytes(StandardCharsets.US_ASCII));
            assertThat(fragmented.read(10_000).text()).contains("\"too_large\"");
            fragmented.sendText("{\"action\":\"ping\"}");
            assertThat(fragmented.read(10_000).text()).as("the socket goes on").contains("\"pong\"");
        }
    }

    @Test
    @Order(6)
    void m4SlowlorisConnectionsAreCutAndDoNotLockOutOthers() throws Exception {
        // 80 from one address: the cap of 64 closes the rest at once, the 10 s header timeout the others.
        int stillOpen = Attacks.slowloris(port, 80, 40, ServerRedTeamIT::assertLegitimateClientAnswered);
        assertThat(stillOpen).as("slowloris connections the server had not closed after 40 s").isZero();
    }

    @Test
    @Order(7)
    void m5ARebindingHostIsRefusedAndTheServerListensOnLoopback() throws Exception {
        assertThat(RawHttp.exchange(port, "GET /healthz HTTP/1.1\r\nHost: rebound.evil.example\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 421");
        assertThat(new JsonObject(body(get("/config.json"))).encode()).isNotEmpty();
        // An Origin is scheme://host[:port]: the server's own origin with a path added is no page's.
        for (String origin : List.of("http://localhost:" + port + "/evil", "http://x@localhost:" + port)) {
            try (RawWebSocket refused = RawWebSocket.connect(port, "/ws", origin)) {
                assertThat(refused.status()).as(origin).isEqualTo(403);
            }
        }
        try (RawWebSocket own = RawWebSocket.connect(port, "/ws", "http://localhost:" + port)) {
            assertThat(own.status()).isEqualTo(101);
        }
        LoopbackOnly.assertNotReachableFromOutside(port);
    }

    @Test
    @Order(8)
    void lowItems() throws Exception {
        assertThat(RawHttp.exchange(port, "HEAD /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200");
        assertThat(get("/pom.xml")).startsWith("HTTP/1.1 404");
        try (Socket h2c = RawHttp.connect(Attacks.FLOODER, port)) {
            h2c.setSoTimeout(5_000);
            h2c.getOutputStream().write(("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                    + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(h2c.getInputStream().readNBytes(15), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200 OK");
        }
        try (RawWebSocket client = RawWebSocket.connect(Attacks.FLOODER, port, "/ws", null)) {
            client.send(RawWebSocket.TEXT, true, new byte[] {'{', '"', (byte) 0xC3, 0x28, '"', '}'});
            assertThat(client.awaitClose(10_000)).as("text that is not UTF-8").isEqualTo(1007);
        }
        try (ProtocolClient client = ProtocolClient.connect(clients, port)) {
            client.send("{\"action\":\"resume\",\"id\":\"q1\",\"sessionId\":\"s-1\",\"after\":2147483648}");
            assertThat(client.next().getString("code")).as("resume after 2^31").isEqualTo("bad_request");
            boolean limited = false;
            for (int i = 0; i < 30 && !limited; i++) {
                client.send("{\"action\":\"resume\",\"id\":\"q" + i + "\",\"sessionId\":\"s-1\",\"after\":0}");
                limited = "rate_limited".equals(client.next().getString("code"));
            }
            assertThat(limited).as("resumes are rate-limited").isTrue();
        }
        // Settings that could never work stop the start at once, naming the setting.
        for (Map.Entry<String, String> bad : List.of(Map.entry("GLASSBOX_PAGE_WEBSOCKET_URL", "ws://x.example/;script-src *"),
                Map.entry("GLASSBOX_ALLOWED_ORIGINS", "https://a.example/"))) {
            try (Launched refused = Launched.java(Map.of("GLASSBOX_PORT", String.valueOf(Launched.freePort()),
                    "GLASSBOX_KNOWLEDGE_DIR", knowledge.toString(), bad.getKey(), bad.getValue()), "-jar", Launched.jar("redteam.serverJar").toString())) {
                assertThat(refused.exitWithin(60)).as("exit code with %s", bad).isNotNull().isNotZero();
                assertThat(refused.output()).contains(bad.getKey());
            }
        }
    }

    @Test
    @Order(10)
    void feedbackFromOneAddressIsLimitedOverAllItsConnections() throws Exception {
        // Each feedback is a line of the owner's file, which rolls over past 4 MB: were the limit per
        // connection only, reconnecting would refill it and push the owner's entries out in seconds.
        String feedback = "{\"action\":\"feedback\",\"id\":\"q1\",\"sessionId\":\"s-1\",\"verdict\":\"down\"}";
        assertThat(rateLimitedOverConnections(Attacks.FLOODER, 5, Collections.nCopies(10, feedback)))
                .as("feedback refused as rate_limited, out of 50 over 5 connections of one address")
                .isGreaterThanOrEqualTo(25);
    }

    @Test
    @Order(11)
    void resumesFromOneAddressAreLimitedOverAllItsConnections() throws Exception {
        // A resume of a few bytes replays a whole answer: reconnecting must not refill its limit.
        List<String> resumes = IntStream.range(0, 5)
                .mapToObj(i -> "{\"action\":\"resume\",\"id\":\"q" + i + "\",\"sessionId\":\"s-1\",\"after\":0}").toList();
        assertThat(rateLimitedOverConnections(Attacks.HOGGER, 8, resumes))
                .as("resumes refused as rate_limited, out of 40 over 8 connections of one address")
                .isGreaterThanOrEqualTo(15);
    }

    /** Sends {@code messages} on each of {@code connections} new sockets from {@code from}: how many got rate_limited. */
    private static int rateLimitedOverConnections(String from, int connections, List<String> messages) throws Exception {
        int limited = 0;
        for (int connection = 0; connection < connections; connection++) {
            try (RawWebSocket socket = RawWebSocket.connect(from, port, "/ws", null)) {
                for (String message : messages) {
                    socket.sendText(message);
                }
                for (int i = 0; i < messages.size(); i++) {
                    limited += socket.read(10_000).text().contains("\"rate_limited\"") ? 1 : 0;
                }
            }
        }
        return limited;
    }

    @Test
    @Order(12)
    void clientsThatSendSmallMessagesAndNeverReadAreClosed() throws Exception {
        // Paused instead, each socket's messages read ahead by Netty were kept by Vert.x at about 100 bytes
        // of heap each, and the rest of the client's bytes joined them once it closed: 256 such clients
        // filled a heap of 512 MB.
        // Each socket is closed once its replies fill the kernel's buffers (megabytes on loopback) and then its
        // write queue, plus the 10 s close handshake: a few sockets, so the time it takes is mostly the latter.
        assertThat(Attacks.messageFlood(port, 8, 40)).as("flooding sockets the server closed within 40 s, of 8")
                .isEqualTo(8);
        assertLegitimateClientAnswered();
    }

    @Test
    @Order(13)
    void malformedRequestsGetA400AndLeaveNoStackTraceInTheLog() throws Exception {
        List<String> malformed = List.of("GET /%zz HTTP/1.1\r\nHost: localhost\r\n", "GET /knowledge/a.md?format=%zz HTTP/1.1\r\n"
                + "Host: localhost\r\n", "GET / HTTP/1.1\r\n", "GET / HTTP/1.1\r\nHost: localhost:abc\r\n",
                "GET / HTTP/1.1\r\nHost: localhost\r\nHost: localhost\r\n", "GET * HTTP/1.1\r\nHost: localhost\r\n",
                "GET http://localhost/ HTTP/1.1\r\nHost: localhost\r\n");
        for (int round = 0; round < 20; round++) {
            for (String request : malformed) {
                try (Socket socket = RawHttp.connect(Attacks.FLOODER, port)) {
                    socket.setSoTimeout(5_000);
                    socket.getOutputStream().write((request + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    assertThat(new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII))
                            .as(request).isEqualTo("HTTP/1.1 400");
                }
            }
        }
        // A client resetting its connection while the page is sent logged a 2.4 KB stack trace each time.
        for (int i = 0; i < 100; i++) {
            try (Socket socket = RawHttp.connect(Attacks.FLOODER, port)) {
                socket.setReceiveBufferSize(1024);
                socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                socket.getInputStream().readNBytes(100);
                socket.setSoLinger(true, 0);
            }
        }
        assertThat(get("/healthz")).startsWith("HTTP/1.1 200");
        assertThat(server.output()).doesNotContain("SEVERE").doesNotContain("Unhandled exception");
    }

    @Test
    @Order(14)
    void questionsThatCostSecondsOfCpuOrFailedTheAgentAreRefusedOrAnswered() throws Exception {
        // One letter with 3,990 accents took 6 to 9 s of CPU; a word of only tone marks failed with internal.
        long start = System.nanoTime();
        assertThat(answer("Which bread? a" + "\u0301".repeat(3_980))).contains("\"code\":\"bad_request\"")
                .contains("combining marks");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(answer("Which bread does the bakery sell? \u0e48\u0e48\u0e48")).contains("\"type\":\"done\"")
                .doesNotContain("\"internal\"");
        assertThat(server.output()).doesNotContain("SEVERE");
    }

    /** A client offering compression gets none, and a frame marked compressed (100 KB inflating to 100 MB) ends it. */
    @Test
    @Order(15)
    void noCompressionIsNegotiatedSoNoFrameInflates() throws Exception {
        // no extension agreed, and the connection ended within 5 s
        assertThat(InflationBomb.attack(Attacks.BOMBER, port, "/ws", null, 5_000)).isEqualTo(new InflationBomb.Outcome("", true));
        assertLegitimateClientAnswered();
    }

    @Test
    @Order(100)
    void afterEveryAttackTheServerIsHealthyItsHeapIsBackAndVisitorsAreAnswered() throws Exception {
        assertThat(server.isAlive()).isTrue();
        assertThat(get("/healthz")).startsWith("HTTP/1.1 200");
        assertLegitimateClientAnswered();
        long heap = server.heapAfterGc();
        assertThat(heap).as("heap after GC, with a baseline of %s MB", baselineHeap >> 20)
                .isLessThan(baselineHeap + HEAP_SLACK_BYTES);
    }

    private static void assertLegitimateClientAnswered() throws Exception {
        assertThat(answer("Which bread does the bakery sell?")).contains("\"type\":\"done\"").contains("rye");
    }

    /** Every event of one answer on a fresh connection, as one string. */
    private static String answer(String question) throws Exception {
        return ProtocolClient.answer(clients, port, question).stream().map(JsonObject::encode)
                .reduce("", String::concat);
    }

    private static String get(String path) throws IOException {
        return RawHttp.exchange(port, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }
}
