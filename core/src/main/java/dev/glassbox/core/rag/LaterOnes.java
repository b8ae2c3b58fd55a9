package dev.glassbox.core.rag;

import static dev.glassbox.core.rag.QuestionWords.COMMON_VERBS;
import static dev.glassbox.core.rag.QuestionWords.WORD;
import static dev.glassbox.core.rag.QuestionWords.isContentWord;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A follow-up about the later ones ("and the next ones?") of the first one the previous question asked about. */
final class LaterOnes {
    /**
     * "and the next ones?", "what about later ones?", "the ones after that?", "and the rest?": the ones after the
     * first of what the previous question asked about (group "one" when only one is meant).
     */
    private static final Pattern LATER_ONES = Pattern.compile("(?i)^(?:(?:and|but|so|then|what about|how about)\\s+)?"
            + "(?:the\\s+)?(?:(?:next|following|subsequent|later|other|remaining)\\s+(?:ones|(?<one>one))|ones\\s+after"
            + "(?:wards)?(?:\\s+(?:that|it|this|those))?|rest)[\\s?.!]*");
    /** "the first start", "the very first Lambda jar": a question asked of the first of several. */
    private static final Pattern FIRST = Pattern.compile("(?i)\\b(?:the\\s+)?(?:very\\s+)?(?:first|initial)\\b");
    /** A verb that agrees with one thing, closing the text: it becomes the plural's when the thing after it does. */
    private static final Pattern SINGULAR_VERB_AT_END = Pattern.compile("(?i)\\b(does|is|was|has)\\s+$");
    private static final Map<String, String> PLURAL_VERBS = Map.of("does", "do", "is", "are", "was", "were", "has",
            "have");

    private LaterOnes() {
    }

    /**
     * The previous question asked of the later ones of what it asked the first of: "how long does the first start
     * take?" and "and the next ones?" make "how long do later starts take?". Null when the follow-up asks for no
     * later ones or the previous question asked of no first one.
     */
    static String laterOnes(String text, String previous) {
        Matcher ones = LATER_ONES.matcher(text.strip());
        int besides = previous.indexOf(" (");
        String asked = besides < 0 ? previous : previous.substring(0, besides);
        Matcher first = FIRST.matcher(asked);
        if (!ones.matches() || !first.find()) {
            return null;
        }
        // What the first one is of: the words after it up to a verb or a small word ("the first Lambda jar was").
        // A place only describes the thing when a noun follows it ("the first Lambda jar", not "the first start locally").
        List<int[]> spans = new ArrayList<>();
        Matcher word = WORD.matcher(asked);
        word.region(first.end(), asked.length());
        while (word.find() && isContentWord(word.group()) && !COMMON_VERBS.contains(word.group().toLowerCase(Locale.ROOT))) {
            spans.add(new int[] {word.start(), word.end()});
        }
        int end = first.end();
        for (int i = 0; i < spans.size(); i++) {
            boolean place = Places.PLACE.matcher(asked.substring(spans.get(i)[0], spans.get(i)[1])).matches();
            if (place && i == spans.size() - 1) {
                break;
            }
            end = spans.get(i)[1];
        }
        if (end == first.end()) {
            return null;
        }
        String head = asked.substring(0, first.start());
        Matcher verb = SINGULAR_VERB_AT_END.matcher(head);
        // "does the first start take" becomes "do later starts take": the subject is now several.
        boolean subject = verb.find() && ones.group("one") == null;
        String thing = asked.substring(first.end(), end).strip();
        String later = subject ? "later " + plural(thing) : "a later " + thing;
        head = subject ? head.substring(0, verb.start(1)) + PLURAL_VERBS.get(verb.group(1).toLowerCase(Locale.ROOT))
                + head.substring(verb.end(1)) : head;
        return head + later + asked.substring(end);
    }

    /** "start" → "starts", "policy" → "policies", "pass" → "passes". */
    private static String plural(String noun) {
        if (noun.matches("(?i).*(?:s|x|z|sh|ch)")) {
            return noun + "es";
        }
        return noun.matches("(?i).*[^aeiou]y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
    }
}
