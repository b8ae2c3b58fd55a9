package dev.glassbox.server.local.knowledge;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import dev.glassbox.core.log.Log;

/**
 * Embeddings on disk, keyed by the SHA-256 of the text they embed, so a restart (or an edit to one
 * file) re-embeds only text that changed. One binary file per model and dimension; a file that
 * cannot be read is ignored and rebuilt, never fatal.
 */
public final class EmbeddingCache {
    private static final Logger LOG = Logger.getLogger(EmbeddingCache.class.getName());
    private static final int FORMAT = 1;

    private final Path file;
    private final int dimension;
    private final Map<String, float[]> vectors = new HashMap<>();
    private boolean dirty;

    public EmbeddingCache(Path folder, int dimension) {
        this.file = folder.resolve("all-minilm-l6-v2-q-" + dimension + ".bin");
        this.dimension = dimension;
        load();
    }

    public synchronized float[] get(String contentHash) {
        return vectors.get(contentHash);
    }

    public synchronized void put(String contentHash, float[] vector) {
        vectors.put(contentHash, vector);
        dirty = true;
    }

    /** Forgets embeddings of text no longer in the knowledge base, so the file does not grow forever. */
    public synchronized void retainOnly(Set<String> contentHashes) {
        dirty |= vectors.keySet().retainAll(contentHashes);
    }

    public synchronized int size() {
        return vectors.size();
    }

    /** Writes the cache if it changed; written to a temporary file first, so a crash leaves the old one. */
    public synchronized void save() {
        if (!dirty) {
            return;
        }
        Path temporary = null;
        try {
            Files.createDirectories(file.getParent());
            temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary)))) {
                out.writeInt(FORMAT);
                out.writeInt(dimension);
                for (Map.Entry<String, float[]> entry : vectors.entrySet()) {
                    out.writeUTF(entry.getKey());
                    for (float v : entry.getValue()) {
                        out.writeFloat(v);
                    }
                }
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            dirty = false;
        } catch (IOException e) {
            Log.warn(LOG, "could not save the embedding cache; the next start re-embeds", e, "file", file.toString());
            deleteQuietly(temporary);
        }
    }

    /** A failed save leaves nothing behind: each try would otherwise add a temporary file. */
    private static void deleteQuietly(Path temporary) {
        if (temporary == null) {
            return;
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            Log.warn(LOG, "could not delete a temporary cache file", e, "file", temporary.toString());
        }
    }

    private void load() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != FORMAT || in.readInt() != dimension) {
                return;
            }
            byte[] bytes = new byte[dimension * Float.BYTES];
            while (true) {
                String hash;
                try {
                    hash = in.readUTF();
                } catch (EOFException end) {
                    break;
                }
                // One bulk read per vector: reading float by float cost a tenth of a second at each start.
                in.readFully(bytes);
                float[] vector = new float[dimension];
                ByteBuffer.wrap(bytes).asFloatBuffer().get(vector);
                vectors.put(hash, vector);
            }
        } catch (IOException e) {
            vectors.clear();
            Log.warn(LOG, "ignoring an unreadable embedding cache", e, "file", file.toString());
        }
    }
}
