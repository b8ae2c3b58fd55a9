package dev.glassbox.server.local;

import java.util.List;

/** The passages retrieved for one question, best first, and how long retrieval took. */
public record Retrieval(List<Passage> passages, long durationMs) {
}
