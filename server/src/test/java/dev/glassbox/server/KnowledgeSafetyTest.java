package dev.glassbox.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.glassbox.core.testing.ProtocolClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Hostile or broken files in the knowledge folder are skipped and reported; the rest is answered from. */
class KnowledgeSafetyTest {
    private static final String CANARY = "zebra-canary-7731";

    @TempDir
    Path temp;

    @Test
    void linksOversizedAndBrokenFilesAreSkippedReportedAndNeverQuoted() throws Exception {
        Path knowledge = Files.createDirectories(temp.resolve("knowledge"));
        Files.writeString(knowledge.resolve("bakery.md"), """
                # Bakery
                The bakery sells rye bread and poppy seed rolls from Monday to Saturday.
                """);
        Path secret = Files.writeString(temp.resolve("secret.txt"), "# Zebra\nThe zebra canary secret is " + CANARY + ".\n");
        Files.createSymbolicLink(knowledge.resolve("secret.md"), secret);
        Files.createSymbolicLink(knowledge.resolve("environ.md"), Path.of("/proc/self/environ"));
        Files.writeString(knowledge.resolve("huge.md"), "# Huge\n" + "The zebra canary secret is big. ".repeat(4_000));
        Files.writeString(knowledge.resolve("bare-cr.md"), "# Lone\rThe zebra line ends with a lone carriage return.\r");
        byte[] noise = new byte[20_000];
        new Random(11).nextBytes(noise);
        Files.write(knowledge.resolve("binary.md"), noise);
        Files.write(knowledge.resolve("latin1.md"), "# Caf\u00e9\nThe zebra caf\u00e9 is open.\n".getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(knowledge.resolve("nul.md"), "# Nul\nThe zebra\0 line holds a NUL.\n");
        Vertx clients = Vertx.vertx();
        try (LocalServer server = LocalServer.start(knowledge, Map.of("GLASSBOX_MAX_KNOWLEDGE_FILE_BYTES", "65536"));
             ProtocolClient client = ProtocolClient.connect(clients, server.port())) {
            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + server.port() + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
            JsonObject readiness = new JsonObject(ready.body());
            JsonArray skipped = readiness.getJsonArray("skipped");
            List<String> skippedFiles = skipped.stream().map(o -> ((JsonObject) o).getString("file")).toList();
            assertThat(skippedFiles).contains("secret.md", "environ.md", "huge.md");
            assertThat(skipped.encode()).contains("symbolic link").contains("larger than 65536 bytes");
            assertThat(skipped).filteredOn(o -> List.of("binary.md", "latin1.md", "nul.md")
                    .contains(((JsonObject) o).getString("file"))).hasSize(3)
                    .allSatisfy(o -> assertThat(((JsonObject) o).getString("reason")).contains("not UTF-8 text"));
            // Lines that end with a lone \r are Markdown like any other.
            assertThat(skippedFiles).doesNotContain("bare-cr.md");
            assertThat(readiness.getInteger("files")).isEqualTo(2);

            client.ask("z", "What is the zebra canary secret?");
            String answer = client.untilEnd("z").stream().map(JsonObject::encode).reduce("", String::concat);
            assertThat(answer).doesNotContain(CANARY).doesNotContain("PATH=");
            client.ask("b", "Which bread does the bakery sell?");
            assertThat(client.untilEnd("b").get(0).encode()).doesNotContain("\"error\"");
        } finally {
            LocalServer.await(clients.close(), Duration.ofSeconds(10));
        }
    }

    /**
     * A file that keeps turning into a FIFO and back: once the indexer checks it as a regular file and opens the FIFO
     * (whose open waits for a writer), the read gives up at its deadline; the server stays ready, the rest stays
     * indexed, and the indexer goes on: the file, back in place unchanged (the stamp of its failed read), is read
     * again after a short wait and indexed, though nothing about it changed.
     */
    @Test
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoSwappedInForAKnowledgeFileNeverStopsIndexing() throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "FIFOs are made with mkfifo on Linux");
        Path knowledge = Files.createDirectories(temp.resolve("knowledge"));
        Path hold = Files.createDirectories(temp.resolve("hold"));
        Files.writeString(knowledge.resolve("bakery.md"), "# Bakery\nThe bakery sells rye bread from Monday to Saturday.\n");
        Path swapped = knowledge.resolve("lighthouse.md");
        Path file = Files.writeString(hold.resolve("file.md"), "# Lighthouse\nThe lighthouse lamp is serviced on Tuesdays.\n");
        Path fifo = hold.resolve("fifo.md");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).as("mkfifo").isTrue();
        Files.copy(file, swapped);
        HttpClient http = HttpClient.newHttpClient();
        try (LocalServer server = LocalServer.start(knowledge, Map.of("GLASSBOX_WATCH_INTERVAL_MS", "50"))) {
            URI readyz = URI.create("http://localhost:" + server.port() + "/readyz");
            AtomicBoolean stuckSeen = new AtomicBoolean();
            Thread swapper = new Thread(() -> {
                // Four renames a round, each atomic: the file and the FIFO take turns under the knowledge file's name.
                try {
                    Files.move(swapped, file, StandardCopyOption.REPLACE_EXISTING);
                    while (!stuckSeen.get()) {
                        Files.move(fifo, swapped, StandardCopyOption.ATOMIC_MOVE);
                        LockSupport.parkNanos(300_000);
                        Files.move(swapped, fifo, StandardCopyOption.ATOMIC_MOVE);
                        Files.move(file, swapped, StandardCopyOption.ATOMIC_MOVE);
                        LockSupport.parkNanos(300_000);
                        Files.move(swapped, file, StandardCopyOption.ATOMIC_MOVE);
                    }
                    Files.move(file, swapped, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "fifo-swapper");
            swapper.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            JsonObject ready;
            do {
                Thread.sleep(50);
                ready = readiness(http, readyz);
                stuckSeen.set(ready.getJsonArray("skipped").encode().contains("a FIFO or a device may have taken its place"));
            } while (!stuckSeen.get() && System.nanoTime() < deadline);
            swapper.join(10_000);
            assertThat(stuckSeen).as("the indexer opened the FIFO in the knowledge file's place and gave up").isTrue();
            assertThat(ready.getInteger("files")).as("the rest stays indexed").isEqualTo(1);

            do {
                Thread.sleep(50);
                ready = readiness(http, readyz);
            } while (ready.getInteger("files") < 2 && System.nanoTime() < deadline);
            assertThat(ready.getInteger("files")).as("the file, a file again though unchanged, is indexed").isEqualTo(2);
            assertThat(ready.getJsonArray("skipped")).isEmpty();
        } finally {
            // A reader the deadline gave up on may still wait in open() if the FIFO had moved away: be its writer.
            if (Files.exists(fifo, LinkOption.NOFOLLOW_LINKS)) {
                Files.newByteChannel(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE).close();
            }
        }
    }

    private static JsonObject readiness(HttpClient http, URI readyz) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(readyz).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("/readyz").isEqualTo(200);
        return new JsonObject(response.body());
    }

    @Test
    void theRepositorysKnowledgeHasNoLinksAndNothingThatWouldBeSkipped() throws Exception {
        try (Stream<Path> paths = Files.walk(LocalServer.KNOWLEDGE)) {
            assertThat(paths.filter(Files::isSymbolicLink).toList()).as("symbolic links under knowledge/").isEmpty();
        }
        try (Stream<Path> paths = Files.walk(LocalServer.KNOWLEDGE)) {
            assertThat(paths.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()).as("special files").isEmpty();
        }
    }
}
