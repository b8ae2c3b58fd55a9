package dev.glassbox.core.agent;

import dev.glassbox.core.protocol.ProtocolLimits;

/**
 * A knowledge passage an answer drew on. {@code excerpt} is cut to the protocol's 600 characters;
 * {@code score} is null when the source gives none.
 */
public record Reference(String source, String title, String excerpt, Double score, String uri) {

    public Reference {
        if (excerpt != null && excerpt.length() > ProtocolLimits.MAX_EXCERPT_CHARS) {
            int end = ProtocolLimits.MAX_EXCERPT_CHARS - 1;
            if (Character.isHighSurrogate(excerpt.charAt(end - 1))) {
                end--;
            }
            excerpt = excerpt.substring(0, end) + "…";
        }
    }
}
