package dev.glassbox.server.local.understanding;

import dev.glassbox.server.local.knowledge.KnowledgeIndex;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a visitor adds after the question that asks nothing and speaks of nothing the docs do ("is there a dark mode? my
 * eyes hurt lol", "… thanks in advance"): left out before the question is read, as its words would only pull the
 * question's meaning away from the passages that answer it. An aside before the question stays: it is often what the
 * question's "it" or "that" stands for ("i have an old intel mac. will it run on that?").
 */
public final class Asides {
    private Asides() {
    }

    /** The message without the sentences after its last question that name none of the docs' words. */
    public static String without(KnowledgeIndex index, String message) {
        List<String> sentences = List.of(SENTENCE_END.split(message));
        int last = sentences.size() - 1;
        while (last > 0 && aside(index, sentences.get(last))) {
            last--;
        }
        if (last == sentences.size() - 1 || !sentences.get(last).strip().endsWith("?")) {
            return message;
        }
        return String.join(" ", sentences.subList(0, last + 1)).strip();
    }

    /** Whether a sentence asks nothing and no passage contains any of its content words. */
    private static boolean aside(KnowledgeIndex index, String sentence) {
        return !sentence.contains("?") && index.contentTerms(sentence).stream().noneMatch(index::uses);
    }

    /** Where a sentence ends: after its closing punctuation, before the space that follows. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
}
