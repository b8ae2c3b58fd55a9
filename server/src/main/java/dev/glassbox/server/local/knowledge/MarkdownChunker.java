package dev.glassbox.server.local.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * Splits a Markdown document into passages by heading. Passages keep their Markdown, so quoted
 * sentences render with their links and emphasis; each paragraph and each list item becomes one
 * line, and so does each row of a table. A section longer than {@link #MAX_WORDS} is cut between blocks, a table
 * longer than that between rows, each part with the table's header (so every row keeps its columns' names), and
 * any other block longer than that between sentences (or clauses, or at last words), so no passage exceeds it: the
 * embedder averages longer text over 510-word-piece windows, which blurs a passage's meaning.
 */
public final class MarkdownChunker {
    static final int MAX_WORDS = 160;
    public static final String SEPARATOR = " › ";
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z0-9\"'(\\[`*])");
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");
    private static final Pattern CLAUSE_END = Pattern.compile("(?<=;)\\s+");
    /** A table's second line, which makes its first the header: "|---|:---:|". */
    private static final Pattern TABLE_SEPARATOR = Pattern.compile("\\|?(?:\\s*:?-{3,}:?\\s*\\|)+\\s*(?::?-{3,}:?)?\\s*");

    private final Parser parser = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();
    private final TextContentRenderer plainText = TextContentRenderer.builder().build();

    public List<KnowledgeChunk> chunk(String source, String markdown) {
        // Split as CommonMark does, a lone \r included: its source spans index these lines.
        String[] lines = LINE_BREAK.split(markdown, -1);
        Node document = parser.parse(markdown);
        List<KnowledgeChunk> chunks = new ArrayList<>();
        String[] headings = new String[7];
        String docTitle = null;
        String anchor = "";
        List<String> blocks = new ArrayList<>();
        for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof Heading heading) {
                add(chunks, source, title(docTitle, headings, source), anchor, blocks);
                String text = plainText.render(heading).strip();
                if (heading.getLevel() == 1 && docTitle == null) {
                    docTitle = text;
                } else {
                    headings[heading.getLevel()] = text;
                    for (int deeper = heading.getLevel() + 1; deeper < headings.length; deeper++) {
                        headings[deeper] = null;
                    }
                }
                anchor = anchor(text);
            } else if (node instanceof ListBlock list) {
                for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                    addBlock(blocks, markdownOf(item, lines, false));
                }
            } else {
                boolean code = node instanceof FencedCodeBlock || node instanceof IndentedCodeBlock;
                String[] rows = markdownOf(node, lines, true).split("\n");
                if (node instanceof Paragraph && isTable(rows)) {
                    // CommonMark without the table extension reads a table as a paragraph: its rows are its lines.
                    blocks.addAll(tableParts(rows));
                } else {
                    addBlock(blocks, markdownOf(node, lines, code));
                }
            }
        }
        add(chunks, source, title(docTitle, headings, source), anchor, blocks);
        return chunks;
    }

    private static void addBlock(List<String> blocks, String block) {
        if (!block.isBlank()) {
            blocks.addAll(withinLimit(block, SENTENCE_END));
        }
    }

    /** The block itself when short enough, else its sentences, clauses or word runs, each within the limit. */
    private static List<String> withinLimit(String block, Pattern boundary) {
        if (words(block) <= MAX_WORDS) {
            return List.of(block);
        }
        List<String> pieces = new ArrayList<>();
        if (boundary == null) {
            String[] words = block.split("\\s+");
            for (int from = 0; from < words.length; from += MAX_WORDS) {
                pieces.add(String.join(" ", List.of(words).subList(from, Math.min(words.length, from + MAX_WORDS))));
            }
            return pieces;
        }
        Pattern finer = boundary == SENTENCE_END ? CLAUSE_END : null;
        for (String piece : boundary.split(block)) {
            pieces.addAll(withinLimit(piece, finer));
        }
        return pieces;
    }

    private static boolean isTable(String[] rows) {
        return rows.length > 2 && TABLE_SEPARATOR.matcher(rows[1]).matches()
                && java.util.Arrays.stream(rows).allMatch(row -> row.startsWith("|"));
    }

    /**
     * A table cut between rows into parts within the limit, each opening with the header and its separator line;
     * a row too long to go with the header is cut like any other block.
     */
    private static List<String> tableParts(String[] rows) {
        String header = rows[0] + "\n" + rows[1];
        int headerWords = words(header);
        List<String> parts = new ArrayList<>();
        List<String> part = new ArrayList<>();
        int partWords = headerWords;
        for (int i = 2; i < rows.length; i++) {
            int rowWords = words(rows[i]);
            boolean alone = headerWords + rowWords > MAX_WORDS;
            if (!part.isEmpty() && (alone || partWords + rowWords > MAX_WORDS)) {
                parts.add(header + "\n" + String.join("\n", part));
                part.clear();
                partWords = headerWords;
            }
            if (alone) {
                parts.addAll(withinLimit(rows[i], SENTENCE_END));
            } else {
                part.add(rows[i]);
                partWords += rowWords;
            }
        }
        if (!part.isEmpty()) {
            parts.add(header + "\n" + String.join("\n", part));
        }
        return parts;
    }

    private static int words(String text) {
        return text.split("\\s+").length;
    }

    /** The block's own Markdown; its lines joined by spaces unless it is code, whose lines matter. */
    private static String markdownOf(Node block, String[] lines, boolean keepLines) {
        List<String> parts = new ArrayList<>();
        for (SourceSpan span : block.getSourceSpans()) {
            String line = lines[span.getLineIndex()];
            int from = Math.min(span.getColumnIndex(), line.length());
            parts.add(line.substring(from, Math.min(line.length(), from + span.getLength())).strip());
        }
        return String.join(keepLines ? "\n" : " ", parts).strip();
    }

    private void add(List<KnowledgeChunk> chunks, String source, String title, String anchor, List<String> blocks) {
        List<String> part = new ArrayList<>();
        int words = 0;
        for (String block : blocks) {
            int blockWords = words(block);
            if (!part.isEmpty() && words + blockWords > MAX_WORDS) {
                chunks.add(new KnowledgeChunk(source, title, anchor, String.join("\n", part)));
                part.clear();
                words = 0;
            }
            part.add(block);
            words += blockWords;
        }
        if (!part.isEmpty()) {
            chunks.add(new KnowledgeChunk(source, title, anchor, String.join("\n", part)));
        }
        blocks.clear();
    }

    private static String title(String docTitle, String[] headings, String source) {
        StringBuilder title = new StringBuilder(docTitle != null ? docTitle : source);
        for (int level = 2; level < headings.length; level++) {
            if (headings[level] != null) {
                title.append(SEPARATOR).append(headings[level]);
            }
        }
        return title.toString();
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-');
    }
}
