package dev.glassbox.server.local;

/**
 * A retrieved passage and why: its cosine similarity to the question, its rank by meaning and by
 * keywords (1-based; 0 when the keyword search did not find it), and the fused score that ordered it.
 */
public record Passage(KnowledgeChunk chunk, double similarity, int vectorRank, int keywordRank, double fusedScore) {
}
