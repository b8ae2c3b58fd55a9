package dev.glassbox.server.local.knowledge;

import dev.glassbox.core.agent.Reference;
import java.util.List;

/**
 * A retrieved passage and why: its cosine similarity to the question, its rank by meaning and by
 * keywords (1-based; 0 when the keyword search did not find it), the fused score that ordered it, and
 * its quotable pieces with the cosine similarity of each to the question.
 */
public record Passage(KnowledgeChunk chunk, double similarity, int vectorRank, int keywordRank, double fusedScore,
                      List<Quotables.Quotable> pieces, double[] pieceSimilarities) {
    /** What a table row's similarity weighs against a sentence's, in how close its passage is. */
    static final double ROW_WEIGHT = 0.85;

    /** The passage as the trace shows it, scored by its similarity. */
    public Reference toReference() {
        return new Reference(chunk.source(), chunk.title(), chunk.text(), Math.round(similarity * 1000) / 1000.0,
                chunk.uri());
    }

    /**
     * How close the passage is in meaning: as a whole, or by its closest piece (weighted by {@code pieceWeight}),
     * whichever is closer; a long passage that covers several things is as close as the sentence that answers.
     * A table row counts for less ({@link #ROW_WEIGHT}): short and full of names, it is close to many questions it
     * does not answer.
     */
    public double meaning(double pieceWeight) {
        double best = similarity;
        for (int i = 0; i < pieceSimilarities.length; i++) {
            double weight = pieces.get(i).row() == null ? pieceWeight : pieceWeight * ROW_WEIGHT;
            best = Math.max(best, weight * pieceSimilarities[i]);
        }
        return best;
    }
}
