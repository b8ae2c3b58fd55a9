package dev.glassbox.core.rag;

import static dev.glassbox.core.rag.QuestionWords.POINTING_AT_NOTHING;
import static dev.glassbox.core.rag.QuestionWords.QUESTION_END;
import static dev.glassbox.core.rag.QuestionWords.SETTING;
import static dev.glassbox.core.rag.QuestionWords.WORD;
import static dev.glassbox.core.rag.QuestionWords.asksForAProperty;
import static dev.glassbox.core.rag.QuestionWords.isContentWord;
import static dev.glassbox.core.rag.QuestionWords.words;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a follow-up's "it", "that" or "those" stands for: written out as the previous question's subject ("where is
 * the daily budget set?"), or as Glassbox after a declined question; and the things it names after "that".
 */
final class PointingBack {
    /** Words that stand for a thing, as a subject or object: "where is it set?", "how long are they kept?". */
    private static final Set<String> PRONOUNS = Set.of("it", "they", "them");
    /** Words that stand for a thing unless a noun follows them ("that folder"). */
    private static final Set<String> DEMONSTRATIVES = Set.of("that", "this", "these", "those");
    /**
     * "does that take", "would it cost": a deed the follow-up asks about, by a verb whose subject can be a deed (in
     * "which port does it use?", "it" is a thing).
     */
    private static final Pattern DOING_THAT = Pattern.compile("(?i)\\b(?:does|do|did|will|would|can|could|should|might)"
            + "\\s+(that|it|this)\\s+(?:take|cost|need|require|last|involve)\\b");

    /** "the port", "the size": a thing named with "the", which may be a property of what was asked about. */
    private static final Pattern THE_WORD = Pattern.compile("(?i)\\bthe\\s+(\\p{L}+)\\b");

    private PointingBack() {
    }

    /**
     * The follow-up with the word that points back written out as the previous question's subject: "where is it
     * set?" → "where is the daily budget set?"; after a deed ("How do I run the tests?"), "how long does that
     * take?" → "how long does it take to run the tests?". Null when it has no such word.
     */
    static String writtenOut(String own, QuestionSubject subject) {
        if (subject.deed()) {
            Matcher doing = DOING_THAT.matcher(own);
            if (!doing.find()) {
                return null;
            }
            String asked = QUESTION_END.matcher(own.substring(doing.end())).replaceFirst("");
            return own.substring(0, doing.start(1)) + "it" + own.substring(doing.end(1), doing.end()) + asked + " to "
                    + subject.phrase() + "?";
        }
        Matcher word = WORD.matcher(own);
        while (word.find()) {
            String lower = word.group().toLowerCase(Locale.ROOT);
            if (subject.thing() && lower.startsWith("it") && several(subject.phrase())) {
                // "it" after "do the lambdas use snapstart?" is not the lambdas.
                return null;
            }
            if (lower.equals("it's")) {
                // "when it's reached" → "when the spending limit is reached".
                return own.substring(0, word.start()) + subject.phrase() + " is" + own.substring(word.end());
            }
            if (PRONOUNS.contains(lower) || DEMONSTRATIVES.contains(lower) && !namesAThingAfter(own, word.end())) {
                return own.substring(0, word.start()) + subject.phrase() + own.substring(word.end());
            }
        }
        return null;
    }

    /**
     * The follow-up with the property the previous question asked of its subject written out with that subject: "Can I
     * change the port?" after "What port does the local API Gateway listen on?" asks to change "the port the local API
     * Gateway listens on", not the server's. Null when it names no such property with "the".
     */
    static String propertyWrittenOut(String own, QuestionSubject subject) {
        Matcher property = THE_WORD.matcher(own);
        while (property.find()) {
            if (subject.phrase().toLowerCase(Locale.ROOT).startsWith(property.group().toLowerCase(Locale.ROOT) + " ")
                    && asksForAProperty(property.group(1))) {
                return own.substring(0, property.start()) + subject.phrase() + own.substring(property.end());
            }
        }
        return null;
    }

    /** Whether the text asks for one of several ("Which one?", "the faster ones?"), not "one connection". */
    static boolean choosesOne(String own) {
        List<String> words = words(own);
        for (int i = 0; i < words.size(); i++) {
            boolean one = words.get(i).equalsIgnoreCase("one") || words.get(i).equalsIgnoreCase("ones");
            if (one && (i + 1 == words.size() || !isContentWord(words.get(i + 1)))) {
                return true;
            }
        }
        return false;
    }

    /** The text with its first "it" or "its" that points back written out as Glassbox; null when it has none. */
    static String aboutGlassbox(String text) {
        String masked = POINTING_AT_NOTHING.matcher(text).replaceAll(m -> " ".repeat(m.group().length()));
        Matcher word = WORD.matcher(masked);
        while (word.find()) {
            String lower = word.group().toLowerCase(Locale.ROOT);
            if (lower.equals("it") || lower.equals("its")) {
                return text.substring(0, word.start()) + (lower.equals("it") ? "Glassbox" : "Glassbox's")
                        + text.substring(word.end());
            }
        }
        return null;
    }

    /** Whether "that" opens a noun phrase ("that folder") rather than standing for one ("where is that set?"). */
    /** The things the text names after "that", "this", "these" or "those" ("that budget"), in its own words. */
    static List<String> pointedAt(String text) {
        List<String> named = new ArrayList<>();
        Matcher word = WORD.matcher(text);
        while (word.find()) {
            if (DEMONSTRATIVES.contains(word.group().toLowerCase(Locale.ROOT)) && namesAThingAfter(text, word.end())
                    && word.find()) {
                named.add(word.group());
            }
        }
        return named;
    }

    private static boolean namesAThingAfter(String text, int at) {
        Matcher next = WORD.matcher(text);
        if (!next.find(at)) {
            return false;
        }
        String word = next.group();
        // "is that configurable?": a word that says it can be set names no thing.
        return isContentWord(word) && !asksForAProperty(word) && !SETTING.contains(word.toLowerCase(Locale.ROOT))
                && !QuestionSubject.isParticiple(word);
    }

    /** Whether a phrase names several things by its head noun: "the lambdas", but not "the access" or "the guardrail of the lambdas". */
    private static boolean several(String phrase) {
        String head = phrase.split(" (?:of|for) ")[0].strip().toLowerCase(Locale.ROOT);
        return head.endsWith("s") && !head.endsWith("ss");
    }
}
