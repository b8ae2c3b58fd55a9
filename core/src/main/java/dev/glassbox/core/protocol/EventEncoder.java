package dev.glassbox.core.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glassbox.core.agent.Citation;
import dev.glassbox.core.agent.Reference;
import dev.glassbox.core.agent.TraceStep;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;

/**
 * Writes server events as protocol v1 JSON, each within {@link ProtocolLimits#MAX_FRAME_BYTES}:
 * an event that would be larger has its longest strings and arrays shortened, visibly, until it fits.
 * Events are written straight to text, as Jackson's generator would write them (the same escaping,
 * the same numbers), but without a generator per event: an answer's start, traces and done are
 * written a thousand times a second under load, and the generator's code was the largest the JIT
 * compiled for them. Only an oversized event is read back into a tree for {@link FrameFitter} to
 * shorten, and a trace detail of a kind this class does not know is written by Jackson.
 */
public final class EventEncoder {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonStringEncoder ESCAPES = JsonStringEncoder.getInstance();

    /**
     * @param answerId the answer the event belongs to, or null
     * @param seq the event's place in its answer, or null for events outside an answer's stream
     */
    public String encode(ServerEvent event, String answerId, Long seq) {
        if (event instanceof ServerEvent.Token token && answerId != null && seq != null) {
            return token(token.text(), answerId, seq);
        }
        StringBuilder json = new StringBuilder(256);
        json.append("{\"type\":");
        string(event.type(), json);
        if (answerId != null) {
            json.append(",\"id\":");
            string(answerId, json);
        }
        if (seq != null) {
            json.append(",\"seq\":").append(seq.longValue());
        }
        writeBody(event, json);
        json.append('}');
        return FrameFitter.fit(json.toString());
    }

    /**
     * Token events are most of the traffic, so they skip the generator and are written as one string
     * concatenation, the way a bare writer would: the pipeline caps their text at
     * {@link ProtocolLimits#MAX_TOKEN_EVENT_CHARS}, which fits a frame even fully escaped, and answer
     * ids need no escaping. Text is escaped only when it holds a character JSON requires escaped.
     * The same as {@code encode(new ServerEvent.Token(text), answerId, seq)}.
     */
    public static String token(String text, String answerId, long seq) {
        String safe = needsEscaping(text) ? new String(ESCAPES.quoteAsString(text)) : text;
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

    /** A JSON string, escaped as Jackson escapes it, or {@code null}. */
    private static void string(String text, StringBuilder json) {
        if (text == null) {
            json.append("null");
        } else if (needsEscaping(text)) {
            json.append('"');
            ESCAPES.quoteAsString(text, json);
            json.append('"');
        } else {
            json.append('"').append(text).append('"');
        }
    }

    private static void field(String name, StringBuilder json) {
        json.append(",\"").append(name).append("\":");
    }

    private static void stringField(String name, String value, StringBuilder json) {
        field(name, json);
        string(value, json);
    }

    /** A number as Jackson writes a double: as Java prints it, and not-a-number or infinity as a string. */
    private static void number(double value, StringBuilder json) {
        if (Double.isFinite(value)) {
            json.append(value);
        } else {
            json.append('"').append(value).append('"');
        }
    }

    private static void writeBody(ServerEvent event, StringBuilder json) {
        if (event instanceof ServerEvent.Start start) {
            stringField("sessionId", start.sessionId(), json);
            stringField("backend", start.backend(), json);
            stringField("model", start.model(), json);
        } else if (event instanceof ServerEvent.Token token) {
            stringField("text", token.text(), json);
        } else if (event instanceof ServerEvent.Trace trace) {
            field("step", json);
            step(trace.step(), trace.t(), json);
        } else if (event instanceof ServerEvent.CitationEvent citation) {
            json.append(',');
            citationFields(citation.citation(), json);
        } else if (event instanceof ServerEvent.Done done) {
            writeDone(done, json);
        } else if (event instanceof ServerEvent.Error error) {
            stringField("code", error.code().wireName(), json);
            stringField("message", error.message(), json);
            field("retryable", json);
            json.append(error.retryable());
            if (error.retryAfterMs() != null) {
                field("retryAfterMs", json);
                json.append(error.retryAfterMs().longValue());
            }
        } else if (event instanceof ServerEvent.FeedbackRecorded feedback) {
            stringField("verdict", feedback.verdict(), json);
        }
    }

    private static void writeDone(ServerEvent.Done done, StringBuilder json) {
        if (FrameFitter.utf8Length(done.text()) <= ProtocolLimits.MAX_DONE_TEXT_BYTES) {
            stringField("text", done.text(), json);
        }
        field("citations", json);
        json.append('[');
        for (int i = 0; i < done.citations().size(); i++) {
            json.append(i == 0 ? "{" : ",{");
            citationFields(done.citations().get(i), json);
            json.append('}');
        }
        json.append(']');
        field("usage", json);
        json.append("{\"inputTokens\":").append(done.usage().inputTokens())
                .append(",\"outputTokens\":").append(done.usage().outputTokens()).append('}');
        field("costUsd", json);
        if (done.costUsd() == null) {
            json.append("null");
        } else {
            number(done.costUsd(), json);
        }
        if (done.pricesAsOf() != null) {
            stringField("pricesAsOf", done.pricesAsOf().toString(), json);
        }
        field("timings", json);
        json.append("{\"firstTokenMs\":");
        if (done.firstTokenMs() == null) {
            json.append("null");
        } else {
            json.append(done.firstTokenMs().longValue());
        }
        json.append(",\"totalMs\":").append(done.totalMs()).append('}');
        stringField("stopReason", done.stopReason().wireName(), json);
    }

    private static void step(TraceStep step, long t, StringBuilder json) {
        json.append("{\"kind\":");
        string(step.kind().wireName(), json);
        stringField("title", step.title(), json);
        field("t", json);
        json.append(t);
        if (step.durationMs() != null) {
            field("durationMs", json);
            json.append(step.durationMs().longValue());
        }
        for (Map.Entry<String, Object> detail : step.details().entrySet()) {
            json.append(',');
            string(detail.getKey(), json);
            json.append(':');
            value(detail.getValue(), json);
        }
        json.append('}');
    }

    /**
     * A detail's value: references in their protocol form, collections element by element, strings,
     * whole numbers, doubles and booleans as Jackson writes them, anything else written by Jackson.
     */
    private static void value(Object value, StringBuilder json) {
        if (value == null) {
            json.append("null");
        } else if (value instanceof String text) {
            string(text, json);
        } else if (value instanceof Long || value instanceof Integer) {
            json.append(((Number) value).longValue());
        } else if (value instanceof Double number) {
            number(number, json);
        } else if (value instanceof Boolean flag) {
            json.append(flag.booleanValue());
        } else if (value instanceof Reference reference) {
            reference(reference, json);
        } else if (value instanceof Collection<?> values) {
            json.append('[');
            boolean first = true;
            for (Object v : values) {
                if (!first) {
                    json.append(',');
                }
                first = false;
                value(v, json);
            }
            json.append(']');
        } else {
            try {
                json.append(MAPPER.writeValueAsString(value));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("an event could not be written as JSON", e);
            }
        }
    }

    /** A citation's fields, the first without a comma before it. */
    private static void citationFields(Citation citation, StringBuilder json) {
        json.append("\"index\":").append(citation.index())
                .append(",\"span\":{\"start\":").append(citation.start())
                .append(",\"end\":").append(citation.end()).append('}');
        field("references", json);
        json.append('[');
        for (int i = 0; i < citation.references().size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            reference(citation.references().get(i), json);
        }
        json.append(']');
    }

    private static void reference(Reference reference, StringBuilder json) {
        json.append("{\"source\":");
        string(reference.source(), json);
        stringField("title", reference.title(), json);
        stringField("excerpt", reference.excerpt(), json);
        if (reference.score() != null) {
            field("score", json);
            number(reference.score(), json);
        }
        stringField("uri", reference.uri(), json);
        json.append('}');
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
