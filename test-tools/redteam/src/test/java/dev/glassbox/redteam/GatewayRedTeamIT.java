package dev.glassbox.redteam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.bedrock.fake.FakeBedrock;
import dev.glassbox.core.testing.LoopbackOnly;
import dev.glassbox.core.testing.ProtocolClient;
import dev.glassbox.core.testing.InflationBomb;
import dev.glassbox.core.testing.RawHttp;
import dev.glassbox.core.testing.RawWebSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The audit's attacks on the local API Gateway, replayed against the packaged jar in a JVM of its
 * own under -Xmx256m, answering from a fake Bedrock in this JVM. Its internal APIs' own port is not
 * announced anywhere an attacker could read it; GatewayHardeningTest attacks that port directly.
 * The route handler lets one address open 10 connections at once and then one every 6 s, so each
 * attack comes from its own loopback address.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GatewayRedTeamIT {
    private static final String ORIGIN = "https://glassbox.example";
    private static final String WORKER_PATH = "/2015-03-31/functions/glassbox-worker/invocations";
    private static final long HEAP_SLACK_BYTES = 48L * 1024 * 1024;

    private static Vertx vertx;
    private static FakeBedrock bedrock;
    private static Launched gateway;
    private static int port;
    private static long baselineHeap;

    @BeforeAll
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    static void start() throws Exception {
        vertx = Vertx.vertx();
        bedrock = ProtocolClient.await(FakeBedrock.start(vertx), Duration.ofSeconds(30));
        port = Launched.freePort();
        gateway = Launched.java(Map.of(
                "GLASSBOX_GATEWAY_PORT", String.valueOf(port),
                "GLASSBOX_BACKEND", "bedrock-rag",
                "GLASSBOX_KB_ID", "KB12345678",
                "GLASSBOX_MODEL_ID", "amazon.nova-lite-v1:0",
                "GLASSBOX_BEDROCK_AGENT_RUNTIME_ENDPOINT", bedrock.endpoint(),
                "GLASSBOX_BEDROCK_RUNTIME_ENDPOINT", bedrock.endpoint(),
                "GLASSBOX_ALLOWED_ORIGINS", ORIGIN),
                "-cp", Launched.jar("redteam.gatewayJar").toString(), "dev.glassbox.lambda.local.LocalGateway");
        // Up once it answers, with 404, a path it does not serve.
        gateway.awaitAnswer(port, "/nothing", "HTTP/1.1 404");
        assertLegitimateClientAnswered();
        baselineHeap = gateway.heapAfterGc();
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (bedrock != null) {
            ProtocolClient.await(bedrock.close(), Duration.ofSeconds(10));
        }
        if (vertx != null) {
            ProtocolClient.await(vertx.close(), Duration.ofSeconds(10));
        }
    }

    @Test
    @Order(1)
    void m6TheInternalApisAreNotOnThePublicPortNotEvenForACrossOriginPost() throws Exception {
        int converseCalls = bedrock.requests.getOrDefault("converse", List.of()).size();
        String payload = "{\"connectionId\":\"AAAAAAAAAAAAAAA=\",\"answerId\":\"x\",\"text\":\"scenario:rag-fast Hi\"}";
        for (int i = 0; i < 50; i++) {
            assertThat(RawHttp.exchange(port, "POST " + WORKER_PATH + " HTTP/1.1\r\nHost: localhost:" + port
                    + "\r\nOrigin: https://evil.example\r\nContent-Type: text/plain\r\nContent-Length: "
                    + payload.length() + "\r\n\r\n" + payload)).startsWith("HTTP/1.1 404");
        }
        assertThat(RawHttp.exchange(port, "POST /@connections/AAAAAAAAAAAAAAA%3D HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}")).startsWith("HTTP/1.1 404");
        assertThat(bedrock.requests.getOrDefault("converse", List.of())).as("calls that reached Bedrock")
                .hasSize(converseCalls);
    }

    @Test
    @Order(2)
    void m6HugeBodiesAreRefusedWithoutBeingBuffered() throws Exception {
        assertThat(RawHttp.streamUntilAnswered(port, "POST /local HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Length: 800000000\r\n\r\n", false)).startsWith("HTTP/1.1 400");
        assertThat(RawHttp.streamUntilAnswered(port, "POST /anything HTTP/1.1\r\nHost: localhost\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n", true)).startsWith("HTTP/1.1 404");
    }

    @Test
    @Order(3)
    void h1APingFloodFromClientsThatNeverReadIsCutWith1013() throws Exception {
        assertThat(Attacks.pingFlood(port, "/local", ORIGIN, 3)).containsOnly(1013);
    }

    @Test
    @Order(4)
    void afterItsOwn1009CloseTheGatewaySendsNothingMore() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(Attacks.FLOODER, port, "/local", ORIGIN)) {
            client.sendText("{\"action\":\"ask\",\"id\":\"long\",\"text\":\"scenario:rag-long Take your time\"}");
            assertThat(client.readUntil("\"token\"", 20_000)).as("a first token").isNotNull();
            client.sendText("{\"action\":\"ping\",\"pad\":\"" + "p".repeat(40 * 1024) + "\"}");
            assertThat(client.awaitClose(20_000)).isEqualTo(1009);
            assertThat(client.read(4_000)).as("a frame after the close frame").isNull();
        }
    }

    @Test
    @Order(5)
    void oversizedMessagesAndTextThatIsNotUtf8CloseTheSocket() throws Exception {
        try (RawWebSocket fragmented = RawWebSocket.connect(Attacks.FLOODER, port, "/local", ORIGIN)) {
            fragmented.send(RawWebSocket.TEXT, false, "{\"pad\":\"".getBytes(StandardCharsets.US_ASCII));
            try {
                for (int i = 0; i < 5; i++) {
                    fragmented.send(RawWebSocket.CONTINUATION, false, "x".repeat(30_000).getBytes(StandardCharsets.US_ASCII));
                }
            } catch (java.io.IOException cut) {
                // closed while the message was still coming
            }
            assertThat(fragmented.awaitClose(10_000)).as("a message over 128 KB in frames").isEqualTo(1009);
        }
        try (RawWebSocket client = RawWebSocket.connect(Attacks.FLOODER, port, "/local", ORIGIN)) {
            client.send(RawWebSocket.TEXT, true, new byte[] {'{', '"', (byte) 0xC3, 0x28, '"', '}'});
            assertThat(client.awaitClose(10_000)).as("text that is not UTF-8").isEqualTo(1007);
        }
    }

    @Test
    @Order(6)
    void m3OneAddressCannotHoldEverySocket() throws Exception {
        List<RawWebSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                held.add(RawWebSocket.connect(Attacks.HOGGER, port, "/local", ORIGIN));
            }
            long upgraded = held.stream().filter(s -> s.status() == 101).count();
            assertThat(upgraded).as("sockets one address holds, out of 40").isLessThanOrEqualTo(32);
            assertLegitimateClientAnswered();
        } finally {
            for (RawWebSocket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    @Order(7)
    void m4SlowlorisConnectionsAreCutAndDoNotLockOutOthers() throws Exception {
        int stillOpen = Attacks.slowloris(port, 80, 40, GatewayRedTeamIT::assertLegitimateClientAnswered);
        assertThat(stillOpen).as("slowloris connections the gateway had not closed after 40 s").isZero();
    }

    @Test
    @Order(8)
    void m5ARebindingPageIsRefusedAndTheGatewayListensOnLoopback() throws Exception {
        try (RawWebSocket rebound = RawWebSocket.connect(Attacks.FLOODER, port, "/local",
                "http://rebound.evil.example:" + port)) {
            assertThat(rebound.status()).isEqualTo(403);
        }
        LoopbackOnly.assertNotReachableFromOutside(port);
    }

    /** A deflate-frame client's 100 KB frame inflated to 100 MB on an event loop and held it for minutes. */
    @Test
    @Order(9)
    void noCompressionIsNegotiatedSoNoFrameInflates() throws Exception {
        // no extension agreed, and the connection ended within 5 s
        assertThat(InflationBomb.attack(Attacks.BOMBER, port, "/local", ORIGIN, 5_000)).isEqualTo(new InflationBomb.Outcome("", true));
        assertLegitimateClientAnswered();
    }

    /** A cancel naming another visitor's answer was flagged silently; it is refused, as the local server refuses it. */
    @Test
    @Order(20)
    void aStrangersCancelOfAnotherVisitorsAnswerIsRefusedAndStopsNothing() throws Exception {
        try (ProtocolClient visitor = ProtocolClient.connect(vertx, port, "/local", ORIGIN);
             RawWebSocket stranger = RawWebSocket.connect(Attacks.STRANGER, port, "/local", ORIGIN)) {
            visitor.ask("victim", "scenario:rag-long Take your time");
            JsonObject event;
            do {
                event = visitor.next();
            } while (!event.getString("type").equals("token"));
            stranger.sendText("{\"action\":\"cancel\",\"id\":\"victim\"}");
            RawWebSocket.Frame refused = stranger.read(10_000);
            assertThat(refused).as("an answer to the cancel").isNotNull();
            assertThat(refused.text()).contains("\"bad_request\"").contains("\"id\":\"victim\"");
            List<JsonObject> rest = visitor.untilEnd("victim");
            assertThat(rest.get(rest.size() - 1).getString("stopReason")).isEqualTo("complete");
        }
    }

    @Test
    @Order(100)
    void afterEveryAttackTheGatewayIsUpItsHeapIsBackAndVisitorsAreAnswered() throws Exception {
        assertThat(gateway.isAlive()).isTrue();
        assertLegitimateClientAnswered();
        long heap = gateway.heapAfterGc();
        assertThat(heap).as("heap after GC, with a baseline of %s MB", baselineHeap >> 20)
                .isLessThan(baselineHeap + HEAP_SLACK_BYTES);
    }

    private static void assertLegitimateClientAnswered() throws Exception {
        try (ProtocolClient client = ProtocolClient.connect(vertx, port, "/local", ORIGIN)) {
            client.ask("legit", "How much does Glassbox cost?");
            List<JsonObject> events = client.untilEnd("legit");
            assertThat(events.get(events.size() - 1).getString("type")).isEqualTo("done");
        }
    }
}
