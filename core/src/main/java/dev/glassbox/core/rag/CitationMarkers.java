package dev.glassbox.core.rag;

import dev.glassbox.core.agent.Citation;
import dev.glassbox.core.agent.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the {@code [n]} markers a grounded model writes while its text streams in, and turns each
 * into a citation of passage n for the text since the previous marker. A marker split across two
 * deltas is found once it is complete.
 */
public final class CitationMarkers {
    private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,3})]");
    private static final int LONGEST_MARKER = 5;

    private final List<Reference> passages;
    private final StringBuilder text = new StringBuilder();
    private int scanFrom;
    private int spanStart;
    private int count;

    public CitationMarkers(List<Reference> passages) {
        this.passages = List.copyOf(passages);
    }

    /** Adds streamed text; returns the citations its markers complete. */
    public List<Citation> accept(String delta) {
        text.append(delta);
        List<Citation> found = new ArrayList<>();
        Matcher marker = MARKER.matcher(text);
        int scanned = scanFrom;
        while (marker.find(scanned)) {
            int n = Integer.parseInt(marker.group(1));
            if (n >= 1 && n <= passages.size()) {
                int start = skipSpaces(spanStart);
                int end = trimSpaces(marker.start());
                if (end > start) {
                    found.add(new Citation(count++, start, end, List.of(passages.get(n - 1))));
                }
                spanStart = marker.end();
            }
            scanned = marker.end();
        }
        int open = text.lastIndexOf("[");
        scanFrom = open >= scanned && text.length() - open < LONGEST_MARKER ? open : text.length();
        return found;
    }

    private int skipSpaces(int from) {
        int at = from;
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    private int trimSpaces(int to) {
        int at = to;
        while (at > 0 && Character.isWhitespace(text.charAt(at - 1))) {
            at--;
        }
        return at;
    }
}
