package dev.glassbox.server.local.knowledge;

import java.util.List;

/**
 * The passages retrieved for one question, best first, the leading passages of each ranking they were
 * fused from (for the trace), what each ranking searched for, and how long retrieval took.
 *
 * @param keywordTerms the terms BM25 searched for
 * @param meaningQuery the text whose embedding the passages were compared with
 * @param followedOn in a follow-up, the passages the previous answer quoted, whose embeddings were blended
 *     with the question's; else empty
 * @param asked the embedding of the question in the docs' words, unblended: what its words mean together
 */
public record Retrieval(List<Passage> passages, List<Ranked> byKeywords, List<Ranked> byMeaning,
                        List<String> keywordTerms, String meaningQuery, List<Ranked> followedOn, float[] asked,
                        long durationMs) {

    /** One entry of a ranking: its 1-based rank and the passage it names. */
    public record Ranked(int rank, String source, String title) {
    }

    Retrieval withDuration(long ms) {
        return new Retrieval(passages, byKeywords, byMeaning, keywordTerms, meaningQuery, followedOn, asked, ms);
    }
}
