package dev.glassbox.server.local;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts a passage into the pieces an answer may quote: whole list items, sentences, and the clauses of
 * sentences too long to read (split at their semicolons). A piece still too long is embedded and scored
 * by its first {@link Excerpt#CAP_WORDS} words, but kept whole too, so that the answer can quote the part
 * that holds what the question asks ({@link Excerpt}). A passage that has none (only a table, a code block
 * or very short items) offers its lines instead.
 */
final class Quotables {
    /** A sentence longer than this is split into its clauses. */
    static final int LONG_WORDS = 40;
    private static final int MIN_WORDS = 4;
    private static final int MIN_ITEM_WORDS = 3;
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z0-9\"'(\\[`*])");
    private static final Pattern CLAUSE_END = Pattern.compile("(?<=;)\\s+");
    private static final Pattern LIST_MARKER = Pattern.compile("^(?:[-*+]|\\d+[.)])\\s+");
    private static final Pattern TABLE_SEPARATOR = Pattern.compile("^\\|?[\\s:|-]*-{3,}[\\s:|-]*$");
    /** Openers that refer back to what came before: such a sentence is not quoted without its predecessor. */
    private static final Pattern DANGLING = Pattern.compile("^(?:It|Its|It's|This|These|That|Those|They|Their|Them|"
            + "So|Then|Last|Lastly|Finally|Also|And|But|Or|However|Instead|Otherwise|Both|Such|Here|Thus|Hence|"
            + "Therefore|Still|Yet|Again|Besides|The same|The rest|The two|The other|The latter|The former|"
            + "Before that|After that|Once it|Until then)\\b");

    /**
     * A piece of a passage.
     *
     * @param text what is embedded and scored: the piece, cut to {@link Excerpt#CAP_WORDS} words
     * @param whole the piece uncut
     * @param position its place in the passage, from 0
     * @param dangling whether it starts by referring to the piece before it
     * @param fallback whether it is a line of a table or code block rather than prose
     */
    record Quotable(String text, String whole, int position, boolean dangling, boolean fallback) {
        /** Its length in the answer, once cut. */
        int words() {
            return text.split("\\s+").length;
        }
    }

    private Quotables() {
    }

    static List<Quotable> of(String passageText) {
        List<String> prose = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        boolean inCode = false;
        for (String raw : passageText.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("```") || line.startsWith("~~~")) {
                inCode = !inCode;
                continue;
            }
            if (line.isEmpty() || TABLE_SEPARATOR.matcher(line).matches()) {
                continue;
            }
            if (inCode) {
                lines.add("`" + line.replace("`", "") + "`");
            } else if (line.chars().filter(c -> c == '|').count() >= 2) {
                lines.add(tableRow(line));
            } else if (LIST_MARKER.matcher(line).find()) {
                String item = LIST_MARKER.matcher(line).replaceFirst("");
                if (item.split("\\s+").length <= LONG_WORDS) {
                    if (item.split("\\s+").length >= MIN_ITEM_WORDS) {
                        prose.add(item);
                    } else {
                        lines.add(item);
                    }
                } else {
                    sentences(item, prose);
                }
            } else {
                sentences(line, prose);
            }
        }
        List<Quotable> quotables = new ArrayList<>();
        List<String> chosen = prose.isEmpty() ? lines : prose;
        for (int i = 0; i < chosen.size(); i++) {
            String text = chosen.get(i);
            quotables.add(new Quotable(Excerpt.start(text), text, i,
                    i > 0 && !prose.isEmpty() && DANGLING.matcher(text).find(), prose.isEmpty()));
        }
        return quotables;
    }

    private static void sentences(String block, List<String> out) {
        for (String sentence : SENTENCE_END.split(block)) {
            String trimmed = sentence.strip();
            if (trimmed.split("\\s+").length < MIN_WORDS) {
                continue;
            }
            if (trimmed.split("\\s+").length <= LONG_WORDS || !trimmed.contains("; ")) {
                out.add(trimmed);
                continue;
            }
            for (String clause : CLAUSE_END.split(trimmed)) {
                String text = clause.strip();
                if (text.endsWith(";")) {
                    text = text.substring(0, text.length() - 1) + ".";
                }
                if (text.split("\\s+").length >= MIN_WORDS) {
                    out.add(Character.toUpperCase(text.charAt(0)) + text.substring(1));
                }
            }
        }
    }

    /** "| Nova Lite | $0.06 |" reads as "Nova Lite, $0.06". */
    private static String tableRow(String line) {
        String inner = line.replaceAll("^\\|", "").replaceAll("\\|$", "");
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("\\|")) {
            if (!cell.isBlank()) {
                cells.add(cell.strip());
            }
        }
        return String.join(", ", cells);
    }
}
