package dev.glassbox.server.local.knowledge;

import dev.glassbox.core.log.Log;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.NIOFSDirectory;
import org.apache.lucene.store.SingleInstanceLockFactory;
import org.apache.lucene.util.IOUtils;
import org.apache.lucene.util.Version;

/**
 * The Lucene index of the passages, kept in the cache folder so that a start whose passages have not
 * changed reads it instead of analysing and indexing every passage again. It is stored under a key
 * hashed from what it was built from (the passages, the analysis, the document layout, Lucene's
 * version), written to a temporary folder and renamed into place, so a reader sees a whole index or
 * none. An index is read into memory and checked before it is used (every file's checksum, the key in
 * its commit, one document per passage); one that fails is rebuilt, never trusted. Starts that share a
 * cache folder are safe: each uses its own in-memory copy, and the last to finish writing wins.
 */
final class LuceneIndexCache {
    private static final Logger LOG = Logger.getLogger(LuceneIndexCache.class.getName());
    /** The commit's user-data entry that names the key the index was built for. */
    private static final String KEY = "glassbox.key";
    /** How the names of folders still being written start. */
    private static final String TEMPORARY = "tmp-";
    /** A temporary folder younger than this may belong to a start still writing it. */
    private static final Duration ABANDONED = Duration.ofHours(1);

    private final Path folder;

    /** What {@link #open} found: the index, and whether it came from the cache folder. */
    record Opened(DirectoryReader reader, boolean cached) {
    }

    LuceneIndexCache(Path cacheFolder) {
        this.folder = cacheFolder.resolve("lucene-index");
    }

    /** The index of these chunks (a doc id is the chunk's position): from the cache folder, else built and stored. */
    Opened open(List<KnowledgeChunk> chunks) {
        String key = key(chunks);
        Path stored = folder.resolve(key);
        // Not there: the first start with these passages.
        if (Files.isDirectory(stored)) {
            try {
                return new Opened(load(stored, key, chunks.size()), true);
            } catch (IOException | RuntimeException unusable) {
                Log.warn(LOG, "ignoring an unusable stored Lucene index; rebuilding it", unusable,
                        "folder", stored.toString());
            }
        }
        try {
            Directory built = build(chunks, key);
            store(built, stored);
            removeOthers(key);
            return new Opened(DirectoryReader.open(built), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Directory build(List<KnowledgeChunk> chunks, String key) throws IOException {
        Directory directory = inMemory();
        // No merging: the index is written once and never updated, so merging segments only costs time;
        // and segments that are never merged keep the documents in the order they were added.
        IndexWriterConfig config = new IndexWriterConfig(KnowledgeAnalyzer.forText())
                .setMergePolicy(NoMergePolicy.INSTANCE);
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (KnowledgeChunk chunk : chunks) {
                Document document = new Document();
                document.add(new TextField("title", chunk.title(), Field.Store.NO));
                document.add(new TextField("text", chunk.indexedText(), Field.Store.NO));
                writer.addDocument(document);
            }
            writer.setLiveCommitData(Map.of(KEY, key).entrySet());
            writer.commit();
        }
        return directory;
    }

    /**
     * A directory in memory that keeps each file as one buffer once written. Its default keeps a file as many
     * small buffers, and every search then copies the list of them for each term it reads (about 270 KB of
     * garbage per question over the knowledge base); the bytes, and so every score, are the same.
     */
    private static Directory inMemory() {
        return new ByteBuffersDirectory(new SingleInstanceLockFactory(), ByteBuffersDataOutput::new,
                ByteBuffersDirectory.OUTPUT_AS_ONE_BUFFER);
    }

    /** Reads a stored index into memory, so no file stays open, and checks it is whole and the one asked for. */
    private static DirectoryReader load(Path stored, String key, int documents) throws IOException {
        Directory memory = inMemory();
        try (Directory disk = new NIOFSDirectory(stored)) {
            for (String file : disk.listAll()) {
                memory.copyFrom(disk, file, file, IOContext.READONCE);
            }
        }
        for (String file : memory.listAll()) {
            try (IndexInput in = memory.openInput(file, IOContext.READONCE)) {
                CodecUtil.checksumEntireFile(in);
            }
        }
        DirectoryReader reader = DirectoryReader.open(memory);
        if (!key.equals(reader.getIndexCommit().getUserData().get(KEY)) || reader.maxDoc() != documents
                || reader.numDeletedDocs() != 0) {
            reader.close();
            throw new CorruptIndexException("not the index of these passages", stored.toString());
        }
        return reader;
    }

    /** Best effort: an index that cannot be stored is still used, and built again by the next start. */
    private void store(Directory built, Path stored) {
        Path temporary = null;
        try {
            Files.createDirectories(folder);
            temporary = Files.createTempDirectory(folder, TEMPORARY + stored.getFileName() + ".");
            try (Directory disk = new NIOFSDirectory(temporary)) {
                for (String file : built.listAll()) {
                    disk.copyFrom(built, file, file, IOContext.DEFAULT);
                }
                disk.sync(List.of(disk.listAll()));
                disk.syncMetaData();
            }
            // Only an unusable index can be in the way: a usable one would have been loaded.
            IOUtils.rm(stored);
            try {
                Files.move(temporary, stored, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.isDirectory(stored)) {
                    throw e;
                }
                // Another start stored the same index first.
                deleteQuietly(temporary);
            }
        } catch (IOException e) {
            Log.warn(LOG, "could not store the Lucene index; the next start builds it again", e,
                    "folder", stored.toString());
            deleteQuietly(temporary);
        }
    }

    /** Keeps only the current index, so the folder does not grow with every edit of the knowledge base. */
    private void removeOthers(String key) {
        Instant abandoned = Instant.now().minus(ABANDONED);
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.equals(key) && (!name.startsWith(TEMPORARY)
                        || Files.getLastModifiedTime(entry).toInstant().isBefore(abandoned))) {
                    deleteQuietly(entry);
                }
            }
        } catch (IOException e) {
            // Another start may be cleaning up at the same time; whatever is left goes next time.
        }
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            IOUtils.rm(path);
        } catch (IOException e) {
            // Another start may have removed it first; anything left is removed by a later start.
        }
    }

    /**
     * The SHA-256 of everything the index depends on. The analyzer's and this class's own bytecode stand
     * for the analysis and the document layout, so a changed analysis never meets an index built by the old one.
     */
    private static String key(List<KnowledgeChunk> chunks) {
        MessageDigest digest = sha256();
        try (DataOutputStream out = new DataOutputStream(new DigestOutputStream(OutputStream.nullOutputStream(),
                digest))) {
            writeString(out, Version.LATEST.toString());
            out.write(bytecode(KnowledgeAnalyzer.class));
            out.write(bytecode(KnowledgeAnalyzer.VisitorWords.class));
            out.write(bytecode(LuceneIndexCache.class));
            for (KnowledgeChunk chunk : chunks) {
                writeString(out, chunk.title());
                writeString(out, chunk.indexedText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Length first, so the boundaries between strings count. */
    private static void writeString(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] bytecode(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class")) {
            if (in == null) {
                throw new IOException(type.getName() + "'s class file is not on the classpath");
            }
            return in.readAllBytes();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
