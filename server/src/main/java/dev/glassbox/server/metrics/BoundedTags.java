package dev.glassbox.server.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Keeps every metric tag to a known, small set of values, so no request can create new series:
 * Vert.x tags HTTP metrics with the request's method, and a client may invent any method. Unknown
 * methods become {@code OTHER}; status codes outside 100-599 become {@code other}; routes are
 * the router's own patterns (bounded by the code) and anything else becomes {@code other}; other
 * tags of HTTP metrics are cut to 64 characters.
 */
public final class BoundedTags implements MeterFilter {
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH",
            "TRACE", "CONNECT");
    private static final int MAX_VALUE_LENGTH = 64;

    @Override
    public Meter.Id map(Meter.Id id) {
        if (!id.getName().startsWith("vertx.http.")) {
            // Glassbox's own tags come from closed sets (error codes, stop reasons).
            return id;
        }
        List<Tag> tags = new ArrayList<>();
        boolean changed = false;
        for (Tag tag : id.getTagsAsIterable()) {
            String bounded = bound(tag.getKey(), tag.getValue());
            changed |= !bounded.equals(tag.getValue());
            tags.add(Tag.of(tag.getKey(), bounded));
        }
        return changed ? id.replaceTags(tags) : id;
    }

    private static String bound(String key, String value) {
        return switch (key) {
            case "method" -> METHODS.contains(value) ? value : "OTHER";
            case "code" -> value.matches("[1-5]\\d\\d") ? value : "other";
            case "route" -> value.length() <= MAX_VALUE_LENGTH && value.matches("[A-Za-z0-9/_:.*>|-]*") ? value : "other";
            default -> value.length() <= MAX_VALUE_LENGTH ? value : value.substring(0, MAX_VALUE_LENGTH);
        };
    }
}
