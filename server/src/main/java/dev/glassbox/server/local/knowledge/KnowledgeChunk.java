package dev.glassbox.server.local.knowledge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A passage of the knowledge base: one section (or part of a long section) of one Markdown file.
 *
 * @param source the file's path relative to the knowledge folder, with '/' separators
 * @param title the document title and heading path, e.g. "Costs › Monthly cost"
 * @param anchor the section's heading anchor, as GitHub renders it
 * @param text the section's plain text, one block (paragraph, list item, table row) per line
 */
public record KnowledgeChunk(String source, String title, String anchor, String text) {

    /** What gets embedded and keyword-indexed: the heading path gives short sections their context. */
    public String indexedText() {
        return title + "\n" + text;
    }

    public String uri() {
        return "knowledge/" + source + (anchor.isEmpty() ? "" : "#" + anchor);
    }

    /** Identifies the embedding of this chunk's indexed text, whatever file it lives in. */
    public String contentHash() {
        return hash(indexedText());
    }

    /**
     * What gets embedded for one quotable piece of this chunk: the piece under its own heading, so a
     * sentence is compared with a question by what it says, in the context of its section.
     */
    String pieceText(String piece) {
        int cut = title.lastIndexOf(" › ");
        return (cut < 0 ? title : title.substring(cut + 3)) + "\n" + piece;
    }

    /** The SHA-256 of a text, in hex: the key of its embedding in the cache. */
    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
