package dev.glassbox.core.rag;

import static dev.glassbox.core.rag.QuestionWords.LEANING;
import static dev.glassbox.core.rag.QuestionWords.isContentWord;
import static dev.glassbox.core.rag.QuestionWords.SETTING;
import static dev.glassbox.core.rag.QuestionWords.SMALL_TALK;
import static dev.glassbox.core.rag.QuestionWords.CONTRACTED;
import static dev.glassbox.core.rag.QuestionWords.COMMON_VERBS;
import static dev.glassbox.core.rag.QuestionWords.fragment;
import static dev.glassbox.core.rag.QuestionWords.words;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What in a message shows that it leans on the previous question rather than asking one of its own, and so whether
 * it is a follow-up: it is short and opens with a continuation ("and", "what about", "why"), points back ("it",
 * "that"), leans on what was said ("mine", "both"), names no subject of its own, only a property or a setting ("Which
 * port?", "Can I change the port?"), or nothing the previous question did not name ("How many are kept?"),
 * chooses among what the previous question listed, names only a place ("Locally?"), or is only a phrase that makes no
 * question alone ("Claude Sonnet 4", "on Windows").
 *
 * @param text the message without an opening acknowledgement, a correction read as "and …"
 * @param asked the text without a closing word that only marks a contrast ("then", "instead")
 * @param content its content words, leaving out a unit ("per answer")
 * @param pointsBack whether it points back with "it", "that", "those" …
 * @param subjectless whether its content words only ask for a property or are common verbs
 * @param elliptical whether it is only a phrase, without a question word or a verb ("Claude Sonnet 4", "on Windows"):
 *     read as if it opened with "and", so what it names is asked of the previous question
 * @param echoes whether its content words, besides properties, settings and common verbs, are all the previous
 *     question's ("How many are kept?" after "How long are conversation turns kept?")
 */
record FollowUpSigns(String text, String asked, List<String> content, boolean pointsBack, boolean leans,
        boolean continues, boolean subjectless, boolean chooses, boolean placeOnly, boolean elliptical,
        boolean echoes) {
    /** A follow-up names at most this many content words of its own; a longer question stands alone. */
    private static final int MAX_FOLLOW_UP_CONTENT_WORDS = 4;
    private static final Pattern CONTINUATION = Pattern.compile(
            "^(?:and|but|also|so|then|or|what about|how about|what if|(?:the )?same (?:for|goes for|on|in)|likewise|as for|why|"
                    + "how come|really|compared (?:to|with)|versus|vs|unlike|relative to)\\b",
            Pattern.CASE_INSENSITIVE);
    /** "Ok, and …", "Alright so …": an acknowledgement of the answer before the follow-up itself. */
    static final Pattern ACKNOWLEDGEMENT = Pattern.compile("^(?:ok|okay|alright|all right|right|cool|great|"
            + "nice|got it|i see|thanks|thank you)\\b[\\s,.!]*(?=\\S)", Pattern.CASE_INSENSITIVE);
    /**
     * "no, the local API Gateway", "sorry, I meant the worker": a correction of what the previous question asked
     * about, which names the thing meant instead, as "and the local API Gateway?" would.
     */
    private static final Pattern CORRECTION = Pattern.compile("(?i)^(?:(?:no|nope|not quite|not that one|sorry)"
            + "\\s*[,.!;:]\\s*(?:I meant?\\s+)?|no\\s+I meant?\\s+)(?=\\S)");
    /**
     * Words that make a question or an order of a phrase: a question word, an auxiliary, a subject that does
     * something ("I", "we"), or a verb that opens an order ("explain BM25", "tell me about SnapStart").
     */
    private static final Set<String> ASKING_OR_ORDERING = Set.of("what", "which", "who", "whom", "whose", "when",
            "where", "why", "how", "is", "are", "was", "were", "be", "been", "am", "do", "does", "did", "can", "could",
            "will", "would", "should", "shall", "may", "might", "must", "has", "have", "had", "i", "we", "you", "he",
            "she", "tell", "explain", "describe", "show", "list", "give", "compare", "define", "summarise",
            "summarize", "help", "please");
    private static final Set<String> ARTICLES = Set.of("a", "an", "the");
    /** A word that closes a follow-up only to mark the contrast: "What about in the cloud then?". */
    static final Pattern CLOSING_MARKER = Pattern.compile("(?i)[\\s,]+(?:then|instead|too|as well)(?=\\W*$)");

    static FollowUpSigns of(String question, String previous) {
        // "Ok, and to stop it?": the acknowledgement says nothing about what is asked.
        String said = CORRECTION.matcher(ACKNOWLEDGEMENT.matcher(question.strip()).replaceFirst(""))
                .replaceFirst("and ");
        // "Claude Sonnet 4" after "What does one answer cost with Nova Lite?" asks what "And Claude Sonnet 4?" asks;
        // a place alone ("Locally?") is read as a place.
        boolean elliptical = onlyAPhrase(said) && !Places.onlyPlace(said);
        String text = elliptical ? "and " + said : said;
        // "What about in the cloud then?", "And on my own machine instead?": the closing word only marks a contrast.
        String asked = CLOSING_MARKER.matcher(text).replaceFirst("");
        List<String> content = words(Units.UNIT.matcher(text).replaceAll(" ")).stream()
                .filter(QuestionWords::isContentWord).toList();
        // "What if mine is longer?", "what do other names get?": the words mean more of what was just said.
        boolean leans = words(text).stream().anyMatch(w -> LEANING.contains(w.toLowerCase(Locale.ROOT)));
        // "On which architecture?": only what is asked, without a verb, is asked of what the previous question was.
        boolean continues = CONTINUATION.matcher(text).find() || fragment(asked);
        boolean subjectless = content.stream()
                .allMatch(w -> QuestionWords.asksForAProperty(w) || SETTING.contains(w.toLowerCase(Locale.ROOT)));
        // "Which is cheapest?" after "Which models are available?" chooses among what that question listed.
        boolean chooses = Choice.chooses(asked, previous);
        // "In the cloud too?", "Locally?": only a place, asked of what the previous question asked about.
        boolean placeOnly = Places.onlyPlace(asked);
        return new FollowUpSigns(text, asked, content, QuestionWords.pointsBack(text), leans, continues, subjectless,
                chooses, placeOnly, elliptical, echoes(content, previous));
    }

    /**
     * Whether the text is only a phrase: a name, a thing or a phrase with a preposition ("Claude Sonnet 4", "the
     * guardrail", "on Windows", "per month"), with no word that asks or orders, no verb and not only small talk. It
     * makes no question alone, so it can only ask the previous question of what it names. A participle is a verb
     * ("No API key needed?").
     */
    private static boolean onlyAPhrase(String text) {
        List<String> words = words(text).stream()
                .map(w -> CONTRACTED.matcher(w.toLowerCase(Locale.ROOT)).replaceFirst("")).toList();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            // "a finished answer" describes the answer; "needed" in "No API key needed?" is what is asked. A participle
            // that opens the message before a preposition ("built for Linux only?") only describes what was asked about.
            boolean verb = COMMON_VERBS.contains(word) || QuestionSubject.isParticiple(word)
                    && !(i == 0 && Swaps.opensWithAParticiple(text)) && (i == 0 || !ARTICLES.contains(words.get(i - 1)));
            if (verb || ASKING_OR_ORDERING.contains(word) || LEANING.contains(word)) {
                return false;
            }
        }
        // A phrase that opens with "and", points back or leans on the answer ("the Lambda one", "mine") is read by
        // those words.
        return !CONTINUATION.matcher(text).find() && !QuestionWords.pointsBack(text)
                && words.stream().anyMatch(w -> isContentWord(w) && !SMALL_TALK.contains(w));
    }

    /**
     * Whether the question only says again what the previous question named, besides a property, a setting or a
     * common verb: "How many are kept?" after "How long are conversation turns kept?", "Is the wait configurable?"
     * after "How long does a stopping server wait …?". It names no subject of its own, so it asks about that one.
     */
    private static boolean echoes(List<String> content, String previous) {
        Set<String> before = new HashSet<>();
        words(previous).forEach(w -> before.add(QuestionWords.singular(w.toLowerCase(Locale.ROOT))));
        List<String> own = content.stream().map(w -> w.toLowerCase(Locale.ROOT))
                .filter(w -> !QuestionWords.asksForAProperty(w) && !SETTING.contains(w)).toList();
        return !own.isEmpty() && own.stream().allMatch(w -> before.contains(QuestionWords.singular(w)));
    }

    /** Whether the message is a follow-up to the previous question, rewritten to stand alone. */
    boolean followUp(String previous) {
        boolean leansOn = continues || pointsBack || leans || chooses;
        return content.size() <= MAX_FOLLOW_UP_CONTENT_WORDS && (leansOn || subjectless || placeOnly || echoes)
                && (leansOn || !asksTheSameOfAnotherThing(content, previous));
    }

    /**
     * Whether the question asks what the previous one asked, of another thing: "What is the default port?" after
     * "What is the default backend?" shares its frame, not its subject, and stands alone.
     */
    private static boolean asksTheSameOfAnotherThing(List<String> content, String previous) {
        Set<String> own = new HashSet<>();
        content.forEach(w -> own.add(w.toLowerCase(Locale.ROOT)));
        Set<String> before = new HashSet<>();
        words(previous).stream().filter(QuestionWords::isContentWord)
                .forEach(w -> before.add(w.toLowerCase(Locale.ROOT)));
        Set<String> added = new HashSet<>(own);
        added.removeAll(before);
        Set<String> dropped = new HashSet<>(before);
        dropped.removeAll(own);
        return own.size() > 1 && added.size() == 1 && dropped.size() == 1;
    }
}
