package dev.glassbox.server.local.knowledge;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Executor;

/**
 * all-MiniLM-L6-v2 (quantized), the model and tokenizer langchain4j ships, run by an ONNX Runtime session
 * that uses one thread per call and never spins. langchain4j's own model class opens its session with
 * ONNX Runtime's defaults: every call fans out over all cores, whose threads then busy-wait for more
 * work. With several questions embedded at once (Glassbox runs one call per core itself) that cost
 * 2 to 2.5 times the CPU per question on 2 cores; this session costs only the work. Like langchain4j's,
 * the session is loaded once per JVM and shared: ONNX Runtime sessions may run calls from many threads.
 */
final class MiniLmModel extends AbstractInProcessEmbeddingModel {
    static final int DIMENSION = 384;
    private static final String MODEL = "/all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";

    /** Loaded by the first model; null until then. */
    private static OnnxBertBiEncoder shared;

    private final OnnxBertBiEncoder encoder;

    /**
     * Loads the shared session if no model has yet, so a start that cannot load it fails here.
     *
     * @param calls runs the calls of one {@code embedAll}, one text each
     */
    MiniLmModel(Executor calls) {
        super(calls);
        encoder = shared();
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return encoder;
    }

    @Override
    protected Integer knownDimension() {
        return DIMENSION;
    }

    private static synchronized OnnxBertBiEncoder shared() {
        if (shared == null) {
            shared = load();
        }
        return shared;
    }

    private static OnnxBertBiEncoder load() {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (InputStream tokenizer = resource(TOKENIZER)) {
            return new OnnxBertBiEncoder(environment, session(environment, modelBytes()), tokenizer, PoolingMode.MEAN);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not load the embedding model", e);
        } catch (IOException e) {
            throw new UncheckedIOException("the embedding model's files could not be read", e);
        }
    }

    /** A session of one thread per call that never spins, created with stop signals held (see StopSignalsHeld). */
    static OrtSession session(OrtEnvironment environment, byte[] model) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            return StopSignalsHeld.during(() -> environment.createSession(model, options));
        }
    }

    static byte[] modelBytes() throws IOException {
        try (InputStream model = resource(MODEL)) {
            return model.readAllBytes();
        }
    }

    /** The files ship in langchain4j's model jar, next to the class that would otherwise load them. */
    private static InputStream resource(String name) throws IOException {
        InputStream stream = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream(name);
        if (stream == null) {
            throw new IOException(name + " is missing from the classpath");
        }
        return stream;
    }
}
