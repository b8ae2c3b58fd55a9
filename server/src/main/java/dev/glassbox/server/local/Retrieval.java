package dev.glassbox.server.local;

import java.util.List;

/**
 * The passages retrieved for one question, best first, the leading passages of each ranking they were
 * fused from (for the trace), and how long retrieval took.
 */
public record Retrieval(List<Passage> passages, List<Ranked> byKeywords, List<Ranked> byMeaning, long durationMs) {

    /** One entry of a ranking: its 1-based rank and the passage it names. */
    public record Ranked(int rank, String source, String title) {
    }

    Retrieval withDuration(long ms) {
        return new Retrieval(passages, byKeywords, byMeaning, ms);
    }
}
