package dev.glassbox.server.local.knowledge;

import dev.glassbox.core.guard.FolderFiles;
import dev.glassbox.core.log.Log;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The knowledge folder, indexed, kept current and searchable: {@code **}/*.md is chunked, embedded
 * (through the on-disk cache) and indexed; the folder is then polled, and any added, changed or
 * removed file swaps in a fresh index without a restart. Indexing runs on worker threads.
 * Only regular files inside the folder, within a size limit, are read ({@link FolderFiles}); a file
 * that is skipped or cannot be indexed is logged once and listed by {@link #skipped()}, and the rest
 * is indexed.
 */
public final class KnowledgeBase {
    private static final Logger LOG = Logger.getLogger(KnowledgeBase.class.getName());

    /** Passages shown in the retrieval step; the answer quotes only the relevant ones. */
    public static final int PASSAGES = 4;
    /**
     * At most this many files and bytes are indexed, about 20 times Glassbox's own folder: each sentence is
     * embedded, about 15 bytes of heap for each byte of text, and the heap is 512 MB.
     */
    static final int MAX_FILES = 1_000;
    static final long MAX_TOTAL_BYTES = 4L * 1024 * 1024;
    /** The longest wait before a file whose read failed for a passing reason is read again. */
    static final long MAX_RETRY_MS = 5 * 60_000;

    private final Vertx vertx;
    private final Path folder;
    private final Path cacheFolder;
    private final long watchIntervalMs;
    private final FolderFiles.Limits limits;
    private final MarkdownChunker chunker = new MarkdownChunker();
    /**
     * Loads the model and indexes. A large folder takes minutes (22,000 passages: over a minute), and on
     * Vert.x's worker pool every second past its 60 s limit logged a warning with a stack trace. Shared by
     * name, so one pool per Vert.x instance, closed with it: closing it here could cut a model load short.
     */
    private final WorkerExecutor indexing;
    private volatile KnowledgeIndex current;
    /** The files the current index was built from: relative path → content hash (the content is in the index). */
    private volatile Map<String, String> indexedFiles = Map.of();
    /** What the folder held when it was last read: while nothing changes, nothing is read again... */
    private volatile Map<String, FolderFiles.Stamp> surveyed = Map.of();
    /**
     * ...except the files whose read failed for a passing reason (a timeout, an I/O error, a write under way),
     * each after a wait that doubles with every failure: a file refused for good (too large, not text, a link)
     * waits for a change of its size or time instead.
     */
    private volatile Map<String, Retry> retries = Map.of();
    /** Files the last index could not use (bad Markdown, text the embedder refuses). */
    private volatile List<FolderFiles.Skipped> unindexable = List.of();
    /** Every file left out of the current index, and why. */
    private volatile List<FolderFiles.Skipped> skipped = List.of();
    private final Set<FolderFiles.Skipped> reported = new HashSet<>();
    private boolean refreshing;
    private long watchTimer = -1;
    /** Loaded by start() while the folder is indexed. */
    private final CompletableFuture<Embedder> embedder = new CompletableFuture<>();
    // Loaded by start() on a worker thread; published to other threads by the volatile write of current.
    private EmbeddingCache cache;
    private final LuceneIndexCache luceneIndexes;

    public KnowledgeBase(Vertx vertx, Path folder, Path cacheFolder, long watchIntervalMs, long maxFileBytes) {
        this.vertx = vertx;
        this.folder = folder;
        this.cacheFolder = cacheFolder;
        this.watchIntervalMs = watchIntervalMs;
        this.limits = new FolderFiles.Limits(maxFileBytes, MAX_FILES, MAX_TOTAL_BYTES);
        this.luceneIndexes = new LuceneIndexCache(cacheFolder);
        this.indexing = vertx.createSharedWorkerExecutor("glassbox-knowledge-indexing", 2, 30, TimeUnit.MINUTES);
    }

    /**
     * Loads the embedding model and, at the same time, indexes the folder (passages the cache holds need
     * no model: loading it costs about as much CPU as indexing); then starts watching the folder. When
     * indexing fails, the result waits for the model load to end: the server exits on that failure, and
     * exiting while ONNX Runtime creates its session crashes the JVM (see {@link StopSignalsHeld}).
     */
    public Future<KnowledgeIndex> start() {
        Future<Embedder> model = indexing.executeBlocking(Embedder::new, false)
                .onSuccess(embedder::complete)
                .onFailure(embedder::completeExceptionally);
        Future<KnowledgeIndex> indexed = indexing.executeBlocking(() -> {
            cache = new EmbeddingCache(cacheFolder, Embedder.DIMENSION);
            return index(read(FolderFiles.survey(folder, ".md", limits)));
        }, false);
        return Future.join(model, indexed).map(both -> {
            watchTimer = vertx.setPeriodic(watchIntervalMs, t -> refreshIfChanged());
            return indexed.result();
        });
    }

    /** Files of the folder that are not in the index, and why: links, special or oversized files, bad Markdown. */
    public List<FolderFiles.Skipped> skipped() {
        return skipped;
    }

    /** The current index, or null until the first indexing is done. */
    public KnowledgeIndex current() {
        return current;
    }

    /** Searches {@code index} (from {@link #current()}) for a question. Blocking: it embeds the question. */
    public Retrieval retrieve(KnowledgeIndex index, String question) {
        return retrieve(index, question, "");
    }

    /**
     * Searches {@code index} for a question: passages are judged by their similarity to the question in the docs'
     * words ({@link KnowledgeIndex#inDocsWords}), as keywords and coverage read it ("kick it off" as "start it"),
     * and ranked by meaning as {@link KnowledgeIndex#meaningQuery} reads it. Blocking: it embeds once or twice.
     *
     * @param previousAnswer the previous answer when the question is a follow-up, else empty
     */
    public Retrieval retrieve(KnowledgeIndex index, String question, String previousAnswer) {
        long started = System.nanoTime();
        String docsWords = index.inDocsWords(question);
        String meaningQuery = index.meaningQuery(question);
        float[] asked = embedder.join().embed(docsWords);
        float[] ranking = meaningQuery.equals(docsWords) ? asked : embedder.join().embed(meaningQuery);
        Retrieval retrieval = index.search(question, asked, ranking, previousAnswer, PASSAGES);
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
        indexing.executeBlocking(() -> {
            FolderFiles.Survey survey = FolderFiles.survey(folder, ".md", limits);
            long now = System.currentTimeMillis();
            if (survey.files().equals(surveyed) && retries.values().stream().noneMatch(r -> r.dueAtMs() <= now)) {
                return null;
            }
            Folder read = read(survey);
            if (!hashes(read.files()).equals(indexedFiles)) {
                index(read);
            } else {
                remember(read); // touched, or a retry that failed again
                report(read.unreadable(), unindexable);
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

    /**
     * What one read of the folder found: relative path → content, the files that may not be read, and the
     * stamps of the files as surveyed before they were read.
     */
    private record Folder(Map<String, String> files, List<FolderFiles.Skipped> unreadable,
                          Map<String, FolderFiles.Stamp> stamps) {
    }

    /** A file whose read failed {@code failures} times in a row for a passing reason, read again from {@code dueAtMs}. */
    private record Retry(int failures, long dueAtMs) {
    }

    /** Remembers what was read, and when to read again each file whose read failed for a passing reason. */
    private void remember(Folder read) {
        long now = System.currentTimeMillis();
        Map<String, Retry> next = new HashMap<>();
        for (FolderFiles.Skipped file : read.unreadable()) {
            if (file.passing()) {
                Retry last = retries.get(file.file());
                int failures = last == null ? 1 : last.failures() + 1;
                long waitMs = Math.min(MAX_RETRY_MS, watchIntervalMs << Math.min(failures - 1, 20));
                next.put(file.file(), new Retry(failures, now + waitMs));
            }
        }
        retries = Map.copyOf(next);
        surveyed = read.stamps();
    }

    private Folder read(FolderFiles.Survey survey) {
        FolderFiles.Listing listing = FolderFiles.read(survey, limits.maxFileBytes());
        Map<String, String> files = new LinkedHashMap<>();
        List<FolderFiles.Skipped> unreadable = new ArrayList<>(listing.skipped());
        listing.files().forEach((file, bytes) -> {
            String text = text(bytes);
            if (text != null) {
                files.put(file, text);
            } else {
                unreadable.add(new FolderFiles.Skipped(file, "it is not UTF-8 text (a binary file?)"));
            }
        });
        return new Folder(files, unreadable, survey.files());
    }

    private static Map<String, String> hashes(Map<String, String> files) {
        Map<String, String> hashes = new HashMap<>();
        files.forEach((file, text) -> hashes.put(file, KnowledgeChunk.hash(text)));
        return hashes;
    }

    /**
     * The file's text, or null when it is not UTF-8 or holds a NUL: a binary file named .md. Decoded
     * leniently, its replacement characters and control bytes would be indexed and quoted as passages.
     */
    private static String text(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            return text.indexOf('\0') < 0 ? text : null;
        } catch (CharacterCodingException notUtf8) {
            return null;
        }
    }

    private synchronized KnowledgeIndex index(Folder read) {
        long started = System.nanoTime();
        List<FolderFiles.Skipped> failed = new ArrayList<>();
        Map<String, List<KnowledgeChunk>> byFile = new LinkedHashMap<>();
        read.files().forEach((source, markdown) -> {
            try {
                byFile.put(source, chunker.chunk(source, markdown));
            } catch (RuntimeException e) {
                failed.add(new FolderFiles.Skipped(source, "it cannot be read as Markdown: " + e));
            }
        });
        // Cutting every passage into sentences and hashing each costs a tenth of a second at start: done once.
        Map<KnowledgeChunk, List<Quotables.Quotable>> pieces = new HashMap<>();
        Map<KnowledgeChunk, List<Embeddable>> embeddables = new HashMap<>();
        byFile.values().forEach(file -> file.forEach(c -> {
            pieces.put(c, Quotables.of(c.text()));
            embeddables.put(c, embeddables(c, pieces.get(c)));
        }));
        Map<String, String> texts = texts(byFile.values().stream().flatMap(List::stream).toList(), embeddables);
        int embedded;
        try {
            embedded = embedMissing(texts);
        } catch (RuntimeException batchFailed) {
            // Find the file the embedder refuses, so one bad file does not keep the rest out.
            embedded = 0;
            for (Iterator<Map.Entry<String, List<KnowledgeChunk>>> it = byFile.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, List<KnowledgeChunk>> file = it.next();
                try {
                    embedded += embedMissing(texts(file.getValue(), embeddables));
                } catch (RuntimeException e) {
                    failed.add(new FolderFiles.Skipped(file.getKey(), "it cannot be embedded: " + e.getMessage()));
                    it.remove();
                }
            }
            texts = texts(byFile.values().stream().flatMap(List::stream).toList(), embeddables);
        }
        List<KnowledgeChunk> chunks = byFile.values().stream().flatMap(List::stream).toList();
        // Each word the passages use is embedded too (WordMeanings), cached like the passages.
        Map<String, String> vocabulary = new LinkedHashMap<>();
        WordMeanings.vocabulary(chunks).forEach(word -> vocabulary.put(KnowledgeChunk.hash(word), word));
        embedded += embedMissing(vocabulary);
        Set<String> kept = new HashSet<>(texts.keySet());
        kept.addAll(vocabulary.keySet());
        cache.retainOnly(kept);
        cache.save();
        List<float[]> vectors = chunks.stream().map(c -> cache.get(c.contentHash())).toList();
        List<float[][]> pieceVectors = chunks.stream().map(c -> embeddables.get(c).stream().skip(1)
                .map(piece -> cache.get(piece.hash())).toArray(float[][]::new)).toList();
        Map<String, float[]> wordVectors = new HashMap<>();
        vocabulary.forEach((hash, word) -> wordVectors.put(word, cache.get(hash)));
        WordMeanings meanings = new WordMeanings(chunks, wordVectors, word -> embedder.join().embed(word));
        LuceneIndexCache.Opened words = luceneIndexes.open(chunks);
        KnowledgeIndex index = new KnowledgeIndex(chunks, vectors, chunks.stream().map(pieces::get).toList(),
                pieceVectors, words.reader(), byFile.size(), meanings);
        Map<String, String> previous = indexedFiles;
        // What was read, failures included: an unchanged bad file is not read again every poll.
        indexedFiles = hashes(read.files());
        remember(read);
        unindexable = List.copyOf(failed);
        current = index;
        report(read.unreadable(), unindexable);
        Log.info(LOG, previous.isEmpty() ? "knowledge indexed" : "knowledge re-indexed",
                "folder", folder.toString(), "files", byFile.size(), "passages", chunks.size(),
                "embedded", embedded, "luceneIndex", words.cached() ? "cached" : "built", "skipped", skipped.size(),
                "ms", (System.nanoTime() - started) / 1_000_000);
        return index;
    }

    /** A text the index embeds, with its content hash: the key of its embedding in the cache. */
    private record Embeddable(String hash, String text) {
    }

    /**
     * What the index embeds of a chunk: its indexed text first, then each of its quotable pieces (sentences,
     * list items) under its heading, in order, which the composer compares with the question. A table row goes
     * without the heading: it names its columns, and a heading such as "Attacks tried" would pull every row's
     * meaning towards it.
     */
    private static List<Embeddable> embeddables(KnowledgeChunk chunk, List<Quotables.Quotable> pieces) {
        List<Embeddable> embeddables = new ArrayList<>();
        embeddables.add(new Embeddable(chunk.contentHash(), chunk.indexedText()));
        for (Quotables.Quotable piece : pieces) {
            String text = piece.row() != null ? piece.text() : chunk.pieceText(piece.text());
            embeddables.add(new Embeddable(KnowledgeChunk.hash(text), text));
        }
        return embeddables;
    }

    /** The texts of these chunks to embed, by content hash, each once. */
    private static Map<String, String> texts(List<KnowledgeChunk> chunks,
                                             Map<KnowledgeChunk, List<Embeddable>> embeddables) {
        Map<String, String> texts = new LinkedHashMap<>();
        chunks.forEach(chunk -> embeddables.get(chunk).forEach(e -> texts.put(e.hash(), e.text())));
        return texts;
    }

    /** Embeds the texts (content hash → text) the cache does not hold yet; returns how many. */
    private int embedMissing(Map<String, String> texts) {
        List<Map.Entry<String, String>> missing = texts.entrySet().stream()
                .filter(t -> cache.get(t.getKey()) == null).toList();
        if (!missing.isEmpty()) {
            List<float[]> fresh = embedder.join().embedAll(missing.stream().map(Map.Entry::getValue).toList());
            for (int i = 0; i < missing.size(); i++) {
                cache.put(missing.get(i).getKey(), fresh.get(i));
            }
        }
        return missing.size();
    }

    /** Publishes the skipped files; each is logged the first time it is skipped for that reason. */
    private synchronized void report(List<FolderFiles.Skipped> unreadable, List<FolderFiles.Skipped> failed) {
        List<FolderFiles.Skipped> all = new ArrayList<>(unreadable);
        all.addAll(failed);
        for (FolderFiles.Skipped file : all) {
            if (reported.add(file)) {
                Log.warn(LOG, "knowledge file skipped", null, "folder", folder.toString(), "file", file.file(),
                        "reason", file.reason());
            }
        }
        reported.retainAll(all);
        skipped = List.copyOf(all);
    }
}
