package dev.glassbox.core.rag;

import static dev.glassbox.core.rag.QuestionWords.COMMON_VERBS;
import static dev.glassbox.core.rag.QuestionWords.LEADING_ARTICLE;
import static dev.glassbox.core.rag.QuestionWords.LEADING_PREPOSITION;
import static dev.glassbox.core.rag.QuestionWords.PREPOSITION_AT_END;
import static dev.glassbox.core.rag.QuestionWords.WORD;
import static dev.glassbox.core.rag.QuestionWords.asksForAProperty;
import static dev.glassbox.core.rag.QuestionWords.isContentWord;
import static dev.glassbox.core.rag.QuestionWords.singular;
import static dev.glassbox.core.rag.QuestionWords.words;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The thing an elliptical follow-up names ("And the stream worker?", "the Lambda one") in place of the thing the
 * previous question asked about: its focus, the last word that names something.
 */
final class FocusSwap {
    /** A stand-in that closes an elliptical follow-up: "the Lambda one", "later ones", "the server's". */
    private static final Pattern STAND_IN = Pattern.compile("(?i)\\b([\\p{L}\\p{N}_-]+)(?:\\s+(ones?)\\b|'s)(?=[\\s?.!]*$)");
    private static final String DETERMINERS = "a|an|the|one|each|every|any|my|your";
    private static final Pattern LEADING_DETERMINER = Pattern.compile("(?i)^(?:" + DETERMINERS + ")\\s+");
    private static final Pattern DETERMINER_AT_END = Pattern.compile("(?i)\\b(?:" + DETERMINERS + ")\\s+$");

    private FocusSwap() {
    }

    /**
     * The follow-up with a stand-in for the thing the previous question asked about written out: "And the Lambda
     * one?" after "How big is the server jar?" asks about "the Lambda jar", "and later ones?" about "later starts".
     */
    static String theThingFor(String text, String previous) {
        Matcher standIn = STAND_IN.matcher(text);
        if (!standIn.find() || !isContentWord(standIn.group(1))) {
            return text;
        }
        Focus focus = Focus.of(previous);
        if (focus.index() < 0) {
            return text;
        }
        String thing = focus.word(previous);
        return text.substring(0, standIn.start()) + standIn.group(1) + " " + thing + text.substring(standIn.end());
    }

    /**
     * The previous question with its focus, its last word that is not a function word, a common verb or a
     * place (English puts what is asked about last), replaced: "How many questions may one connection send?"
     * and "And each IP address?" make "How many questions may one each IP address send?", which retrieval
     * reads as meant. Null when it has no such word.
     */
    static String swapFocus(String previous, String replacement) {
        Focus found = Focus.of(previous);
        List<int[]> spans = found.spans();
        int focus = found.index();
        List<String> replacing = words(replacement).stream().filter(QuestionWords::isContentWord).toList();
        if (focus < 0 || replacing.stream().allMatch(QuestionWords::asksForAProperty)
                && !asksForAProperty(previous.substring(spans.get(focus)[0], spans.get(focus)[1]))) {
            // A property takes the place of a property ("And the timeout?" after "What is the default port?"); one
            // asked of a thing ("And the cost?" after "How do I deploy it?") is asked of it, beside the question.
            return null;
        }
        if (focus > 0 && previous.substring(spans.get(focus - 1)[0], spans.get(focus - 1)[1]).equalsIgnoreCase("to")) {
            // The focus is a deed ("what JDK do I need to build it?"): the thing is asked the kind, not built.
            String ofThing = QuestionSubject.askedOf(previous, replacement);
            if (ofThing != null) {
                return ofThing;
            }
        }
        return swapAt(previous, spans, focus, replacement, replacing.size());
    }

    /**
     * The previous question with the thing the follow-up names in place of the one of the same kind it named, the
     * kind being the last word both use: "output tokens?" after "…cost per million input tokens?" asks "…cost per
     * million output tokens?", "on a busy machine?" after "…take on an idle machine?" asks "…take on a busy machine?".
     * Null when they share no such word or the follow-up adds no word of its own.
     */
    static String sameKind(String previous, String replacement) {
        List<String> replacing = words(replacement).stream().filter(QuestionWords::isContentWord).toList();
        String asked = RewrittenQuestion.asked(previous);
        Set<String> before = new HashSet<>();
        words(asked).forEach(w -> before.add(w.toLowerCase(Locale.ROOT)));
        if (replacing.size() < 2 || replacing.stream().allMatch(w -> before.contains(w.toLowerCase(Locale.ROOT)))) {
            return null;
        }
        String kind = replacing.get(replacing.size() - 1);
        List<int[]> spans = Focus.of(asked).spans();
        for (int i = spans.size() - 1; i >= 0; i--) {
            // "later starts" are of the kind of "the first start".
            if (singular(asked.substring(spans.get(i)[0], spans.get(i)[1]).toLowerCase(Locale.ROOT))
                    .equals(singular(kind.toLowerCase(Locale.ROOT)))) {
                return swapAt(asked, spans, i, replacement, replacing.size()) + RewrittenQuestion.besides(previous);
            }
        }
        return null;
    }

    /**
     * The question with the word at the focus, and as many content words before it as the replacement has, replaced.
     */
    private static String swapAt(String previous, List<int[]> spans, int focus, String replacement, int size) {
        // A thing named in several words ("the stream worker") takes the place of as many words of the
        // previous question's focus ("route handler"), not of its last word only.
        int first = focus;
        while (first > 0 && focus - first + 1 < size) {
            String before = previous.substring(spans.get(first - 1)[0], spans.get(first - 1)[1]);
            if (!isContentWord(before) || COMMON_VERBS.contains(before.toLowerCase(Locale.ROOT))) {
                break;
            }
            first--;
        }
        String head = previous.substring(0, spans.get(first)[0]);
        // The follow-up's own small words take the place of those before the focus: "…with Nova Lite?" and "And
        // with Claude Sonnet 4?" make one "with", "…for the route handler?" and "And on the stream worker?" an "on".
        Matcher preposition = LEADING_PREPOSITION.matcher(replacement);
        if (preposition.lookingAt()) {
            head = PREPOSITION_AT_END.matcher(head).replaceFirst("");
        } else if (LEADING_DETERMINER.matcher(replacement).lookingAt() && DETERMINER_AT_END.matcher(head).find()) {
            // "…may one connection send?" and "And each IP address?": "each" takes the place of "one".
            head = DETERMINER_AT_END.matcher(head).replaceFirst("");
        } else if (determined(head)) {
            replacement = LEADING_ARTICLE.matcher(replacement).replaceFirst("");
        }
        return head + replacement + previous.substring(spans.get(focus)[1]);
    }

    /**
     * The spans of a question's words and which of them is its focus: its last word that is not a function word, a
     * common verb, a place or a unit (English puts what is asked about last); index -1 when there is none.
     */
    private record Focus(List<int[]> spans, int index) {
        static Focus of(String question) {
            // Neither a place nor a unit ("per answer") is what is asked about: a thing takes a thing's place.
            List<int[]> places = new ArrayList<>();
            for (Pattern aside : List.of(Places.PLACE, Units.UNIT)) {
                Matcher place = aside.matcher(question);
                while (place.find()) {
                    places.add(new int[] {place.start(), place.end()});
                }
            }
            Matcher word = WORD.matcher(question);
            List<int[]> spans = new ArrayList<>();
            int focus = -1;
            while (word.find()) {
                String lower = word.group().toLowerCase(Locale.ROOT);
                int at = word.start();
                spans.add(new int[] {word.start(), word.end()});
                // "ranked" in "How are passages ranked?" says what is done to the thing asked about.
                if (isContentWord(lower) && !COMMON_VERBS.contains(lower) && !QuestionSubject.isParticiple(lower)
                        && places.stream().noneMatch(p -> at >= p[0] && at < p[1])) {
                    focus = spans.size() - 1;
                }
            }
            return new Focus(spans, focus);
        }

        String word(String question) {
            return question.substring(spans.get(index)[0], spans.get(index)[1]);
        }
    }

    /**
     * Whether the text ends in a noun phrase's article and the words that describe the noun: "…does the ", "What
     * is the default ", so the thing put after it needs no article of its own.
     */
    static boolean determined(String head) {
        List<String> words = words(head);
        for (int i = words.size() - 1; i >= 0; i--) {
            String word = words.get(i);
            if (LEADING_ARTICLE.matcher(word + " ").matches()) {
                return true;
            }
            if (!isContentWord(word)) {
                return false;
            }
        }
        return false;
    }
}
