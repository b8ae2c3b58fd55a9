package dev.glassbox.server.local.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.server.LocalServer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restarts of the knowledge base over a copy of knowledge/ with one cache folder: the second start
 * reads the Lucene index the first stored and retrieves exactly what the first did; a changed file or a
 * damaged stored index makes a start index again.
 */
class KnowledgeBaseRestartTest {
    private static final Logger KNOWLEDGE_LOG = Logger.getLogger(KnowledgeBase.class.getName());

    @TempDir
    Path temp;
    private Path knowledge;
    private Path cache;
    private Vertx vertx;
    private final List<Map<?, ?>> indexed = new ArrayList<>();
    private final Handler indexedLines = new Handler() {
        @Override
        public void publish(LogRecord record) {
            // Only this test's folder: reading RetrievalQualityTest's questions indexes the repository's knowledge.
            if (record.getMessage().startsWith("knowledge ")
                    && knowledge.toString().equals(((Map<?, ?>) record.getParameters()[0]).get("folder"))) {
                indexed.add((Map<?, ?>) record.getParameters()[0]);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void copyKnowledgeAndEmbeddings() throws IOException {
        knowledge = Files.createDirectories(temp.resolve("knowledge"));
        try (Stream<Path> files = Files.list(LocalServer.KNOWLEDGE)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).toList()) {
                Files.copy(file, knowledge.resolve(file.getFileName()));
            }
        }
        cache = Files.createDirectories(temp.resolve("cache"));
        // Embeddings other tests already computed (the same model, keyed by text): only saves time.
        try (Stream<Path> files = Files.list(Files.createDirectories(Path.of("target", "embedding-cache")))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".bin")).toList()) {
                Files.copy(file, cache.resolve(file.getFileName()));
            }
        }
        vertx = Vertx.vertx();
        KNOWLEDGE_LOG.addHandler(indexedLines);
    }

    @AfterEach
    void close() throws Exception {
        KNOWLEDGE_LOG.removeHandler(indexedLines);
        LocalServer.await(vertx.close(), Duration.ofSeconds(10));
    }

    @Test
    void theSecondStartUsesTheStoredIndexAndRetrievesTheSame() throws Exception {
        List<String> built = retrievals();
        List<String> cached = retrievals();

        assertThat(luceneIndexes()).containsExactly("built", "cached");
        assertThat(cached).isEqualTo(built);
    }

    @Test
    void aChangedFileIsIndexedAgain() throws Exception {
        retrievals();
        Files.writeString(knowledge.resolve("costs.md"), "\n\n## Quokka\n\nThe quokka budget is zero.\n",
                StandardOpenOption.APPEND);

        KnowledgeBase restarted = new KnowledgeBase(vertx, knowledge, cache, 60_000, 1024 * 1024);
        KnowledgeIndex index = LocalServer.await(restarted.start(), Duration.ofSeconds(120));
        restarted.close();

        assertThat(luceneIndexes()).containsExactly("built", "built");
        assertThat(index.mentions("quokka")).isTrue();
    }

    @Test
    void aDamagedStoredIndexIsBuiltAgainAndRetrievesTheSame() throws Exception {
        List<String> built = retrievals();
        try (Stream<Path> indexes = Files.list(cache.resolve("lucene-index"))) {
            for (Path index : indexes.toList()) {
                try (Stream<Path> files = Files.list(index)) {
                    for (Path file : files.toList()) {
                        Files.move(file, file.resolveSibling(file.getFileName() + ".moved"),
                                StandardCopyOption.ATOMIC_MOVE);
                    }
                }
            }
        }

        List<String> rebuilt = retrievals();

        assertThat(luceneIndexes()).containsExactly("built", "built");
        assertThat(rebuilt).isEqualTo(built);
    }

    /** Where each start's Lucene index came from, as its "knowledge indexed" line says. */
    private List<String> luceneIndexes() {
        return indexed.stream().map(line -> String.valueOf(line.get("luceneIndex"))).toList();
    }

    /** One start of the knowledge base: what it retrieves for every question of the retrieval-quality suite. */
    private List<String> retrievals() throws Exception {
        KnowledgeBase base = new KnowledgeBase(vertx, knowledge, cache, 60_000, 1024 * 1024);
        KnowledgeIndex index = LocalServer.await(base.start(), Duration.ofSeconds(120));
        List<String> retrievals = new ArrayList<>();
        try {
            for (String question : RetrievalQualityTest.QUESTIONS.keySet()) {
                Retrieval retrieval = base.retrieve(index, question);
                StringBuilder line = new StringBuilder(question);
                for (Passage passage : retrieval.passages()) {
                    line.append(" | ").append(passage.chunk().uri()).append(' ').append(passage.fusedScore())
                            .append(' ').append(passage.keywordRank()).append(' ').append(passage.vectorRank());
                }
                retrievals.add(line + " | " + retrieval.byKeywords() + " | " + retrieval.byMeaning());
            }
        } finally {
            base.close();
        }
        return retrievals;
    }
}
