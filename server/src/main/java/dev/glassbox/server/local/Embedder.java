package dev.glassbox.server.local;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Sentence embeddings computed in-process by all-MiniLM-L6-v2 (quantized ONNX, shipped inside the
 * jar). Vectors come back with unit length, so a dot product is their cosine similarity.
 *
 * <p>Questions are embedded with care for many at once: a bounded LRU cache keyed by the normalised
 * question answers repeats without the model; questions that arrive while the model is busy wait
 * together and go to it as one batch (identical ones once); and the model runs on a pool with one
 * thread per core, so hundreds of questions queue in order instead of fighting for the CPU.
 * A batch is still one model run per question: the quantized model scales its activations by the
 * range of the whole input tensor (24 DynamicQuantizeLinear nodes), so questions padded into one
 * tensor get vectors that depend on their neighbours (cosine down to 0.98 with their own, measured
 * on 2026-12-02), and answers would change with who asked at the same moment.
 * Blocking calls: use a worker thread, never an event loop.
 */
public final class Embedder {
    public static final String MODEL_NAME = "all-MiniLM-L6-v2 (quantized)";
    public static final int DIMENSION = MiniLmModel.DIMENSION;
    /** Questions whose embeddings are kept; a question's vector is 1.5 KB. */
    static final int QUERY_CACHE_SIZE = 2_048;
    /** Questions that may wait for the model at once; beyond that a question is refused, not queued. */
    static final int MAX_WAITING = 4_096;
    /** Questions embedded in one batch; later ones wait for the next. */
    static final int BATCH_LIMIT = 64;
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final ThreadPoolExecutor cores = pool("glassbox-embedder", Runtime.getRuntime().availableProcessors(),
            16_384);
    /** Gathers waiting questions into batches, one batch at a time. */
    private final ThreadPoolExecutor batcher = pool("glassbox-embed-batcher", 1, 1);
    private final MiniLmModel model = new MiniLmModel(cores);
    private final Map<String, float[]> recent;
    private final Map<String, CompletableFuture<float[]>> waiting = new LinkedHashMap<>();
    private boolean batchScheduled;
    private final AtomicLong modelRuns = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();

    public Embedder() {
        this(QUERY_CACHE_SIZE);
    }

    Embedder(int cachedQuestions) {
        recent = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > cachedQuestions;
            }
        };
    }

    /** A question's embedding, from the cache or the next batch. Blocks until it is known. */
    public float[] embed(String question) {
        try {
            return embedQuestion(question).join().clone();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /** Passages' embeddings, in order, spread over the cores. Blocking. */
    public List<float[]> embedAll(List<String> texts) {
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        modelRuns.addAndGet(texts.size());
        return model.embedAll(segments).content().stream().map(Embedding::vector).map(Embedder::unit).toList();
    }

    /** Texts the model has embedded so far; a question answered from the cache adds none. */
    long modelRuns() {
        return modelRuns.get();
    }

    /** Batches of questions embedded so far. */
    long batches() {
        return batches.get();
    }

    /** What makes two questions the same question: Unicode form, case and spacing do not count. */
    static String normalise(String question) {
        String composed = Normalizer.normalize(question, Normalizer.Form.NFKC);
        return SPACES.matcher(composed).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
    }

    CompletableFuture<float[]> embedQuestion(String question) {
        String key = normalise(question);
        synchronized (this) {
            float[] known = recent.get(key);
            if (known != null) {
                return CompletableFuture.completedFuture(known);
            }
            CompletableFuture<float[]> pending = waiting.get(key);
            if (pending != null) {
                return pending;
            }
            if (waiting.size() >= MAX_WAITING) {
                return CompletableFuture.failedFuture(new IllegalStateException(
                        "more than " + MAX_WAITING + " questions are waiting to be embedded"));
            }
            pending = new CompletableFuture<>();
            waiting.put(key, pending);
            if (!batchScheduled) {
                batchScheduled = true;
                batcher.execute(this::embedWaiting);
            }
            return pending;
        }
    }

    /** Embeds the questions waiting now as one batch; those that arrive meanwhile form the next one. */
    private void embedWaiting() {
        Map<String, CompletableFuture<float[]>> batch = new LinkedHashMap<>();
        synchronized (this) {
            Iterator<Map.Entry<String, CompletableFuture<float[]>>> next = waiting.entrySet().iterator();
            while (next.hasNext() && batch.size() < BATCH_LIMIT) {
                Map.Entry<String, CompletableFuture<float[]>> question = next.next();
                batch.put(question.getKey(), question.getValue());
                next.remove();
            }
        }
        List<String> keys = new ArrayList<>(batch.keySet());
        batches.incrementAndGet();
        try {
            List<float[]> vectors = embedAll(keys);
            for (int i = 0; i < keys.size(); i++) {
                answer(keys.get(i), batch.get(keys.get(i)), vectors.get(i));
            }
        } catch (RuntimeException batchFailed) {
            // One text the model refuses (blank to it, say) fails the whole call: give each its own answer.
            keys.forEach(key -> embedAlone(key, batch.get(key)));
        } finally {
            synchronized (this) {
                batchScheduled = !waiting.isEmpty();
                if (batchScheduled) {
                    batcher.execute(this::embedWaiting);
                }
            }
        }
    }

    private void embedAlone(String key, CompletableFuture<float[]> pending) {
        try {
            answer(key, pending, embedAll(List.of(key)).get(0));
        } catch (RuntimeException e) {
            pending.completeExceptionally(e);
        }
    }

    private void answer(String key, CompletableFuture<float[]> pending, float[] vector) {
        synchronized (this) {
            recent.put(key, vector);
        }
        pending.complete(vector);
    }

    private static float[] unit(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int i = 0; i < vector.length; i++) {
                vector[i] = (float) (vector[i] / norm);
            }
        }
        return vector;
    }

    /**
     * A fixed pool of daemon threads that end when idle, so an Embedder needs no closing; a full
     * queue makes the caller do the work itself, which slows it down instead of dropping anything.
     */
    private static ThreadPoolExecutor pool(String name, int threads, int queued) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queued), task -> {
                    Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
