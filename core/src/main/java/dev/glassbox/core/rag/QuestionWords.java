package dev.glassbox.core.rag;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words a follow-up is read by: which words of a question name something (content words) and which only make it a
 * question, point back ("it", "that"), lean on the previous turn ("mine", "both") or ask for a property ("port",
 * "cost"); the names it uses; and the small patterns every rewrite step shares.
 */
final class QuestionWords {
    static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.'-]*");
    static final Pattern LEADING_JOINER = Pattern.compile("^(?:and|but|also|so|then|or)\\b[\\s,]*",
            Pattern.CASE_INSENSITIVE);
    /** "What about…", "How about…": a cue for a contrast, not a question of its own. */
    static final Pattern CUE = Pattern.compile("(?i)(?:what about|how about|what if)\\b");
    static final Pattern QUESTION_END = Pattern.compile("[\\s?.!]+$");
    static final Set<String> ASKING = Set.of("what", "why", "how", "when", "where", "which", "who", "does",
            "do", "did", "is", "are", "was", "can", "could", "will", "would", "should");
    /** Greetings, thanks and acknowledgements: words that name nothing a question could be about. */
    static final Set<String> SMALL_TALK = Set.of("hi", "hello", "hey", "hiya", "howdy", "greetings", "good",
            "morning", "afternoon", "evening", "day", "there", "all", "everyone", "thanks", "thank", "thx", "cheers",
            "great", "cool", "nice", "awesome", "perfect", "ok", "okay", "got", "bye", "goodbye", "see", "glassbox");
    /** Verbs that often end a question ("does it use", "does it cost") and are not what it asks about. */
    static final Set<String> COMMON_VERBS = Set.of("use", "uses", "used", "work", "works", "run", "runs",
            "take", "takes", "cost", "costs", "need", "needs", "mean", "means", "happen", "happens", "send", "sends",
            "keep", "keeps", "get", "gets", "make", "makes", "support", "supports", "do", "done", "go", "goes");
    /**
     * Verbs and adjectives that ask whether or how a property can be set ("Can I change the port?", "Is the wait
     * configurable?"): they name no subject of their own, so the question asks about the previous one's.
     */
    static final Set<String> SETTING = Set.of("change", "changed", "raise", "raised", "lower", "lowered", "increase",
            "increased", "decrease", "reduce", "set", "adjust", "configure", "configured", "configurable", "adjustable",
            "tune", "override", "disable", "enable", "switch", "turn", "move");
    static final Set<String> POINTING_BACK = Set.of("it", "its", "it's", "that", "that's", "this", "these",
            "those", "they", "they're", "them", "their", "there", "then", "same", "one", "ones");
    /**
     * Words that lean on what was just said without standing for it: "mine" is the visitor's own one of what the
     * previous question asked about, "other" and "both" are of the things its answer named. They make a question a
     * follow-up, but are not written out as the previous question's subject.
     */
    static final Set<String> LEANING = Set.of("mine", "yours", "ours", "theirs", "other", "others", "another",
            "both", "either", "neither");
    /**
     * "On which architecture?", "after how much unsent data?", "Which region?": a question word and what it asks for,
     * at most three words after a preposition or two without one, and no verb to ask it of a subject of its own.
     */
    private static final Pattern FRAGMENT = Pattern.compile("(?i)(?:(?:in|on|at|to|for|from|by|with|after|before|under|"
            + "within|until|since|during|via)\\s+(?:which|what|whose|how\\s+(?:much|many|long|big|often|old|far))"
            + "(?:\\s+[\\p{L}\\p{N}_.'/-]+){0,3}|(?:which|what|whose|how\\s+(?:much|many))(?:\\s+[\\p{L}\\p{N}_.'/-]+)"
            + "{1,2})[\\s?.!]*");
    /** The verbs that make a question of a fragment: "what is SnapStart?" asks about a subject of its own. */
    private static final Set<String> AUXILIARIES = Set.of("is", "are", "was", "were", "be", "do", "does", "did", "can",
            "could", "will", "would", "should", "may", "might", "must", "has", "have", "had", "shall");
    /**
     * "it" and "there" that point at nothing: "How much does it cost to run Glassbox locally?", "Is it possible to
     * …", "Is there a licence?" ask a question of their own; the "it" of "it has to", "it needs to" is a thing.
     */
    static final Pattern POINTING_AT_NOTHING = Pattern.compile("(?i)\\bit\\b"
            // "what's the limit it has to stay under?": "has to", "needs to" say what "it" must do, so "it" is a thing.
            + "(?!\\s+(?:\\p{L}+\\s+)?(?:has|have|had|needs?|ought|got|used|going|able)\\s+to\\b)"
            + "(?=\\s+(?:\\p{L}+\\s+){0,2}to\\s+"
            + "(?!(?:the|a|an|my|your|its|it|them|that|this|these|those|me|us)\\b)\\p{L})"
            + "|(?<=\\b(?:is|are|was|were|be|been)\\s)there\\b|\\bthere\\b(?=\\s+(?:is|are|was|were)\\b)");
    private static final Set<String> FUNCTION_WORDS = Set.of("a", "an", "the", "and", "or", "but", "so", "then",
            "also", "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "about", "is", "are",
            "was", "were", "be", "been", "do", "does", "did", "can", "could", "would", "should", "will", "shall",
            "may", "might", "must", "has", "have", "had", "of", "to", "in", "on", "at", "for", "with", "by", "from",
            "as", "if", "than", "any", "i", "you", "we", "me", "my", "your", "our", "much", "many", "long", "come",
            "really", "not", "no", "yes", "please", "tell", "more", "else", "too", "after", "before", "during", "until",
            // "Can you explain more?", "elaborate a bit": an order to say more names nothing to say it about.
            "explain", "elaborate", "expand", "clarify", "further", "detail", "details", "bit", "little",
            "since", "into", "over", "under", "within", "without", "via", "back", "up", "out", "off", "while", "whilst",
            "unless", "whether", "because", "once", "myself",
            "yourself", "itself", "ourselves", "themselves");
    /**
     * Words that ask about a property of something rather than name it: a question whose own words are only
     * these ("Which port?", "What are the limits?") asks about the subject of the turn before.
     */
    static final Set<String> PROPERTIES = Set.of("port", "ports", "size", "big", "bigger", "large",
            "larger", "small", "smaller", "cost", "costs", "price", "prices", "charge", "charges", "cheap",
            "expensive", "free",
            "default", "defaults", "limit", "limits", "threshold", "thresholds", "cap", "caps", "maximum", "max",
            "minimum", "min", "timeout",
            "code", "codes", "status", "version",
            "versions", "number", "numbers", "amount", "amounts", "figure", "figures", "value", "values", "setting",
            "settings",
            "option", "options", "format", "name", "names", "language", "kind", "type", "reason", "reasons",
            "fast", "faster", "slow", "slower", "speed", "often", "safe", "secure", "safety", "check", "checks",
            "difference", "memory", "time", "duration", "requirements", "alternative", "alternatives", "second",
            "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "month", "months", "year");
    /**
     * Words that ask what the thing just talked about lacks or what more there is of it ("the catch", "anything
     * else"): a question of only these asks about the previous question's subject, as one of only a property does,
     * but not for a property its answer may already have stated.
     */
    private static final Set<String> SHORTCOMINGS = Set.of("catch", "catches", "downside", "downsides", "drawback",
            "drawbacks", "caveat", "caveats", "limitation", "limitations", "gotcha", "gotchas", "missing", "lacking",
            "anything", "something", "left", "weakness", "weaknesses");
    /** The ending of a contraction ("what's", "doesn't", "they're"), after the word it contracts. */
    static final Pattern CONTRACTED = Pattern.compile("(?:n't|'(?:s|re|ve|ll|d|m))$");
    static final Pattern LEADING_ARTICLE = Pattern.compile("(?i)^(?:a|an|the)\\s+");
    /** Prepositions that open or close a phrase of a question; {@link QuestionSubject} ends a subject at them too. */
    static final List<String> PREPOSITIONS = List.of("with", "for", "on", "in", "at", "to", "from", "by", "of", "via",
            "without", "under", "over", "per");
    static final Pattern LEADING_PREPOSITION = Pattern.compile("(?i)^(?:" + String.join("|", PREPOSITIONS)
            + ")\\s+");
    /** A preposition and its article closing the text: "…with ", "…for the ". */
    static final Pattern PREPOSITION_AT_END = Pattern.compile("(?i)\\b(?:" + String.join("|", PREPOSITIONS)
            + ")\\s+(?:(?:a|an|the)\\s+)?$");
    /** "I", "I'm", "I've": capitalised, but never a name ("What is it set to unless I change it?"). */
    private static final Pattern PRONOUN_I = Pattern.compile("I(?:'[a-z]+)?");
    /** The product's own name is the subject of nearly every question, never the thing a follow-up swaps. */
    private static final Set<String> NEVER_SWAPPED = Set.of("glassbox");

    private QuestionWords() {
    }

    /**
     * Whether the question points back: "it", "that", "then"… but not an "it" or "there" that points at nothing,
     * nor "one" before a noun ("one connection" counts; "which one" points back).
     */
    static boolean pointsBack(String text) {
        List<String> words = words(POINTING_AT_NOTHING.matcher(text).replaceAll(" "));
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i).toLowerCase(Locale.ROOT);
            boolean counting = word.equals("one") && i + 1 < words.size() && isContentWord(words.get(i + 1));
            if (POINTING_BACK.contains(word) && !counting) {
                return true;
            }
        }
        return false;
    }

    /** Whether the text is only a question word and what it asks for, with no verb: "On which architecture?". */
    static boolean fragment(String text) {
        String own = LEADING_JOINER.matcher(text.strip()).replaceFirst("");
        return FRAGMENT.matcher(own).matches()
                && words(own).stream().noneMatch(w -> AUXILIARIES.contains(w.toLowerCase(Locale.ROOT)));
    }

    /**
     * The names a question uses: runs of capitalised words, numbers may follow, as in "Claude Sonnet 4"
     * or "GLASSBOX_PORT"; the first word is left out, as it is capitalised anyway.
     */
    static List<String> names(String text) {
        List<String> names = new ArrayList<>();
        Matcher word = WORD.matcher(text);
        int runStart = -1;
        int runEnd = -1;
        boolean first = true;
        while (word.find()) {
            String w = word.group();
            boolean name = !first && !PRONOUN_I.matcher(w).matches() && (Character.isUpperCase(w.charAt(0))
                    || runStart >= 0 && Character.isDigit(w.charAt(0)));
            first = false;
            if (name && runStart < 0) {
                runStart = word.start();
            }
            if (name) {
                runEnd = word.end();
            } else if (runStart >= 0) {
                addName(names, text.substring(runStart, runEnd));
                runStart = -1;
            }
        }
        if (runStart >= 0) {
            addName(names, text.substring(runStart, runEnd));
        }
        return names;
    }

    private static void addName(List<String> names, String name) {
        if (!NEVER_SWAPPED.contains(name.toLowerCase(Locale.ROOT))) {
            names.add(name);
        }
    }

    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher word = WORD.matcher(text);
        while (word.find()) {
            words.add(word.group());
        }
        return words;
    }

    /** Whether a word only asks about a property of something (its port, its size) or is a common verb. */
    static boolean asksForAProperty(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return PROPERTIES.contains(lower) || COMMON_VERBS.contains(lower) || SHORTCOMINGS.contains(lower);
    }

    static boolean isContentWord(String word) {
        // "what's", "there's", "doesn't": a contraction is the word it contracts.
        String lower = CONTRACTED.matcher(word.toLowerCase(Locale.ROOT)).replaceFirst("");
        return !FUNCTION_WORDS.contains(lower) && !POINTING_BACK.contains(lower) && !LEANING.contains(lower);
    }

    /** "backends" → "backend", "policies" → "policy": the form "which one" stands for. */
    static String singular(String plural) {
        if (plural.endsWith("ies")) {
            return plural.substring(0, plural.length() - 3) + "y";
        }
        return plural.endsWith("s") && !plural.endsWith("ss") ? plural.substring(0, plural.length() - 1) : plural;
    }
}
