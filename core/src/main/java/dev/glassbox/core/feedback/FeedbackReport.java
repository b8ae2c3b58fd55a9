package dev.glassbox.core.feedback;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The owner's to-do list for {@code knowledge/}: the questions the agent declined and the answers
 * visitors marked down, each grouped by question and listed most frequent first.
 */
public final class FeedbackReport {
    private static final int MAX_COMMENTS = 3;

    /** One question with how often it came up, its latest answer and the latest comments. */
    public record Item(String question, int count, String answer, List<String> sources, List<String> comments,
                       long lastAtMs) {
    }

    private final List<Item> declined;
    private final List<Item> markedDown;

    private FeedbackReport(List<Item> declined, List<Item> markedDown) {
        this.declined = declined;
        this.markedDown = markedDown;
    }

    public static FeedbackReport of(List<FeedbackEntry> entries) {
        return new FeedbackReport(
                group(entries.stream().filter(e -> e.kind().equals(FeedbackEntry.DECLINE)).toList()),
                group(entries.stream().filter(e -> e.kind().equals(FeedbackEntry.FEEDBACK)
                        && "down".equals(e.verdict())).toList()));
    }

    public List<Item> declined() {
        return declined;
    }

    public List<Item> markedDown() {
        return markedDown;
    }

    /** The report of {@code entries} read from {@code source}, headed by where they came from. */
    public static String document(String source, List<FeedbackEntry> entries) {
        return "Feedback report from " + source + " (" + entries.size() + " entries)\n\n" + of(entries).text();
    }

    /** The report as plain text, for a terminal. */
    public String text() {
        StringBuilder out = new StringBuilder();
        section(out, "Questions the agent declined", declined);
        out.append('\n');
        section(out, "Answers marked down", markedDown);
        return out.toString();
    }

    private static void section(StringBuilder out, String title, List<Item> items) {
        out.append(title).append(" (").append(items.size()).append(")\n");
        if (items.isEmpty()) {
            out.append("  none\n");
        }
        int n = 1;
        for (Item item : items) {
            out.append(String.format(Locale.ROOT, "%3d. %dx  %s%n", n++, item.count(), oneLine(item.question(), 200)));
            if (!item.answer().isBlank()) {
                out.append("       answer: ").append(oneLine(item.answer(), 160)).append('\n');
            }
            if (!item.sources().isEmpty()) {
                out.append("       sources: ").append(String.join(", ", item.sources())).append('\n');
            }
            for (String comment : item.comments()) {
                out.append("       comment: ").append(oneLine(comment, 200)).append('\n');
            }
        }
    }

    /** Entries grouped by question (case and spacing ignored), most frequent first, then most recent. */
    private static List<Item> group(List<FeedbackEntry> entries) {
        Map<String, List<FeedbackEntry>> byQuestion = new LinkedHashMap<>();
        for (FeedbackEntry entry : entries) {
            byQuestion.computeIfAbsent(normalized(entry.question()), k -> new ArrayList<>()).add(entry);
        }
        List<Item> items = new ArrayList<>();
        for (List<FeedbackEntry> same : byQuestion.values()) {
            same.sort(Comparator.comparingLong(FeedbackEntry::atMs));
            FeedbackEntry latest = same.get(same.size() - 1);
            List<String> comments = same.stream().map(FeedbackEntry::comment).filter(c -> !c.isBlank())
                    .toList();
            items.add(new Item(latest.question(), same.size(), latest.answer(), latest.sources(),
                    comments.subList(Math.max(0, comments.size() - MAX_COMMENTS), comments.size()), latest.atMs()));
        }
        items.sort(Comparator.comparingInt(Item::count).reversed()
                .thenComparing(Comparator.comparingLong(Item::lastAtMs).reversed()));
        return items;
    }

    private static String normalized(String question) {
        return question.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /**
     * Visitor text on one line, without control characters that could rewrite the terminal (C1 ones such
     * as U+009B, which some terminals read as an escape, too) nor bidirectional overrides that would show
     * the owner the text in another order than it was written.
     */
    private static String oneLine(String text, int max) {
        String flat = text.replaceAll("[\\p{Cc}\\u202A-\\u202E\\u2066-\\u2069]+", " ").replaceAll("\\s+", " ").strip();
        return flat.length() > max ? flat.substring(0, max) + "…" : flat;
    }
}
