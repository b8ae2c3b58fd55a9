package dev.glassbox.server.local.understanding;

import dev.glassbox.server.local.knowledge.KnowledgeIndex;
import dev.glassbox.server.local.knowledge.Lexicon;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a question is about the world rather than about Glassbox ("What is the capital of Canada?", "What is 15
 * times 4?"): it refers to nothing of Glassbox, neither by a word for it or the agent ("it", "this", "you",
 * "Glassbox") nor by a word the docs use in several passages ("server", "answer", "price"). Such a question has no
 * reason to share more than an everyday word with a passage, so a name or word in it that the docs never use is
 * what it is about, and a sum is worked out by no passage.
 */
final class WorldQuestions {
    private WorldQuestions() {
    }

    /**
     * Words that refer to Glassbox or its agent, or to what was said before ("Does it…", "Can you…", "Is this…"), and
     * "what happens", which asks what it does in a case ("what happens if a bunch of folks ask at once?").
     */
    private static final Pattern REFERENCE = Pattern.compile("(?i)\\b(?:it|its|it's|itself|this|these|that|those|they"
            + "|them|their|you|your|yours|yourself|u|ur|glassbox|here|what happens)\\b");
    /**
     * In what share of the passages the docs must use a word for it to be one of theirs, not an everyday word they
     * happen to use (of this repository's 266 passages, "capital" is in three about capitalised words, "language" in
     * four, "price" in 16); in a folder of a few passages, any word they use.
     */
    private static final double THEIR_WORD_SHARE = 0.03;
    /**
     * Words at least this rare in English (by their id in the embedder's vocabulary, {@link Lexicon#rank}) may be
     * the docs' own; commoner ones ("best", "time", "day", "use") are everyone's, however often the docs use them.
     */
    private static final int EVERYDAY_WORDS = 2_500;

    /**
     * Whether the question refers to Glassbox, by a word for it or the agent, or by a word of the docs' own: one
     * they use in several passages that is not among the commonest of English, or one they use that is no English
     * word at all ("prometheus", "minilm"), however seldom: the world's questions do not borrow the docs' jargon.
     */
    static boolean aboutGlassbox(KnowledgeIndex index, String question) {
        if (REFERENCE.matcher(question).find()) {
            return true;
        }
        int passages = index.passageCount();
        double theirs = rarityOfPassages(passages, Math.max(1, (int) Math.round(THEIR_WORD_SHARE * passages)));
        return index.termWords(question).entrySet().stream().anyMatch(term -> index.uses(term.getKey())
                && (index.idf(term.getKey()) <= theirs
                && Lexicon.rank(term.getValue()).orElse(Integer.MAX_VALUE) >= EVERYDAY_WORDS
                || !Lexicon.whole(term.getValue())));
    }

    /**
     * The rarity (inverse document frequency, as {@link KnowledgeIndex#idf} weighs it) of a term that this many of
     * the passages contain: a term in more passages is less rare.
     */
    private static double rarityOfPassages(int passages, int containing) {
        return Math.log(1 + (passages - containing + 0.5) / (containing + 0.5));
    }

    /** A unit of time, length, mass or volume, which the world converts one into another. */
    private static final String UNIT = "(?:(?:second|minute|hour|day|week|month|year|decade|gram|kilogram|kilo|pound"
            + "|ounce|ton|tonne|meter|metre|kilometer|kilometre|centimeter|centimetre|millimeter|millimetre|mile|yard"
            + "|litre|liter|gallon|pint|cup|teaspoon|tablespoon)s?|centur(?:y|ies)|foot|feet|inch(?:es)?)";
    /**
     * A sum or a conversion of units, worked out by no passage: "15 times 4", "2+2", "the square root of 81", "how
     * many minutes are in a day".
     */
    private static final Pattern SUM = Pattern.compile("(?i)\\b\\d+(?:\\.\\d+)?\\s*(?:[+*×÷^]|times|plus|minus|divided by"
            + "|multiplied by|to the power of)\\s*\\d+(?:\\.\\d+)?\\b|\\b(?:square|cube) root of \\d+\\b|\\b\\d+ (?:squared"
            + "|cubed)\\b|(?<=\\bhow many )" + UNIT + " (?:are )?(?:there )?in (?:a|an|one|\\d+) " + UNIT
            + "\\b");

    /**
     * The sums in a question about the world ({@link #SUM}), as written; none in one about Glassbox, by what it says
     * besides them ("minutes" and "times" are words of the docs too).
     */
    static List<String> sums(KnowledgeIndex index, String question) {
        List<String> sums = new ArrayList<>();
        Matcher sum = SUM.matcher(question);
        while (sum.find()) {
            sums.add(sum.group());
        }
        return sums.isEmpty() || aboutGlassbox(index, SUM.matcher(question).replaceAll(" ")) ? List.of() : sums;
    }
}
