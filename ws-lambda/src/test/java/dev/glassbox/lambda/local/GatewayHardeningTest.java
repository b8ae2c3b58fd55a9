package dev.glassbox.lambda.local;

import static dev.glassbox.core.testing.ProtocolClient.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.bedrock.fake.FakeBedrock;
import dev.glassbox.core.testing.InflationBomb;
import dev.glassbox.core.testing.LoopbackOnly;
import dev.glassbox.core.testing.RawHttp;
import dev.glassbox.core.testing.RawWebSocket;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The holes an outside test found in the local API Gateway, each tried over real sockets and shown
 * closed. The route handler lets one address open 10 connections at once, then one every 6 s: the
 * tests here open fewer than that in all.
 */
class GatewayHardeningTest {
    private static final String WORKER_PATH = "/2015-03-31/functions/glassbox-worker/invocations";
    private static final int READ_BUDGET_BYTES = 64 * 1024;
    private static Vertx vertx;
    private static FakeBedrock bedrock;
    private static LocalGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        bedrock = await(FakeBedrock.start(vertx), Duration.ofSeconds(10));
        gateway = await(LocalGateway.start(vertx, 0, FakeBedrockSettings.of(bedrock, Map.of(
                "GLASSBOX_MAX_SOCKETS_PER_IP", "3", "GLASSBOX_HEADER_TIMEOUT_MS", "2000",
                "GLASSBOX_READ_BUDGET_BYTES", String.valueOf(READ_BUDGET_BYTES),
                // a closed visitor's answer is stopped 1 s after the 410, not after the default 30 s wait for a resume
                "GLASSBOX_RECONNECT_GRACE_MS", "1000"))), Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws Exception {
        await(gateway.close(), Duration.ofSeconds(10));
        await(bedrock.close(), Duration.ofSeconds(10));
        await(vertx.close(), Duration.ofSeconds(10));
    }

    @Test
    void theInternalApisAreNotOnThePublicPort() throws Exception {
        String payload = "{\"connectionId\":\"AAAAAAAAAAAAAAA=\",\"answerId\":\"x\",\"text\":\"scenario:rag-fast Hi\"}";
        assertThat(RawHttp.exchange(gateway.port(), "POST " + WORKER_PATH + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: text/plain\r\nContent-Length: " + payload.length() + "\r\n\r\n" + payload))
                .startsWith("HTTP/1.1 404");
        assertThat(RawHttp.exchange(gateway.port(), "POST /@connections/AAAAAAAAAAAAAAA%3D HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Length: 2\r\n\r\n{}")).startsWith("HTTP/1.1 404");
        assertThat(bedrock.requests).as("nothing reached Bedrock").doesNotContainKey("converse");
    }

    @Test
    void theInternalApiListensOnLoopbackOnlyAndWantsItsSecret() throws Exception {
        URI internal = URI.create(gateway.internalEndpoint());
        assertThat(internal.getHost()).isEqualTo("127.0.0.1");
        assertThat(internal.getPort()).isNotEqualTo(gateway.port());
        String wrongSecret = "/" + "A".repeat(internal.getPath().length() - 1);
        for (String prefix : List.of("", wrongSecret)) {
            assertThat(RawHttp.exchange(internal.getPort(), "POST " + prefix + WORKER_PATH + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Length: 2\r\n\r\n{}")).as("prefix '%s'", prefix).startsWith("HTTP/1.1 403");
        }
        assertThat(RawHttp.exchange(internal.getPort(), "GET " + internal.getPath() + "/@connections/gone HTTP/1.1\r\n"
                + "Host: localhost\r\n\r\n")).as("with the secret").startsWith("HTTP/1.1 410");
    }

    @Test
    void aConnectionIdThatIsNotPercentEncodedProperlyIsABadRequest() throws Exception {
        // The decoder threw: the request was never answered and the function's client waited out its timeout.
        URI internal = URI.create(gateway.internalEndpoint());
        for (String id : List.of("%zz", "abc%", "%4")) {
            assertThat(RawHttp.exchange(internal.getPort(), "GET " + internal.getPath() + "/@connections/" + id
                    + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")).as(id)
                    .startsWith("HTTP/1.1 400").contains("BadRequestException");
        }
    }

    @Test
    void oversizedBodiesAreRefusedWithoutBeingBuffered() throws Exception {
        URI internal = URI.create(gateway.internalEndpoint());
        String declared = RawHttp.exchange(internal.getPort(), "POST " + internal.getPath() + WORKER_PATH + " HTTP/1.1\r\n"
                + "Host: localhost\r\nContent-Length: 800000000\r\n\r\n");
        assertThat(declared).startsWith("HTTP/1.1 413").contains("RequestTooLargeException");
        assertThat(RawHttp.streamUntilAnswered(internal.getPort(), "POST " + internal.getPath() + WORKER_PATH
                + " HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n", true))
                .as("a chunked body without a length").startsWith("HTTP/1.1 413");
        assertThat(RawHttp.streamUntilAnswered(gateway.port(), "POST /local HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Length: 800000000\r\n\r\n", false)).as("the public port").startsWith("HTTP/1.1 400");
    }

    @Test
    void aPingFloodFromAClientThatNeverReadsIsCutWith1013() throws Exception {
        try (RawWebSocket flooder = connect()) {
            try {
                for (int i = 0; i < 200; i++) {
                    flooder.send(RawWebSocket.PING, true, "x".repeat(125).getBytes(StandardCharsets.US_ASCII));
                }
            } catch (IOException cutWhileWriting) {
                // the gateway closed it while pings were still going out
            }
            assertThat(flooder.awaitClose(10_000)).isEqualTo(1013);
        }
    }

    /** What API Gateway keeps for a client until its message is whole is this JVM's memory here: it has a budget. */
    @Test
    void socketsHoldingFramesThatNeverEndPastTheReadBudgetAreClosedOldestFirst() throws Exception {
        List<RawWebSocket> holders = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                RawWebSocket holder = RawWebSocket.connect("127.0.0.8" + i, gateway.port(), "/local", FakeBedrockSettings.ORIGIN);
                holders.add(holder);
                // 30 KB each: the third and the fourth each take the budget of 64 KB past its end
                holder.sendAllBut(10, "{\"action\":\"ping\",\"pad\":\"" + "x".repeat(30_000) + "\"}");
                Thread.sleep(200);
            }
            assertThat(holders.get(0).awaitClose(5_000)).as("the oldest").isEqualTo(1013);
            assertThat(holders.get(1).awaitClose(5_000)).as("the second").isEqualTo(1013);
            assertThat(holders.get(3).closedByPeer(1_000)).as("the newest").isFalse();
        } finally {
            for (RawWebSocket holder : holders) {
                holder.close();
            }
        }
    }

    /** As API Gateway, no compression: a deflate-frame client's 100 KB frame inflated to 100 MB and held an event loop. */
    @Test
    void noCompressionIsNegotiatedAndAFrameMarkedCompressedEndsTheConnection() throws Exception {
        InflationBomb.Outcome bomb = InflationBomb.attack("127.0.0.1", gateway.port(), "/local",
                FakeBedrockSettings.ORIGIN, 5_000);
        assertThat(bomb.extensions()).as("the extension the gateway agreed to").isEmpty();
        assertThat(bomb.closed()).as("the connection ended").isTrue();
        try (RawWebSocket visitor = connect()) {
            visitor.sendText("{\"action\":\"ping\"}");
            assertThat(visitor.readUntil("pong", 10_000)).as("a visitor's pong").isNotNull();
        }
    }

    @Test
    void textThatIsNotUtf8ClosesWith1007() throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(RawWebSocket.TEXT, true, new byte[] {'{', '"', (byte) 0xC3, 0x28, '"', '}'});
            assertThat(client.awaitClose(10_000)).isEqualTo(1007);
        }
    }

    @Test
    void afterItsOwn1009CloseTheGatewaySendsNothingMore() throws Exception {
        int closedBefore = bedrock.streamsClosedAt.size();
        try (RawWebSocket client = connect()) {
            client.sendText("{\"action\":\"ask\",\"id\":\"long\",\"text\":\"scenario:rag-long Take your time\"}");
            assertThat(client.readUntil("\"token\"", 20_000)).as("a first token").isNotNull();
            client.sendText("{\"action\":\"ping\",\"pad\":\"" + "p".repeat(40 * 1024) + "\"}");
            assertThat(client.awaitClose(20_000)).isEqualTo(1009);
            // rag-long writes a token a second for several seconds; none may follow the close frame.
            List<RawWebSocket.Frame> after = new ArrayList<>();
            for (RawWebSocket.Frame next = client.read(4_000); next != null; next = client.read(4_000)) {
                after.add(next);
            }
            assertThat(after).as("frames after the close frame").isEmpty();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (bedrock.streamsClosedAt.size() == closedBefore && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(bedrock.streamsClosedAt).as("the answer was stopped upstream").hasSizeGreaterThan(closedBefore);
    }

    @Test
    void oneAddressCannotHoldMoreSocketsThanItsShare() throws Exception {
        List<RawWebSocket> held = new ArrayList<>();
        try {
            RawWebSocket socket;
            do {
                socket = connect();
                held.add(socket);
            } while (socket.status() == 101 && held.size() < 6);
            assertThat(socket.status()).as("the socket after %s", held.size() - 1).isEqualTo(429);
            assertThat(held.size() - 1).as("sockets held, with a cap of 3").isBetween(1, 3);
        } finally {
            for (RawWebSocket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void socketsOpenedAndClosedOneAfterAnotherGiveTheirConnectionsBack() throws Exception {
        // Vert.x calls no close handler of a connection upgraded to a WebSocket: the gateway once counted every
        // socket an address ever opened against its connections, and refused it everything after that.
        LocalGateway small = await(LocalGateway.start(vertx, 0, FakeBedrockSettings.of(bedrock, Map.of(
                "GLASSBOX_MAX_CONNECTIONS_PER_IP", "2"))), Duration.ofSeconds(60));
        try {
            for (int i = 0; i < 6; i++) { // within the route handler's 10 connects at once
                int status = -1;
                for (long deadline = System.nanoTime() + 10_000_000_000L; status != 101
                        && System.nanoTime() < deadline; Thread.sleep(100)) {
                    try (RawWebSocket socket = RawWebSocket.connect("127.0.0.1", small.port(), "/local",
                            FakeBedrockSettings.ORIGIN)) {
                        status = socket.status();
                    } catch (IOException refused) {
                        // closed at once while the one before has not been seen closing yet
                    }
                }
                assertThat(status).as("socket %s", i).isEqualTo(101);
            }
        } finally {
            await(small.close(), Duration.ofSeconds(10));
        }
    }

    @Test
    void aConnectionThatDoesNotFinishItsHeadersIsClosed() throws Exception {
        assertThat(RawHttp.slowHeadersAreCut(gateway.port(), 20)).as("closed within 20 s by the 2 s header timeout")
                .isTrue();
    }

    @Test
    void itListensOnLoopbackByDefault() throws Exception {
        LoopbackOnly.assertNotReachableFromOutside(gateway.port());
    }

    private static RawWebSocket connect() throws IOException {
        return RawWebSocket.connect(gateway.port(), "/local", FakeBedrockSettings.ORIGIN);
    }
}
