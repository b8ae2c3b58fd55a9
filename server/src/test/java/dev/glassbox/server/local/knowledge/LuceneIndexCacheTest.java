package dev.glassbox.server.local.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneIndexCacheTest {
    private static final List<KnowledgeChunk> CHUNKS = List.of(
            new KnowledgeChunk("costs.md", "Costs › Monthly cost", "monthly-cost",
                    "The monthly cost stays under the daily budget GLASSBOX_DAILY_BUDGET_USD."),
            new KnowledgeChunk("architecture.md", "Architecture › Relay", "relay",
                    "The relay streams tokens over a WebSocket; KnowledgeSync uploads the files."),
            new KnowledgeChunk("cicd.md", "CI/CD › Deploy", "deploy", "deploy.yml deploys the stack."));

    @Test
    void theSecondOpenReadsTheStoredIndexAndFindsTheSame(@TempDir Path cache) throws Exception {
        LuceneIndexCache.Opened built = new LuceneIndexCache(cache).open(CHUNKS);
        LuceneIndexCache.Opened stored = new LuceneIndexCache(cache).open(CHUNKS);

        assertThat(built.cached()).isFalse();
        assertThat(stored.cached()).isTrue();
        for (String term : List.of("budget", "relay", "websocket", "deploy", "yml", "sync", "cost")) {
            assertThat(hits(stored.reader(), term)).as(term).isNotEmpty().isEqualTo(hits(built.reader(), term));
        }
    }

    @Test
    void changedPassagesAreIndexedAgainAndTheOldIndexIsRemoved(@TempDir Path cache) throws Exception {
        new LuceneIndexCache(cache).open(CHUNKS);
        List<String> before = storedIndexes(cache);
        List<KnowledgeChunk> edited = new ArrayList<>(CHUNKS);
        edited.set(2, new KnowledgeChunk("cicd.md", "CI/CD › Deploy", "deploy", "release.yml deploys the stack."));

        LuceneIndexCache.Opened opened = new LuceneIndexCache(cache).open(edited);

        assertThat(opened.cached()).isFalse();
        assertThat(hits(opened.reader(), "release")).containsExactly("2");
        assertThat(hits(opened.reader(), "yml")).containsExactly("2");
        assertThat(storedIndexes(cache)).hasSize(1).doesNotContainAnyElementsOf(before);
        assertThat(new LuceneIndexCache(cache).open(edited).cached()).isTrue();
    }

    @Test
    void aCorruptStoredIndexIsRebuiltAndStoredAgain(@TempDir Path cache) throws Exception {
        List<String> expected = hits(new LuceneIndexCache(cache).open(CHUNKS).reader(), "relay");
        Path index = cache.resolve("lucene-index").resolve(storedIndexes(cache).get(0));
        try (Stream<Path> files = Files.list(index)) {
            for (Path file : files.toList()) {
                byte[] bytes = Files.readAllBytes(file);
                bytes[bytes.length / 2] ^= 0x5a;
                Files.write(file, bytes);
            }
        }

        LuceneIndexCache.Opened rebuilt = new LuceneIndexCache(cache).open(CHUNKS);

        assertThat(rebuilt.cached()).isFalse();
        assertThat(hits(rebuilt.reader(), "relay")).isEqualTo(expected);
        assertThat(new LuceneIndexCache(cache).open(CHUNKS).cached()).isTrue();
    }

    @Test
    void aTruncatedOrEmptyStoredIndexIsRebuilt(@TempDir Path cache) throws Exception {
        new LuceneIndexCache(cache).open(CHUNKS);
        Path index = cache.resolve("lucene-index").resolve(storedIndexes(cache).get(0));
        try (Stream<Path> files = Files.list(index)) {
            Path largest = files.max((a, b) -> Long.compare(a.toFile().length(), b.toFile().length())).orElseThrow();
            Files.write(largest, new byte[0]);
        }
        assertThat(new LuceneIndexCache(cache).open(CHUNKS).cached()).isFalse();

        try (Stream<Path> files = Files.list(index)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        assertThat(new LuceneIndexCache(cache).open(CHUNKS).cached()).isFalse();
        assertThat(new LuceneIndexCache(cache).open(CHUNKS).cached()).isTrue();
    }

    /** An intact index of other passages under these passages' key (copied there by hand, say) is not used. */
    @Test
    void anIndexOfOtherPassagesIsNotTrusted(@TempDir Path cache, @TempDir Path elsewhere) throws Exception {
        List<KnowledgeChunk> others = List.of(new KnowledgeChunk("other.md", "Other", "other", "Nothing alike."));
        new LuceneIndexCache(elsewhere).open(others);
        Path foreign = elsewhere.resolve("lucene-index").resolve(storedIndexes(elsewhere).get(0));
        new LuceneIndexCache(cache).open(CHUNKS);
        Path index = cache.resolve("lucene-index").resolve(storedIndexes(cache).get(0));
        try (Stream<Path> files = Files.list(index)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        try (Stream<Path> files = Files.list(foreign)) {
            for (Path file : files.toList()) {
                Files.copy(file, index.resolve(file.getFileName()));
            }
        }

        LuceneIndexCache.Opened opened = new LuceneIndexCache(cache).open(CHUNKS);

        assertThat(opened.cached()).isFalse();
        assertThat(opened.reader().maxDoc()).isEqualTo(CHUNKS.size());
        assertThat(hits(opened.reader(), "relay")).containsExactly("1");
    }

    @Test
    void anIndexThatCannotBeStoredIsStillUsed(@TempDir Path folder) throws Exception {
        Path notAFolder = Files.writeString(folder.resolve("cache"), "a file where the cache folder belongs");

        LuceneIndexCache.Opened opened = new LuceneIndexCache(notAFolder).open(CHUNKS);

        assertThat(opened.cached()).isFalse();
        assertThat(hits(opened.reader(), "relay")).containsExactly("1");
        assertThat(new LuceneIndexCache(notAFolder).open(CHUNKS).cached()).isFalse();
    }

    /** Starts sharing one cache folder, with the same and with other passages, each get a whole index. */
    @Test
    void startsSharingACacheFolderEachGetAWholeIndex(@TempDir Path cache) throws Exception {
        List<KnowledgeChunk> edited = new ArrayList<>(CHUNKS);
        edited.set(1, new KnowledgeChunk("architecture.md", "Architecture › Relay", "relay", "Tokens relayed."));
        ExecutorService starts = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                List<KnowledgeChunk> chunks = i % 3 == 0 ? edited : CHUNKS;
                results.add(starts.submit(() -> hits(new LuceneIndexCache(cache).open(chunks).reader(), "relay")));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).as("start %d", i).containsExactly("1");
            }
        } finally {
            starts.shutdownNow();
        }
        LuceneIndexCache.Opened last = new LuceneIndexCache(cache).open(CHUNKS);
        assertThat(hits(last.reader(), "budget")).containsExactly("0");
        assertThat(new LuceneIndexCache(cache).open(CHUNKS).cached()).isTrue();
        assertThat(storedIndexes(cache)).hasSize(1);
    }

    /** The documents a word finds, best first: "doc" for one, "doc score" each for more. */
    private static List<String> hits(DirectoryReader reader, String word) throws IOException {
        String term = stem(word);
        ScoreDoc[] docs = new IndexSearcher(reader).search(new TermQuery(new Term("text", term)), 10).scoreDocs;
        List<String> hits = new ArrayList<>();
        for (ScoreDoc doc : docs) {
            hits.add(docs.length == 1 ? String.valueOf(doc.doc) : doc.doc + " " + doc.score);
        }
        return hits;
    }

    /** The word as the index holds it (lower case, stemmed: "relay" is "relai"). */
    private static String stem(String word) throws IOException {
        try (TokenStream stream = KnowledgeAnalyzer.forText().tokenStream("text", word)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            assertThat(stream.incrementToken()).as(word).isTrue();
            return term.toString();
        }
    }

    private static List<String> storedIndexes(Path cache) throws IOException {
        try (Stream<Path> entries = Files.list(cache.resolve("lucene-index"))) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
