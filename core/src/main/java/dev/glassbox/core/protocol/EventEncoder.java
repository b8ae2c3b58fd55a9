package dev.glassbox.core.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glassbox.core.agent.Citation;
import dev.glassbox.core.agent.Reference;
import dev.glassbox.core.agent.TraceStep;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;

/**
 * Writes server events as protocol v1 JSON, each within {@link ProtocolLimits#MAX_FRAME_BYTES}:
 * an event that would be larger has its longest strings and arrays shortened, visibly, until it fits.
 * Events are written straight to text with Jackson's streaming generator; only an oversized one is
 * read back into a tree for {@link FrameFitter} to shorten.
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
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = MAPPER.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("type", event.type());
            if (answerId != null) {
                json.writeStringField("id", answerId);
            }
            if (seq != null) {
                json.writeNumberField("seq", seq);
            }
            writeBody(event, json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("an event could not be written as JSON", e);
        }
        return FrameFitter.fit(out.toString());
    }

    /**
     * Token events are most of the traffic, so they skip the generator and are written as one string
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

    private static void writeBody(ServerEvent event, JsonGenerator json) throws IOException {
        if (event instanceof ServerEvent.Start start) {
            json.writeStringField("sessionId", start.sessionId());
            json.writeStringField("backend", start.backend());
            json.writeStringField("model", start.model());
        } else if (event instanceof ServerEvent.Token token) {
            json.writeStringField("text", token.text());
        } else if (event instanceof ServerEvent.Trace trace) {
            json.writeFieldName("step");
            step(trace.step(), trace.t(), json);
        } else if (event instanceof ServerEvent.CitationEvent citation) {
            citationFields(citation.citation(), json);
        } else if (event instanceof ServerEvent.Done done) {
            writeDone(done, json);
        } else if (event instanceof ServerEvent.Error error) {
            json.writeStringField("code", error.code().wireName());
            json.writeStringField("message", error.message());
            json.writeBooleanField("retryable", error.retryable());
            if (error.retryAfterMs() != null) {
                json.writeNumberField("retryAfterMs", error.retryAfterMs());
            }
        } else if (event instanceof ServerEvent.FeedbackRecorded feedback) {
            json.writeStringField("verdict", feedback.verdict());
        }
    }

    private static void writeDone(ServerEvent.Done done, JsonGenerator json) throws IOException {
        if (FrameFitter.utf8Length(done.text()) <= ProtocolLimits.MAX_DONE_TEXT_BYTES) {
            json.writeStringField("text", done.text());
        }
        json.writeArrayFieldStart("citations");
        for (Citation c : done.citations()) {
            json.writeStartObject();
            citationFields(c, json);
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeObjectFieldStart("usage");
        json.writeNumberField("inputTokens", done.usage().inputTokens());
        json.writeNumberField("outputTokens", done.usage().outputTokens());
        json.writeEndObject();
        json.writeFieldName("costUsd");
        if (done.costUsd() == null) {
            json.writeNull();
        } else {
            json.writeNumber(done.costUsd());
        }
        if (done.pricesAsOf() != null) {
            json.writeStringField("pricesAsOf", done.pricesAsOf().toString());
        }
        json.writeObjectFieldStart("timings");
        json.writeFieldName("firstTokenMs");
        if (done.firstTokenMs() == null) {
            json.writeNull();
        } else {
            json.writeNumber(done.firstTokenMs());
        }
        json.writeNumberField("totalMs", done.totalMs());
        json.writeEndObject();
        json.writeStringField("stopReason", done.stopReason().wireName());
    }

    private static void step(TraceStep step, long t, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("kind", step.kind().wireName());
        json.writeStringField("title", step.title());
        json.writeNumberField("t", t);
        if (step.durationMs() != null) {
            json.writeNumberField("durationMs", step.durationMs());
        }
        for (Map.Entry<String, Object> detail : step.details().entrySet()) {
            json.writeFieldName(detail.getKey());
            value(detail.getValue(), json);
        }
        json.writeEndObject();
    }

    /** A detail's value: references in their protocol form, collections element by element, anything else as Jackson writes it. */
    private static void value(Object value, JsonGenerator json) throws IOException {
        if (value instanceof Reference reference) {
            reference(reference, json);
        } else if (value instanceof Collection<?> values) {
            json.writeStartArray();
            for (Object v : values) {
                value(v, json);
            }
            json.writeEndArray();
        } else {
            json.writeObject(value);
        }
    }

    private static void citationFields(Citation citation, JsonGenerator json) throws IOException {
        json.writeNumberField("index", citation.index());
        json.writeObjectFieldStart("span");
        json.writeNumberField("start", citation.start());
        json.writeNumberField("end", citation.end());
        json.writeEndObject();
        json.writeArrayFieldStart("references");
        for (Reference r : citation.references()) {
            reference(r, json);
        }
        json.writeEndArray();
    }

    private static void reference(Reference reference, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("source", reference.source());
        json.writeStringField("title", reference.title());
        json.writeStringField("excerpt", reference.excerpt());
        if (reference.score() != null) {
            json.writeNumberField("score", reference.score());
        }
        json.writeStringField("uri", reference.uri());
        json.writeEndObject();
    }

    static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the encoder always writes JSON", e);
        }
    }

    static String write(JsonNode json) {
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
