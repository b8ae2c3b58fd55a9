package dev.glassbox.server.local.compose;

import dev.glassbox.server.local.knowledge.KnowledgeIndex;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a sentence only restates a question's premise: "The server turns off permessage-deflate." for "Why does the
 * server turn off permessage-deflate?". Such a sentence names what the question asks about but not what it asks (the
 * reason, the outcome, whether it can be done), so it cannot be the whole answer.
 */
final class Premise {
    /** The share of a sentence's terms, weighed by rarity, that the question names when the sentence restates it. */
    static final double RESTATES = 0.5;
    /** "Can I …?", "Is it possible …?", "Does the server …?": answered by whether, and by what follows. */
    private static final Pattern ASKS_WHETHER = Pattern.compile("(?i)^\\W*(?:(?:and|so|but|then|ok|okay)\\W+)?(?:can|"
            + "could|may|is|are|does|do|will|would|should)\\b");

    private Premise() {
    }

    /** Whether the sentence, of these terms, names little beyond the question's terms. */
    static boolean restates(KnowledgeIndex index, Set<String> question, Set<String> sentence) {
        double named = 0;
        double all = 0;
        for (String term : sentence) {
            double idf = index.idf(term);
            all += idf;
            named += question.contains(term) ? idf : 0;
        }
        return all > 0 && named / all >= RESTATES;
    }

    /** Whether the question asks whether something is so or can be done. */
    static boolean asksWhether(String question) {
        return ASKS_WHETHER.matcher(question).find();
    }
}
