package dev.glassbox.server.local.knowledge;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.text.Normalizer;
import java.util.HashMap;
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
 * <p>A question is embedded on the thread that asks, one model run per question: the planners (one thread per
 * core) embed each question as they take it up, so a burst of questions keeps every core busy, first come first
 * served. (An earlier version handed questions to one thread that gathered those waiting into a batch; as only the
 * planners ask, batches held one or two questions and the model ran on one core at a time.) A bounded LRU cache
 * keyed by the normalised question answers repeats without the model, and a question being embedded when the same
 * question is asked again is embedded once: the second asker waits for the first's vector.
 * Questions are never put into one model call together: the quantized model scales its activations by the
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
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** Runs the model for passages, spread over the cores (indexing). */
    private final ThreadPoolExecutor cores = pool("glassbox-embedder", Runtime.getRuntime().availableProcessors(),
            16_384);
    private final MiniLmModel passages = new MiniLmModel(cores);
    /** The same model, run on the calling thread (questions). */
    private final MiniLmModel here = new MiniLmModel(Runnable::run);
    private final Map<String, float[]> recent;
    /** Questions being embedded now, by normalised text: a second asker waits for the first's vector. */
    private final Map<String, CompletableFuture<float[]>> embedding = new HashMap<>();
    private final AtomicLong modelRuns = new AtomicLong();
    /** CPU time the threads that asked spent embedding questions, in this JVM: the benchmark reports it. */
    private static final AtomicLong QUESTION_CPU_NANOS = new AtomicLong();
    private static final AtomicLong QUESTION_RUNS = new AtomicLong();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

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

    /** A question's embedding, from the cache or computed on this thread. Blocks until it is known. */
    public float[] embed(String question) {
        String key = normalise(question);
        CompletableFuture<float[]> mine;
        CompletableFuture<float[]> theirs;
        synchronized (this) {
            float[] known = recent.get(key);
            if (known != null) {
                return known.clone();
            }
            theirs = embedding.get(key);
            mine = theirs == null ? new CompletableFuture<>() : null;
            if (mine != null) {
                embedding.put(key, mine);
            }
        }
        if (theirs != null) {
            try {
                return theirs.join().clone();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
            }
        }
        try {
            long cpu = THREADS.getCurrentThreadCpuTime();
            float[] vector = runOrNothing(key);
            QUESTION_CPU_NANOS.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu);
            QUESTION_RUNS.incrementAndGet();
            synchronized (this) {
                recent.put(key, vector);
                embedding.remove(key);
            }
            mine.complete(vector);
            return vector.clone();
        } catch (RuntimeException | Error e) {
            // Whatever ends the run, a second asker waiting for it must not wait for ever.
            synchronized (this) {
                embedding.remove(key);
            }
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /**
     * A text's embedding, or a zero vector (close to nothing) when the tokenizer reads no token in it, such as
     * a word of only Thai or Lao tone marks: the model refuses such text with an IllegalArgumentException, which
     * made a question holding that word fail with internal.
     */
    private float[] runOrNothing(String text) {
        try {
            return run(here, List.of(text)).get(0);
        } catch (IllegalArgumentException noTokens) {
            return new float[DIMENSION];
        }
    }

    /** Passages' embeddings, in order, spread over the cores. Blocking. */
    public List<float[]> embedAll(List<String> texts) {
        return run(passages, texts);
    }

    private List<float[]> run(MiniLmModel model, List<String> texts) {
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        modelRuns.addAndGet(texts.size());
        return model.embedAll(segments).content().stream().map(Embedding::vector).map(Embedder::unit).toList();
    }

    /** CPU seconds spent embedding questions by every Embedder of this JVM so far (not passages). */
    public static double questionCpuSeconds() {
        return QUESTION_CPU_NANOS.get() / 1e9;
    }

    /** Questions the model has embedded in this JVM so far, by every Embedder (a cached question adds none). */
    public static long questionRuns() {
        return QUESTION_RUNS.get();
    }

    /** Texts the model has embedded so far; a question answered from the cache adds none. */
    long modelRuns() {
        return modelRuns.get();
    }

    /** What makes two questions the same question: Unicode form, case and spacing do not count. */
    static String normalise(String question) {
        String composed = Normalizer.normalize(question, Normalizer.Form.NFKC);
        return SPACES.matcher(composed).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
    }

    /** Scales {@code vector} in place to unit length (a zero vector stays zero) and returns it. */
    static float[] unit(float[] vector) {
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
