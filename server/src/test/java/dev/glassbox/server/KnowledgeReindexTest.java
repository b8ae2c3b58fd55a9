package dev.glassbox.server;

import dev.glassbox.core.testing.ProtocolClient;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Added, changed and removed knowledge files reach answers without a restart. */
class KnowledgeReindexTest {
    private static final String QUESTION = "When is the lighthouse lamp serviced?";

    @TempDir
    Path knowledge;

    @Test
    void addedChangedAndRemovedFilesAreReindexedWithoutARestart() throws Exception {
        Files.writeString(knowledge.resolve("bakery.md"), """
                # Bakery
                The bakery sells rye bread and poppy seed rolls from Monday to Saturday.
                Sourdough is baked overnight and is sold out by noon.
                """);
        Vertx clients = Vertx.vertx();
        try (LocalServer server = LocalServer.start(knowledge, Map.of("GLASSBOX_WATCH_INTERVAL_MS", "100",
                // it asks again and again on one connection until the re-index shows
                "GLASSBOX_ASK_BURST", "1000"));
             ProtocolClient client = ProtocolClient.connect(clients, server.port())) {
            assertThat(answer(client, "before")).startsWith("I could not find anything");

            Path lighthouse = knowledge.resolve("guides").resolve("lighthouse.md");
            Files.createDirectories(lighthouse.getParent());
            Files.writeString(lighthouse, """
                    # Lighthouse
                    ## Maintenance
                    The lighthouse lamp is serviced every Tuesday by the keeper on duty.
                    """);
            assertThat(eventually(client, text -> text.contains("every Tuesday"))).contains("[1]");

            Files.writeString(lighthouse, """
                    # Lighthouse
                    ## Maintenance
                    The lighthouse lamp is serviced on the first Monday of each month by the keeper on duty.
                    """);
            assertThat(eventually(client, text -> text.contains("first Monday"))).doesNotContain("Tuesday");

            Files.delete(lighthouse);
            assertThat(eventually(client, text -> text.startsWith("I could not find anything"))).isNotEmpty();
        } finally {
            LocalServer.await(clients.close(), Duration.ofSeconds(10));
        }
    }

    private static int asked;

    private static String answer(ProtocolClient client, String id) throws Exception {
        client.ask(id, QUESTION);
        List<JsonObject> events = client.untilEnd(id);
        return events.get(events.size() - 1).getString("text");
    }

    /** Asks until the answer matches, for up to 10 s: the folder is polled every 100 ms. */
    private static String eventually(ProtocolClient client, Predicate<String> expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String text;
        do {
            Thread.sleep(200);
            text = answer(client, "ask-" + asked++);
        } while (!expected.test(text) && System.nanoTime() < deadline);
        assertThat(text).matches(expected::test, "the re-indexed answer");
        return text;
    }
}
