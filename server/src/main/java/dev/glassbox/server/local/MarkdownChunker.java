package dev.glassbox.server.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * Splits a Markdown document into passages by heading. A section longer than
 * {@link #MAX_WORDS} is cut between blocks, so each passage stays within what the embedding
 * model reads (it truncates at 256 word pieces).
 */
public final class MarkdownChunker {
    static final int MAX_WORDS = 160;
    private static final String SEPARATOR = " › ";

    private final Parser parser = Parser.builder().build();
    private final TextContentRenderer renderer = TextContentRenderer.builder().build();

    public List<KnowledgeChunk> chunk(String source, String markdown) {
        Node document = parser.parse(markdown);
        List<KnowledgeChunk> chunks = new ArrayList<>();
        String[] headings = new String[7];
        String docTitle = null;
        String anchor = "";
        List<String> blocks = new ArrayList<>();
        for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof Heading heading) {
                add(chunks, source, title(docTitle, headings, source), anchor, blocks);
                String text = plain(heading);
                if (heading.getLevel() == 1 && docTitle == null) {
                    docTitle = text;
                } else {
                    headings[heading.getLevel()] = text;
                    for (int deeper = heading.getLevel() + 1; deeper < headings.length; deeper++) {
                        headings[deeper] = null;
                    }
                }
                anchor = anchor(text);
            } else {
                String text = plain(node);
                if (!text.isBlank()) {
                    blocks.add(text);
                }
            }
        }
        add(chunks, source, title(docTitle, headings, source), anchor, blocks);
        return chunks;
    }

    private void add(List<KnowledgeChunk> chunks, String source, String title, String anchor, List<String> blocks) {
        List<String> part = new ArrayList<>();
        int words = 0;
        for (String block : blocks) {
            int blockWords = block.split("\\s+").length;
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

    private String plain(Node node) {
        return renderer.render(node).strip();
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-');
    }
}
