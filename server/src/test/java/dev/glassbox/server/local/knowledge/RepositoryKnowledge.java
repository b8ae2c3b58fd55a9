package dev.glassbox.server.local.knowledge;

import dev.glassbox.server.LocalServer;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The repository's knowledge folder, indexed for a test class with the shared embedding cache; a test class
 * holds it in an {@code @AutoClose} static field.
 */
public record RepositoryKnowledge(Vertx vertx, KnowledgeBase knowledge, KnowledgeIndex index) implements AutoCloseable {

    public static RepositoryKnowledge start() {
        return start(LocalServer.KNOWLEDGE, Path.of("target", "embedding-cache").toAbsolutePath());
    }

    /** Another knowledge folder (a test's own), indexed the same way with the given cache folder. */
    public static RepositoryKnowledge start(Path folder, Path cache) {
        Vertx vertx = Vertx.vertx();
        KnowledgeBase knowledge = new KnowledgeBase(vertx, folder, cache, 60_000, 1024 * 1024);
        try {
            return new RepositoryKnowledge(vertx, knowledge,
                    LocalServer.await(knowledge.start(), Duration.ofSeconds(120)));
        } catch (Exception e) {
            throw new IllegalStateException("the knowledge folder could not be indexed", e);
        }
    }

    @Override
    public void close() throws Exception {
        knowledge.close();
        LocalServer.await(vertx.close(), Duration.ofSeconds(10));
    }
}
