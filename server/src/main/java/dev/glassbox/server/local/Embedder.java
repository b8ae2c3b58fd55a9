package dev.glassbox.server.local;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.List;

/**
 * Sentence embeddings computed in-process by all-MiniLM-L6-v2 (quantized ONNX, shipped inside the
 * jar). Vectors come back with unit length, so a dot product is their cosine similarity. Blocking
 * and CPU-bound: call it from a worker thread, never the event loop.
 */
public final class Embedder {
    public static final String MODEL_NAME = "all-MiniLM-L6-v2 (quantized)";

    private final AllMiniLmL6V2QuantizedEmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();

    public float[] embed(String text) {
        return unit(model.embed(text).content().vector());
    }

    public List<float[]> embedAll(List<String> texts) {
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        return model.embedAll(segments).content().stream().map(Embedding::vector).map(Embedder::unit).toList();
    }

    public int dimension() {
        return model.dimension();
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
}
