package dev.glassbox.core.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.core.agent.Citation;
import dev.glassbox.core.agent.Reference;
import dev.glassbox.core.agent.TraceStep;
import dev.glassbox.core.agent.Usage;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * Writes server events as protocol v1 JSON, each within {@link ProtocolLimits#MAX_FRAME_BYTES}:
 * an event that would be larger has its longest strings and arrays shortened, visibly, until it fits.
 */
public final class EventEncoder {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * @param answerId the answer the event belongs to, or null
     * @param seq the event's place in its answer, or null for events outside an answer's stream
     */
    public String encode(ServerEvent event, String answerId, Long seq) {
        if (event instanceof ServerEvent.Token token && answerId != null && seq != null) {
            return token(token.text(), answerId, seq);
        }
        ObjectNode json = MAPPER.createObjectNode();
        json.put("type", event.type());
        if (answerId != null) {
            json.put("id", answerId);
        }
        if (seq != null) {
            json.put("seq", seq);
        }
        writeBody(event, json);
        return FrameFitter.fit(json);
    }

    /**
     * Token events are most of the traffic, so they skip the tree and are written as one string
     * concatenation, the way a bare writer would: the pipeline caps their text at
     * {@link ProtocolLimits#MAX_TOKEN_EVENT_CHARS}, which fits a frame even fully escaped, and answer
     * ids need no escaping. Text is escaped only when it holds a character JSON requires escaped.
     */
    private static String token(String text, String answerId, long seq) {
        String safe = needsEscaping(text) ? new String(JsonStringEncoder.getInstance().quoteAsString(text)) : text;
        return "{\"type\":\"token\",\"id\":\"" + answerId + "\",\"seq\":" + seq + ",\"text\":\"" + safe + "\"}";
    }

    private static boolean needsEscaping(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return true;
            }
        }
        return false;
    }

    private static void writeBody(ServerEvent event, ObjectNode json) {
        if (event instanceof ServerEvent.Start start) {
            json.put("sessionId", start.sessionId());
            json.put("backend", start.backend());
            json.put("model", start.model());
        } else if (event instanceof ServerEvent.Token token) {
            json.put("text", token.text());
        } else if (event instanceof ServerEvent.Trace trace) {
            json.set("step", step(trace.step(), trace.t()));
        } else if (event instanceof ServerEvent.CitationEvent citation) {
            citation(citation.citation(), json);
        } else if (event instanceof ServerEvent.Done done) {
            writeDone(done, json);
        } else if (event instanceof ServerEvent.Error error) {
            json.put("code", error.code().wireName());
            json.put("message", error.message());
            json.put("retryable", error.retryable());
            if (error.retryAfterMs() != null) {
                json.put("retryAfterMs", error.retryAfterMs());
            }
        } else if (event instanceof ServerEvent.FeedbackRecorded feedback) {
            json.put("verdict", feedback.verdict());
        }
    }

    private static void writeDone(ServerEvent.Done done, ObjectNode json) {
        if (done.text().getBytes(StandardCharsets.UTF_8).length <= ProtocolLimits.MAX_DONE_TEXT_BYTES) {
            json.put("text", done.text());
        }
        ArrayNode citations = json.putArray("citations");
        for (Citation c : done.citations()) {
            citation(c, citations.addObject());
        }
        json.set("usage", usage(done.usage()));
        if (done.costUsd() == null) {
            json.putNull("costUsd");
        } else {
            json.put("costUsd", done.costUsd());
        }
        if (done.pricesAsOf() != null) {
            json.put("pricesAsOf", done.pricesAsOf().toString());
        }
        ObjectNode timings = json.putObject("timings");
        if (done.firstTokenMs() == null) {
            timings.putNull("firstTokenMs");
        } else {
            timings.put("firstTokenMs", done.firstTokenMs());
        }
        timings.put("totalMs", done.totalMs());
        json.put("stopReason", done.stopReason().wireName());
    }

    private static ObjectNode step(TraceStep step, long t) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("kind", step.kind().wireName());
        json.put("title", step.title());
        json.put("t", t);
        if (step.durationMs() != null) {
            json.put("durationMs", step.durationMs());
        }
        for (Map.Entry<String, Object> detail : step.details().entrySet()) {
            json.set(detail.getKey(), value(detail.getValue()));
        }
        return json;
    }

    private static JsonNode value(Object value) {
        if (value instanceof Reference reference) {
            return reference(reference);
        }
        if (value instanceof Collection<?> values) {
            ArrayNode array = MAPPER.createArrayNode();
            values.forEach(v -> array.add(value(v)));
            return array;
        }
        return MAPPER.valueToTree(value);
    }

    private static void citation(Citation citation, ObjectNode json) {
        json.put("index", citation.index());
        ObjectNode span = json.putObject("span");
        span.put("start", citation.start());
        span.put("end", citation.end());
        ArrayNode references = json.putArray("references");
        citation.references().forEach(r -> references.add(reference(r)));
    }

    private static ObjectNode reference(Reference reference) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("source", reference.source());
        json.put("title", reference.title());
        json.put("excerpt", reference.excerpt());
        if (reference.score() != null) {
            json.put("score", reference.score());
        }
        json.put("uri", reference.uri());
        return json;
    }

    private static ObjectNode usage(Usage usage) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("inputTokens", usage.inputTokens());
        json.put("outputTokens", usage.outputTokens());
        return json;
    }

    static String write(JsonNode json) {
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
