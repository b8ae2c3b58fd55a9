package dev.glassbox.redteam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.testing.ProtocolClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Visitors who ask while the server still loads its model and indexes, as they do at every start under load:
 * reading a question must happen off the event loops. The first question initialises the classes that read it,
 * and on a start of 2 busy cores an event loop waited 2 s for that (Vert.x's blocked-thread warning). Which thread
 * loaded each class is what the server's own flight recording says.
 */
class ColdStartRedTeamIT {
    /** The classes that read a question: Understanding and its parts, StandaloneQuery and the rest of core.rag. */
    private static final List<String> READING = List.of("dev.glassbox.server.local.Understanding", "dev.glassbox.core.rag.");

    @TempDir
    static Path temp;

    @Test
    @Timeout(value = 200, unit = TimeUnit.SECONDS)
    void questionsAskedWhileTheServerIndexesAreReadOffTheEventLoops() throws Exception {
        Path knowledge = Files.createDirectories(temp.resolve("knowledge"));
        Files.writeString(knowledge.resolve("bakery.md"), "# Bakery\n\nThe bakery sells rye bread and poppy seed rolls.\n");
        Path settings = Files.writeString(temp.resolve("class-loads.jfc"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <configuration version="2.0">
                  <event name="jdk.ClassLoad"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
                </configuration>
                """);
        Path recording = temp.resolve("start.jfr");
        int port = Launched.freePort();
        Vertx clients = Vertx.vertx();
        int busy = 0;
        try (Launched server = Launched.java(Map.of("GLASSBOX_PORT", String.valueOf(port),
                        "GLASSBOX_KNOWLEDGE_DIR", knowledge.toString(),
                        "GLASSBOX_CACHE_DIR", Files.createDirectories(temp.resolve("cache")).toString()),
                "-XX:StartFlightRecording=settings=" + settings + ",filename=" + recording + ",dumponexit=true",
                "-jar", Launched.jar("redteam.serverJar").toString())) {
            server.awaitAnswer(port, "/healthz", "HTTP/1.1 200");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
            String events;
            do {
                events = ProtocolClient.answer(clients, port, "Which bread does the bakery sell?").stream()
                        .map(JsonObject::encode).reduce("", String::concat);
                busy += events.contains("\"code\":\"busy\"") ? 1 : 0;
            } while (!events.contains("\"type\":\"done\"") && System.nanoTime() < deadline);
            assertThat(events).as("answered once indexed").contains("rye");
        } finally {
            ProtocolClient.await(clients.close(), Duration.ofSeconds(10));
        }
        assertThat(busy).as("questions asked while the server indexed").isPositive();
        List<String> loadedOnEventLoops = RecordingFile.readAllEvents(recording).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.ClassLoad"))
                .filter(e -> e.getThread("eventThread") != null
                        && e.getThread("eventThread").getJavaName().startsWith("vert.x-eventloop"))
                .map(ColdStartRedTeamIT::loadedClass).toList();
        assertThat(loadedOnEventLoops).as("classes loaded on an event loop").isNotEmpty()
                .noneMatch(name -> READING.stream().anyMatch(name::startsWith));
    }

    private static String loadedClass(RecordedEvent load) {
        return load.getClass("loadedClass").getName();
    }
}
