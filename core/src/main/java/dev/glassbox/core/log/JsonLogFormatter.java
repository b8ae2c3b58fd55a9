package dev.glassbox.core.log;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * Formats every java.util.logging record — ours, Vert.x's, Netty's — as one line of JSON, so logs
 * can be searched by answer id. Fields passed through {@link Log} become top-level keys. Lines are
 * written with Jackson's streaming generator: one is logged for every answer, on its event loop.
 */
public final class JsonLogFormatter extends Formatter {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public String format(LogRecord record) {
        StringWriter line = new StringWriter(256);
        try (JsonGenerator json = MAPPER.createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField("time", Instant.ofEpochMilli(record.getMillis()).toString());
            json.writeStringField("level", record.getLevel().getName());
            json.writeStringField("logger", record.getLoggerName());
            Object[] parameters = record.getParameters();
            if (parameters != null && parameters.length == 1 && parameters[0] instanceof Map<?, ?> fields) {
                json.writeStringField("message", record.getMessage());
                for (Map.Entry<?, ?> field : fields.entrySet()) {
                    json.writeObjectField(String.valueOf(field.getKey()), field.getValue());
                }
            } else {
                json.writeStringField("message", formatMessage(record));
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                json.writeStringField("error", String.valueOf(record.getThrown()));
                json.writeStringField("stack", trace.toString());
            }
            json.writeEndObject();
        } catch (IOException | RuntimeException e) {
            return "{\"level\":\"SEVERE\",\"message\":\"unloggable record\"}" + System.lineSeparator();
        }
        return line + System.lineSeparator();
    }
}
