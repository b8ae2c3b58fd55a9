package dev.glassbox.redteam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.testing.ProtocolClient;
import dev.glassbox.core.testing.RawWebSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sockets of many addresses that each hold an unfinished message of 31 KB, the way 10,000 of them would hold
 * about 800 MB, against the packaged server under -Xmx256m with a read budget of 4 MB: three of four hold a
 * fragmented message (its frames kept in the heap until it ends), one of four a frame whose last bytes never come
 * (kept by Netty). Bounded: 400 sockets from 25 addresses, about 12 MB sent, within 2 minutes.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ReadBudgetRedTeamIT {
    private static final int SOCKETS = 400;
    private static final int PER_ADDRESS = 16;
    private static final long BUDGET_BYTES = 4L * 1024 * 1024;
    /** 300 fragmented messages of 31 KB held about 21 MB of heap on main's jar (70 KB a socket); 100 partial frames 2 MB more. */
    private static final long HEAP_GROWTH_BYTES = 12L * 1024 * 1024;

    @TempDir
    Path temp;

    @Test
    void socketsHoldingUnfinishedMessagesPastTheBudgetAreClosedOldestFirstAndVisitorsAreStillAnswered() throws Exception {
        Path knowledge = Launched.bakeryFolder(temp.resolve("knowledge"));
        int port = Launched.freePort();
        Vertx clients = Vertx.vertx();
        List<RawWebSocket> holders = new ArrayList<>();
        try (Launched server = Launched.java(Map.of("GLASSBOX_PORT", String.valueOf(port),
                        "GLASSBOX_KNOWLEDGE_DIR", knowledge.toString(),
                        "GLASSBOX_CACHE_DIR", Files.createDirectories(temp.resolve("cache")).toString(),
                        "GLASSBOX_EVENT_LOOPS", "2", "GLASSBOX_READ_BUDGET_BYTES", String.valueOf(BUDGET_BYTES)),
                "-jar", Launched.jar("redteam.serverJar").toString())) {
            server.awaitAnswer(port, "/readyz", "HTTP/1.1 200");
            assertThat(answer(clients, port)).contains("rye");
            long baseline = server.heapAfterGc();
            for (int i = 0; i < SOCKETS; i++) {
                RawWebSocket holder = RawWebSocket.connect("127.0.1." + (10 + i / PER_ADDRESS), port, "/ws", null);
                holders.add(holder);
                if (i % 4 == 3) {
                    holder.sendAllBut(10, "{\"action\":\"ping\",\"pad\":\"" + "x".repeat(31_000) + "\"}");
                } else {
                    holder.send(RawWebSocket.TEXT, false, "{\"action\":\"ping\",\"pad\":\"".getBytes(StandardCharsets.US_ASCII));
                    for (int part = 0; part < 3; part++) {
                        holder.send(RawWebSocket.CONTINUATION, false, "x".repeat(10_000).getBytes(StandardCharsets.US_ASCII));
                    }
                }
            }
            Thread.sleep(2_000);
            long held = server.heapAfterGc() - baseline;
            assertThat(held).as("heap held by the attack, beyond a baseline of %s MB", baseline >> 20)
                    .isLessThan(HEAP_GROWTH_BYTES);

            // A visitor whose question arrives in two TCP segments while the budget is full is not the one closed.
            try (RawWebSocket visitor = RawWebSocket.connect(port, "/ws", null)) {
                byte[] rest = visitor.sendAllBut(40, "{\"action\":\"ask\",\"id\":\"q1\",\"text\":\"Which bread does the bakery sell?\"}");
                Thread.sleep(300);
                visitor.sendBytes(rest);
                RawWebSocket.Frame done = visitor.readUntil("\"done\"", 20_000);
                assertThat(done).as("the visitor's answer").isNotNull();
                assertThat(done.text()).contains("rye");
            }
            assertThat(answer(clients, port)).as("a visitor asking meanwhile").contains("rye");

            int fragmentedClosed = 0;
            int partialClosed = 0;
            for (int i = 0; i < holders.size(); i++) {
                RawWebSocket.Frame first = holders.get(i).read(50);
                if (first != null && first.opcode() == RawWebSocket.CLOSE && first.closeStatus() == 1013) {
                    if (i % 4 == 3) {
                        partialClosed++;
                    } else {
                        fragmentedClosed++;
                    }
                }
            }
            assertThat(fragmentedClosed + partialClosed).as("holders closed with 1013, of %s holding about 12 MB, "
                    + "with a budget of 4 MB", SOCKETS).isGreaterThanOrEqualTo(250);
            assertThat(partialClosed).as("holders of a frame still arriving closed").isPositive();
            assertThat(server.output()).doesNotContain("SEVERE").doesNotContain("OutOfMemoryError");
        } finally {
            for (RawWebSocket holder : holders) {
                holder.close();
            }
            ProtocolClient.await(clients.close(), Duration.ofSeconds(10));
        }
    }

    private static String answer(Vertx clients, int port) throws Exception {
        return ProtocolClient.answer(clients, port, "Which bread does the bakery sell?").stream()
                .map(JsonObject::encode).reduce("", String::concat);
    }
}
