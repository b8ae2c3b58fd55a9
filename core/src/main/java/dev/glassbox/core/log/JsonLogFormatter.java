package dev.glassbox.core.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * Formats every java.util.logging record — ours, Vert.x's, Netty's — as one line of JSON, so logs
 * can be searched by answer id. Fields passed through {@link Log} become top-level keys.
 */
public final class JsonLogFormatter extends Formatter {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public String format(LogRecord record) {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("time", Instant.ofEpochMilli(record.getMillis()).toString());
        line.put("level", record.getLevel().getName());
        line.put("logger", record.getLoggerName());
        Object[] parameters = record.getParameters();
        if (parameters != null && parameters.length == 1 && parameters[0] instanceof Map<?, ?> fields) {
            line.put("message", record.getMessage());
            fields.forEach((key, value) -> line.set(String.valueOf(key), MAPPER.valueToTree(value)));
        } else {
            line.put("message", formatMessage(record));
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.put("error", String.valueOf(record.getThrown()));
            line.put("stack", trace.toString());
        }
        try {
            return MAPPER.writeValueAsString(line) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            return "{\"level\":\"SEVERE\",\"message\":\"unloggable record\"}" + System.lineSeparator();
        }
    }
}
