package dev.glassbox.core.rag;

import dev.glassbox.core.agent.AgentListener;
import dev.glassbox.core.agent.Citation;
import dev.glassbox.core.agent.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the {@code [n]} markers a grounded model writes while its text streams through: a marker
 * naming a passage that was sent becomes a citation of that passage for the text since the previous
 * marker; one naming no passage sent is dropped from the text, with the space before it, and counted.
 * Markers side by side ({@code [1][2]}, or one listing several, {@code [1, 2]}, written out as
 * {@code [1][2]}) cite the same text, each its own passage. Text that may still turn out to be a
 * marker (a trailing {@code [1}, or spaces before it) is held back until the next delta or {@link #finish}.
 */
public final class CitationMarkers {
    private static final Pattern MARKER = Pattern.compile("(\\s*)\\[(\\d{1,3}(?:\\s*,\\s*\\d{1,3}){0,9})]");
    /** The end of the text that could still grow into a marker: spaces, then maybe {@code [} and a list of digits. */
    private static final Pattern OPEN_END = Pattern.compile("\\s*(?:\\[\\d{0,3}(?:\\s*,\\s*\\d{0,3}){0,9}\\s*)?$");
    /** What may stand between a marker and the next cited text, as in "free [1]. It is…". */
    private static final String SENTENCE_PUNCTUATION = ".,;:!?";
    private static final Pattern LIST_SEPARATOR = Pattern.compile("\\s*,\\s*");

    private final List<Reference> passages;
    private final StringBuilder passedOn = new StringBuilder();
    private String held = "";
    private int spanStart;
    private int count;
    private int dropped;
    /**
     * The text the markers of the current run (nothing but spaces between them) cite, or null before one of
     * them cited something.
     */
    private int[] runSpan;
    /** The space before a dropped marker, for a kept marker right after it that has none of its own. */
    private String droppedSpace = "";

    /** Text to pass on now, and the citations its markers complete (spans count in the text passed on). */
    public record Output(String text, List<Citation> citations) {

        public void passTo(AgentListener listener) {
            if (!text.isEmpty()) {
                listener.onText(text);
            }
            citations.forEach(listener::onCitation);
        }
    }

    /** @param passages the passages the model was sent, in the order it numbers them from 1 */
    public CitationMarkers(List<Reference> passages) {
        this.passages = List.copyOf(passages);
    }

    public Output accept(String delta) {
        String text = held + delta;
        Matcher open = OPEN_END.matcher(text);
        int holdFrom = open.find() ? open.start() : text.length();
        held = text.substring(holdFrom);
        return scan(text.substring(0, holdFrom));
    }

    /** The text still held back, once the model has finished. */
    public Output finish() {
        String rest = held;
        held = "";
        return scan(rest);
    }

    /** How many markers named a passage that was not sent, and were dropped. */
    public int dropped() {
        return dropped;
    }

    private Output scan(String text) {
        int outStart = passedOn.length();
        List<Citation> found = new ArrayList<>();
        Matcher marker = MARKER.matcher(text);
        int from = 0;
        while (marker.find()) {
            pass(text.substring(from, marker.start()));
            from = marker.end();
            StringBuilder kept = new StringBuilder();
            List<Reference> cited = new ArrayList<>();
            for (String number : LIST_SEPARATOR.split(marker.group(2))) {
                int n = Integer.parseInt(number);
                if (n < 1 || n > passages.size()) {
                    dropped++;
                } else if (!cited.contains(passages.get(n - 1))) {
                    cited.add(passages.get(n - 1));
                    kept.append('[').append(n).append(']');
                }
            }
            String space = marker.group(1);
            if (cited.isEmpty()) {
                droppedSpace = space.isEmpty() ? droppedSpace : space;
                continue;
            }
            if (runSpan == null) {
                runSpan = spanSinceLastMarker();
            }
            passedOn.append(space.isEmpty() ? droppedSpace : space).append(kept);
            droppedSpace = "";
            if (runSpan != null) {
                for (Reference passage : cited) {
                    found.add(new Citation(count++, runSpan[0], runSpan[1], List.of(passage)));
                }
            }
            spanStart = passedOn.length();
        }
        pass(text.substring(from));
        return new Output(passedOn.substring(outStart), found);
    }

    /** Passes text on; anything but spaces ends a run of markers. */
    private void pass(String text) {
        passedOn.append(text);
        if (!text.isBlank()) {
            runSpan = null;
            droppedSpace = "";
        }
    }

    /** The text since the previous marker, from its first word to its last character, or null when it has none. */
    private int[] spanSinceLastMarker() {
        int end = passedOn.length();
        while (end > spanStart && Character.isWhitespace(passedOn.charAt(end - 1))) {
            end--;
        }
        int start = spanStart;
        while (start < end && (Character.isWhitespace(passedOn.charAt(start))
                || SENTENCE_PUNCTUATION.indexOf(passedOn.charAt(start)) >= 0)) {
            start++;
        }
        return end > start ? new int[] {start, end} : null;
    }
}
