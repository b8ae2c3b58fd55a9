package dev.glassbox.server.local;

import dev.glassbox.core.log.Log;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The knowledge folder, indexed, kept current and searchable: {@code **}/*.md is chunked, embedded
 * (through the on-disk cache) and indexed; the folder is then polled, and any added, changed or
 * removed file swaps in a fresh index without a restart. Indexing runs on worker threads.
 */
public final class KnowledgeBase {
    private static final Logger LOG = Logger.getLogger(KnowledgeBase.class.getName());

    /** Passages shown in the retrieval step; the answer quotes only the relevant ones. */
    public static final int PASSAGES = 4;

    private final Vertx vertx;
    private final Path folder;
    private final Path cacheFolder;
    private final long watchIntervalMs;
    private final MarkdownChunker chunker = new MarkdownChunker();
    private volatile KnowledgeIndex current;
    /** The files the current index was built from: relative path → content. */
    private volatile Map<String, String> indexedFiles = Map.of();
    private boolean refreshing;
    private long watchTimer = -1;
    // Loaded by start() on a worker thread; published to other threads by the volatile write of current.
    private Embedder embedder;
    private EmbeddingCache cache;

    public KnowledgeBase(Vertx vertx, Path folder, Path cacheFolder, long watchIntervalMs) {
        this.vertx = vertx;
        this.folder = folder;
        this.cacheFolder = cacheFolder;
        this.watchIntervalMs = watchIntervalMs;
    }

    /** Loads the embedding model and the cache, indexes the folder, then starts watching it. */
    public Future<KnowledgeIndex> start() {
        return vertx.executeBlocking(() -> {
            embedder = new Embedder();
            cache = new EmbeddingCache(cacheFolder, embedder.dimension());
            return index(readFiles());
        }, false).map(index -> {
            watchTimer = vertx.setPeriodic(watchIntervalMs, t -> refreshIfChanged());
            return index;
        });
    }

    /** The current index, or null until the first indexing is done. */
    public KnowledgeIndex current() {
        return current;
    }

    /** Searches {@code index} (from {@link #current()}) for a question. Blocking: it embeds the question. */
    public Retrieval retrieve(KnowledgeIndex index, String question) {
        long started = System.nanoTime();
        Retrieval retrieval = index.search(question, embedder.embed(question), PASSAGES);
        return retrieval.withDuration((System.nanoTime() - started) / 1_000_000);
    }

    public void close() {
        if (watchTimer >= 0) {
            vertx.cancelTimer(watchTimer);
        }
    }

    private void refreshIfChanged() {
        if (refreshing) {
            return;
        }
        refreshing = true;
        vertx.executeBlocking(() -> {
            Map<String, String> files = readFiles();
            if (!files.equals(indexedFiles)) {
                index(files);
            }
            return null;
        }, false).onComplete(done -> {
            refreshing = false;
            if (done.failed()) {
                Log.warn(LOG, "knowledge re-index failed; keeping the previous index", done.cause(),
                        "folder", folder.toString());
            }
        });
    }

    /** Relative path → file content of every Markdown file, in path order. */
    private Map<String, String> readFiles() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.filter(p -> p.toString().endsWith(".md") && Files.isRegularFile(p)).toList()) {
                String relative = folder.relativize(path).toString().replace('\\', '/');
                files.put(relative, new String(Files.readAllBytes(path), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private synchronized KnowledgeIndex index(Map<String, String> files) {
        long started = System.nanoTime();
        List<KnowledgeChunk> chunks = new ArrayList<>();
        files.forEach((source, markdown) -> chunks.addAll(chunker.chunk(source, markdown)));
        List<String> hashes = chunks.stream().map(KnowledgeChunk::contentHash).toList();
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            if (cache.get(hashes.get(i)) == null) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            List<float[]> fresh = embedder.embedAll(missing.stream().map(i -> chunks.get(i).indexedText()).toList());
            for (int j = 0; j < missing.size(); j++) {
                cache.put(hashes.get(missing.get(j)), fresh.get(j));
            }
        }
        cache.retainOnly(Set.copyOf(hashes));
        cache.save();
        KnowledgeIndex index = new KnowledgeIndex(chunks, hashes.stream().map(cache::get).toList(), files.size());
        Map<String, String> previous = indexedFiles;
        indexedFiles = files;
        current = index;
        Log.info(LOG, previous.isEmpty() ? "knowledge indexed" : "knowledge re-indexed",
                "folder", folder.toString(), "files", files.size(), "passages", chunks.size(),
                "embedded", missing.size(), "fromCache", chunks.size() - missing.size(),
                "ms", (System.nanoTime() - started) / 1_000_000);
        return index;
    }
}
