package dev.glassbox.core.bedrock;

import dev.glassbox.core.agent.Reference;
import java.net.URI;

/** A passage retrieved from a Bedrock knowledge base, as the trace shows it. */
final class KnowledgeReferences {

    private KnowledgeReferences() {
    }

    /**
     * @param s3Uri where the passage's document lives, e.g. {@code s3://bucket/knowledge/costs.md};
     *              its key is the source, its file name the title
     */
    static Reference of(String s3Uri, String text, Double score) {
        String key = s3Uri == null ? "unknown" : keyOf(s3Uri);
        String title = key.substring(key.lastIndexOf('/') + 1);
        return new Reference(key, title, text == null ? "" : text, score, s3Uri);
    }

    private static String keyOf(String s3Uri) {
        try {
            URI uri = URI.create(s3Uri);
            String path = uri.getPath();
            return path == null || path.length() <= 1 ? s3Uri : path.substring(1);
        } catch (IllegalArgumentException e) {
            return s3Uri;
        }
    }
}
