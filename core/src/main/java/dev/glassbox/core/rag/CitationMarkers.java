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
 * Text that may still turn out to be a marker (a trailing {@code [1}, or spaces before it) is held
 * back until the next delta or {@link #finish}.
 */
public final class CitationMarkers {
    private static final Pattern MARKER = Pattern.compile("\\s*\\[(\\d{1,3})]");
    /** The end of the text that could still grow into a marker: spaces, then maybe {@code [} and digits. */
    private static final Pattern OPEN_END = Pattern.compile("\\s*(?:\\[\\d{0,3})?$");

    private final List<Reference> passages;
    private final StringBuilder passedOn = new StringBuilder();
    private String held = "";
    private int spanStart;
    private int count;
    private int dropped;

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
            passedOn.append(text, from, marker.start());
            from = marker.end();
            int n = Integer.parseInt(marker.group(1));
            if (n < 1 || n > passages.size()) {
                dropped++;
                continue;
            }
            int end = passedOn.length();
            while (end > spanStart && Character.isWhitespace(passedOn.charAt(end - 1))) {
                end--;
            }
            int start = spanStart;
            while (start < end && Character.isWhitespace(passedOn.charAt(start))) {
                start++;
            }
            passedOn.append(text, marker.start(), marker.end());
            if (end > start) {
                found.add(new Citation(count++, start, end, List.of(passages.get(n - 1))));
            }
            spanStart = passedOn.length();
        }
        passedOn.append(text, from, text.length());
        return new Output(passedOn.substring(outStart), found);
    }
}
