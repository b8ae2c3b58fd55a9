package dev.glassbox.core.agent;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One step of the agent's work, shown live in the trace panel. The pipeline adds {@code t}, the
 * time since the answer started; {@code details} holds the kind's own fields.
 */
public record TraceStep(Kind kind, String title, Long durationMs, Map<String, Object> details) {

    public enum Kind {
        RETRIEVAL, REASONING, MODEL, TOOL, GUARDRAIL, PREPROCESSING, POSTPROCESSING, FAILURE,
        /** The local agent's reading of the question: the query it searches, its key terms, follow-up or not. */
        UNDERSTANDING,
        /** Which passages and sentences the local agent chose to quote or left out, and why. */
        SELECTION,
        /** How the local agent's answer was put together: sentences, words, citations. */
        COMPOSITION,
        /** Why the local agent declined to answer, and what it searched. */
        DECLINE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public TraceStep {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** This step with one more detail field. */
    public TraceStep withDetail(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(details);
        more.put(name, value);
        return new TraceStep(kind, title, durationMs, more);
    }

    public static TraceStep retrieval(String query, List<Reference> references, Long durationMs) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("query", query);
        details.put("references", List.copyOf(references));
        return new TraceStep(Kind.RETRIEVAL, "Searched the knowledge base", durationMs, details);
    }

    public static TraceStep reasoning(String title, String text) {
        return new TraceStep(Kind.REASONING, title, null, Map.of("text", text));
    }

    public static TraceStep model(String modelId, Usage usage, Long durationMs) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("model", modelId);
        details.put("inputTokens", usage.inputTokens());
        details.put("outputTokens", usage.outputTokens());
        return new TraceStep(Kind.MODEL, "Composed the answer with " + modelId, durationMs, details);
    }
}
