package dev.glassbox.server.local.knowledge;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words that only make a text a question ("how", "does", "tell me", "how long") or hedge it ("some kind of"):
 * they say what kind of answer is wanted, not what the question is about, so neither keyword search nor the
 * checks of what is asked count them.
 */
public final class QuestionForm {
    private QuestionForm() {
    }

    /** Words of a question that say it is a question, not what it is about. */
    public static final Set<String> QUESTION_WORDS = Set.of("what", "which", "who", "whom", "whose", "when", "where", "why",
            "how", "do", "does", "did", "done", "can", "could", "would", "should", "shall", "may", "might", "must",
            "i", "me", "my", "we", "us", "our", "you", "your", "tell", "explain", "describe", "please", "glassbox",
            "about", "anything", "something", "know", "there", "any", "some", "get", "happen", "happens", "mean",
            "means", "work", "works", "used", "use", "uses", "using", "much", "many", "exactly", "actually", "really",
            "just", "also", "need", "want", "here", "has", "have", "had", "am", "been", "being", "its", "it's",
            "so", "ok", "okay", "hi", "hello", "hey", "thanks", "thank", "one", "like", "all", "every", "each", "more",
            "most", "up", "from", "after", "before", "while", "still", "take", "takes", "make", "makes", "someone",
            "anyone", "thing", "things", "way", "ways", "good", "huge", "big", "lot", "new", "own", "s", "t", "let",
            "see", "look", "find", "try", "ever", "always", "give", "go", "going", "exist", "exists", "available", "out",
            // Placeholders stand for what is asked without naming it ("stuff it keeps"): no passage needs to say them.
            "stuff", "everything", "whatever",
            // Words of a limit ask for an amount, as "at most" does (amount, ASKS_LIMIT), not about a thing; so do
            // superlatives of a measure ("the longest question", "the biggest file"), which the docs use only in
            // passing ("the first start takes longest").
            "max", "maximum", "min", "minimum", "longest", "shortest", "fastest", "slowest", "quickest", "biggest",
            "largest", "smallest",
            // Negated auxiliaries, whole and as the word splitter leaves them ("doesn" of "doesn't").
            "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "can't", "cannot", "won't",
            "wouldn't", "couldn't", "shouldn't", "hasn't", "haven't", "don", "doesn", "didn", "isn", "aren", "wasn",
            "weren", "won", "wouldn", "couldn", "shouldn", "hasn", "haven",
            // The same and a few other contractions as visitors type them without the apostrophe: not names.
            "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "cant", "wont", "wouldnt", "couldnt",
            "shouldnt", "hasnt", "havent", "im", "ive", "whats", "thats", "theres", "hows", "wheres", "whos",
            // Contractions of a pronoun and an auxiliary, whole and as the word splitter leaves their ending.
            "i'm", "i've", "i'll", "i'd", "you're", "you've", "you'll", "you'd", "we're", "we've", "we'll",
            "they're", "they've", "it'll", "m", "re", "ve", "ll", "d");

    /**
     * The adverb of "how long", "how much", "how many" and the like: it says what kind of answer the
     * question wants (an amount, which {@link AskedAmount} reads), not what it is about. The knowledge base's
     * own description of how the agent answers such questions contains the same words.
     */
    private static final Pattern HOW_ADVERB = Pattern.compile(
            "(?i)\\b(how)\\s+(?:long|much|many|often|fast|quick(?:ly)?|soon|big|large|far|slow(?:ly)?)\\b");
    /**
     * Verbs that only make a sentence a question, in any form ("worked out", "tells me", "asked", "found"): read
     * after stemming, so that their inflections are dropped too; the irregular forms stemming cannot relate
     * to their verb are listed.
     */
    static final Set<String> QUESTION_VERBS = Set.of("ask", "tell", "told", "explain", "describe", "work", "happen",
            "take", "took", "taken", "make", "made", "need", "want", "get", "got", "gotten", "go", "went", "gone",
            "find", "found", "know", "knew", "known", "look", "see", "saw", "seen", "give", "gave", "given", "try",
            "use", "exist");

    /**
     * Words that only hedge what follows ("some kind of alert", "any type of warning", "sort of verify"): the
     * alert is what is asked about, and no passage needs to say "kind" to answer.
     */
    private static final Pattern HEDGE = Pattern.compile("(?i)\\b(?:(?:some|any|a|an|what|which|this|that)\\s+)?"
            + "(?:kinds?|sorts?)\\s+of\\b|\\b(?:some|any|a|an|what|which|this|that)\\s+types?\\s+of\\b"
            + "|\\b(?:kinda|sorta)\\b"
            // Filler that says how or when, never what: "does it reconnect by itself", "what is it currently".
            + "|\\b(?:out of the box|on (?:its|their|your|my|our) own|(?:all )?by (?:itself|themselves|yourself|"
            + "myself)|itself|themselves|right now|at the moment|at present|currently|these days|nowadays|"
            + "as of (?:now|today))\\b");

    /**
     * The question without the parts that only make it a question of a kind ("how long" reads as "how") or hedge
     * it ("is there any type of warning" as "is there warning").
     */
    static String without(String question) {
        return HOW_ADVERB.matcher(withoutHedges(question)).replaceAll("$1");
    }

    /** The question without words that only hedge ({@link #HEDGE}); "what kind of" keeps its "what". */
    public static String withoutHedges(String question) {
        return HEDGE.matcher(question).replaceAll(hedge -> hedge.group().regionMatches(true, 0, "wh", 0, 2)
                ? hedge.group().substring(0, hedge.group().indexOf(' ')) : "").replaceAll("\\s{2,}", " ");
    }
}
