package dev.glassbox.server.local;

import dev.glassbox.core.agent.Reference;

/**
 * A retrieved passage and why: its cosine similarity to the question, its rank by meaning and by
 * keywords (1-based; 0 when the keyword search did not find it), and the fused score that ordered it.
 */
public record Passage(KnowledgeChunk chunk, double similarity, int vectorRank, int keywordRank, double fusedScore) {

    /** The passage as the trace shows it, scored by its similarity. */
    public Reference toReference() {
        return new Reference(chunk.source(), chunk.title(), chunk.text(), Math.round(similarity * 1000) / 1000.0,
                chunk.uri());
    }
}
