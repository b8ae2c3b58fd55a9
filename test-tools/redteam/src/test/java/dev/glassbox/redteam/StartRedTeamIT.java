package dev.glassbox.redteam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.testing.ProtocolClient;
import dev.glassbox.core.testing.RawHttp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Attacks on the packaged server's start: questions while it indexes, a knowledge folder its walk cannot finish. */
class StartRedTeamIT {
    /** The classes that read a question: Understanding and the readers it composes, StandaloneQuery and the rest of core.rag. */
    private static final List<String> READING = Stream.of(
                    Stream.of("Understanding", "IntentReader", "NewRules", "Greetings", "MessageText", "UnknownNames",
                                    "WorldQuestions", "AskedAmount", "ActionReader", "ActionCheck")
                            .map(reader -> "dev.glassbox.server.local.understanding." + reader),
                    Stream.of("QuestionForm", "DocsNames", "Lexicon")
                            .map(reader -> "dev.glassbox.server.local.knowledge." + reader),
                    Stream.of("dev.glassbox.core.rag."))
            .flatMap(names -> names)
            .toList();

    /** Its first index is what a question asked at the start waits for. */
    private static final String KNOWLEDGE_BASE = "dev.glassbox.server.local.knowledge.KnowledgeBase";

    @TempDir
    static Path temp;

    /**
     * Visitors who ask while the server still loads its model and indexes, as they do at every start under load:
     * reading a question must happen off the event loops. The first question initialises the classes that read it,
     * and on a start of 2 busy cores an event loop waited 2 s for that (Vert.x's blocked-thread warning). Which
     * thread loaded each class is what the server's own flight recording says. The first index is held at a
     * breakpoint until a question has been told busy: a one-file folder was once indexed before the first question.
     */
    @Test
    @Timeout(value = 200, unit = TimeUnit.SECONDS)
    void questionsAskedWhileTheServerIndexesAreReadOffTheEventLoops() throws Exception {
        Path knowledge = Launched.bakeryFolder(temp.resolve("knowledge"));
        Path settings = Files.writeString(temp.resolve("class-loads.jfc"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <configuration version="2.0">
                  <event name="jdk.ClassLoad"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
                </configuration>
                """);
        Path recording = temp.resolve("start.jfr");
        int port = Launched.freePort();
        int debugPort = Launched.freePort();
        Vertx clients = Vertx.vertx();
        try (Launched server = Launched.java(Map.of("GLASSBOX_PORT", String.valueOf(port),
                        "GLASSBOX_KNOWLEDGE_DIR", knowledge.toString(),
                        "GLASSBOX_CACHE_DIR", Files.createDirectories(temp.resolve("cache")).toString()),
                HeldMethod.jdwpAgent(debugPort),
                "-XX:StartFlightRecording=settings=" + settings + ",filename=" + recording + ",dumponexit=true",
                "-jar", Launched.jar("redteam.serverJar").toString());
             HeldMethod indexing = HeldMethod.attach(debugPort, KNOWLEDGE_BASE, "index")) {
            server.awaitAnswer(port, "/healthz", "HTTP/1.1 200");
            indexing.awaitHeld(150);
            assertThat(ask(clients, port)).as("a question asked while the server indexes").contains("\"code\":\"busy\"");
            indexing.release();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
            String events;
            do {
                events = ask(clients, port);
            } while (!events.contains("\"type\":\"done\"") && System.nanoTime() < deadline);
            assertThat(events).as("answered once indexed").contains("rye");
        } finally {
            ProtocolClient.await(clients.close(), Duration.ofSeconds(10));
        }
        List<String> loadedOnEventLoops = RecordingFile.readAllEvents(recording).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.ClassLoad"))
                .filter(e -> e.getThread("eventThread") != null
                        && e.getThread("eventThread").getJavaName().startsWith("vert.x-eventloop"))
                .map(StartRedTeamIT::loadedClass).toList();
        assertThat(loadedOnEventLoops).as("classes loaded on an event loop").isNotEmpty()
                .noneMatch(name -> READING.stream().anyMatch(name::startsWith));
    }

    /**
     * The knowledge folder is walked at the start and every second after: a folder nested 40 deep, a path longer
     * than the system allows (names of 250 characters, 20 deep) and 3,000 other files. The long path failed the
     * walk, and with it the start.
     */
    @Test
    @Timeout(value = 200, unit = TimeUnit.SECONDS)
    void aKnowledgeFolderTooDeepTooLongOrTooCrowdedStillStartsAndAnswers() throws Exception {
        Path knowledge = Launched.bakeryFolder(temp.resolve("walked"));
        Path deep = Files.createDirectories(knowledge.resolve("d/".repeat(40)));
        Files.writeString(deep.resolve("deep.md"), "# Deep\n\nThe deep file.\n");
        Path crowd = Files.createDirectories(knowledge.resolve("crowd"));
        for (int i = 0; i < 3_000; i++) {
            Files.createFile(crowd.resolve("image-" + i + ".png"));
        }
        String name = "n".repeat(250);
        Process longPath = new ProcessBuilder("sh", "-c", "mkdir long && cd -P long && for i in $(seq 20); do mkdir "
                + name + " && cd -P " + name + " || exit 1; done && echo '# Far' > far.md").directory(knowledge.toFile())
                .inheritIO().start();
        assertThat(longPath.waitFor(30, TimeUnit.SECONDS) && longPath.exitValue() == 0).as("the long path").isTrue();
        int port = Launched.freePort();
        Vertx clients = Vertx.vertx();
        try (Launched server = Launched.java(Map.of("GLASSBOX_PORT", String.valueOf(port),
                        "GLASSBOX_KNOWLEDGE_DIR", knowledge.toString(),
                        "GLASSBOX_CACHE_DIR", Files.createDirectories(temp.resolve("walked-cache")).toString()),
                "-jar", Launched.jar("redteam.serverJar").toString())) {
            server.awaitAnswer(port, "/readyz", "HTTP/1.1 200");
            String readyz = RawHttp.exchange(port, "GET /readyz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(readyz).contains("folders deep").contains("could not be looked at");
            assertThat(ask(clients, port)).contains("rye");
        } finally {
            ProtocolClient.await(clients.close(), Duration.ofSeconds(10));
            // JUnit cannot delete a path longer than the system allows; rm goes down it a folder at a time.
            new ProcessBuilder("rm", "-rf", "long").directory(knowledge.toFile()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Every event of one answer to the bakery question on a fresh connection, as one string. */
    private static String ask(Vertx clients, int port) throws Exception {
        return ProtocolClient.answer(clients, port, "Which bread does the bakery sell?").stream()
                .map(JsonObject::encode).reduce("", String::concat);
    }

    private static String loadedClass(RecordedEvent load) {
        return load.getClass("loadedClass").getName();
    }
}
