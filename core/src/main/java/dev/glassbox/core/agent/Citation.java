package dev.glassbox.core.agent;

import java.util.List;

/** Answer text {@code [start, end)} (UTF-16 offsets, as in the browser) backed by {@code references}. */
public record Citation(int index, int start, int end, List<Reference> references) {

    public Citation {
        references = List.copyOf(references);
    }
}
