package dev.glassbox.core.rag;

import static dev.glassbox.core.rag.QuestionWords.COMMON_VERBS;
import static dev.glassbox.core.rag.QuestionWords.QUESTION_END;
import static dev.glassbox.core.rag.QuestionWords.WORD;
import static dev.glassbox.core.rag.QuestionWords.isContentWord;
import static dev.glassbox.core.rag.QuestionWords.singular;
import static dev.glassbox.core.rag.QuestionWords.words;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The unit an amount is asked in ("per token", "per month"): a follow-up that names only a unit asks the previous
 * question in it ("And per answer?").
 */
final class Units {
    /**
     * The unit an amount is asked in ("per token", "per million output tokens", "per month"): what the
     * question asks of its subject, not the subject.
     */
    static final Pattern UNIT = Pattern.compile("(?i)\\bper\\s+(?:(?:a|an|one|each|every|single|million|"
            + "thousand|billion|hundred|\\d[\\d,.]*|input|output)\\s+)*\\p{L}+(?:\\s+(?:units?|tokens?|messages?|"
            + "characters?|requests?|calls?)\\b)?");
    /** A question that asks for an amount: what a follow-up's "that" then stands for. */
    private static final Pattern AMOUNT_ASKED = Pattern.compile("(?i)\\bhow\\s+(?:much|many)\\b|\\bper\\s|\\b(?:cost|"
            + "price|charge|pay|spend|bill)");
    /** Words that only ask what an amount comes to: "what does that come to", "add up to", "work out at". */
    private static final Set<String> AMOUNTING = Set.of("add", "adds", "total", "totals", "amount", "amounts", "sum",
            "work", "works", "come", "comes", "much", "many");
    /** Determiners that count one of a thing ("an answer", "one IP address"): what an amount is asked per. */
    private static final Set<String> COUNTING = Set.of("a", "an", "one", "each", "every");
    /** Determiners a follow-up names a thing counted one at a time with ("one connection?", "each socket?"). */
    private static final Set<String> ONE_AT_A_TIME = Set.of("one", "each", "every");
    /** "across all my connections", "over the whole server" (group 1 what is taken together). */
    private static final Pattern ACROSS = Pattern.compile("(?i)(?:across|over|among|throughout)\\s+(.+)");
    /** A verb of "do" or a modal before the thing counted: its subject's verb comes after it. */
    private static final Pattern INVERTED = Pattern.compile("(?i)\\b(?:does|do|did|can|could|may|might|must|will|would|"
            + "should|shall)\\s+\\p{L}+\\s*$");
    private static final Set<String> PERIODS = Set.of("second", "minute", "hour", "day", "week", "month", "year");

    private Units() {
    }

    /**
     * The previous question asked in another unit, which takes the place of the one it asked in: its "per token",
     * or the thing a determiner counts one of ("What does an idle month cost?" and "And per answer?" make "What
     * does an answer cost?", "one IP address" becomes "one connection"). A question with neither gets the unit added
     * ("How much does the stack cost per month?"). A unit is never what is priced, nor takes a name's place.
     */
    static String inUnit(String previous, String unit) {
        int besides = previous.indexOf(" (");
        String asked = besides < 0 ? previous : previous.substring(0, besides);
        String rest = besides < 0 ? "" : previous.substring(besides);
        // "while idle" goes with "per month", not with "per answer": nothing is idle while it answers.
        asked = period(lastWord(unit)) ? asked : Conditions.withoutState(asked);
        Matcher old = UNIT.matcher(asked);
        if (old.find()) {
            return asked.substring(0, old.start()) + unit + asked.substring(old.end()) + rest;
        }
        String noun = unit.replaceFirst("(?i)^per\\s+", "");
        Matcher word = WORD.matcher(asked);
        while (word.find()) {
            String determiner = word.group().toLowerCase(Locale.ROOT);
            if (!COUNTING.contains(determiner)) {
                continue;
            }
            int end = countedEnd(asked, word.end());
            String last = lastWord(asked.substring(word.end(), end));
            // A period is added to what is counted ("an answer … per month"), not put in its place.
            if (end > word.end() && !(period(lastWord(noun)) && !period(last))) {
                String article = !determiner.startsWith("a") ? word.group()
                        : "aeiou".indexOf(Character.toLowerCase(noun.charAt(0))) >= 0 ? "an" : "a";
                return asked.substring(0, word.start()) + article + " " + noun + asked.substring(end) + rest;
            }
        }
        return QUESTION_END.matcher(asked.strip()).replaceFirst("") + " " + unit + "?" + rest;
    }

    /**
     * The previous question asked in the unit a follow-up names beside words that only point back or ask what the
     * amount comes to: "what is that per answer?" and "and what does that come to per 1,000 answers?" after "What does
     * Claude Sonnet 4 cost per million output tokens?" ask what Claude Sonnet 4 costs per answer, or per 1,000
     * answers; the unit asked for is the point, not the one asked before. Null when the follow-up names no unit or
     * names anything else, or the previous question asked for no amount.
     */
    static String askedIn(String followUp, String previous) {
        Matcher unit = UNIT.matcher(followUp);
        // "how much does it add per answer?" after "Does the cloud version use a guardrail?" asks about the guardrail.
        if (!unit.find() || !AMOUNT_ASKED.matcher(RewrittenQuestion.asked(previous)).find()) {
            return null;
        }
        // "why is there a limit per address?" asks about a limit, not what the amount comes to per address.
        String rest = followUp.substring(0, unit.start()) + " " + followUp.substring(unit.end());
        boolean onlyAsking = words(rest).stream().map(w -> w.toLowerCase(Locale.ROOT))
                .allMatch(w -> !isContentWord(w) && !w.equals("why") || COMMON_VERBS.contains(w) || AMOUNTING.contains(w));
        return onlyAsking ? inUnit(previous, unit.group()) : null;
    }

    /**
     * The previous question asked of another thing counted one at a time, in place of the thing it counted: "one
     * connection?" after "How much feedback may one client address send?" asks "How much feedback may one connection
     * send?". Null when the follow-up does not open with "one", "each", "every", "per" or "across", or the previous
     * question counts nothing.
     */
    static String ofAnotherCounted(String previous, String thing) {
        // "across all my connections?" after "How many questions can one connection send?": all of them together take
        // the place of the one the previous question counted.
        Matcher across = ACROSS.matcher(thing);
        boolean together = across.matches();
        thing = together ? across.group(1) : thing;
        Matcher first = WORD.matcher(thing);
        if (!first.find()) {
            return null;
        }
        String opening = first.group().toLowerCase(Locale.ROOT);
        // "per IP address?" after "…limits on each connection?" counts its thing one at a time as "each" does: it
        // takes the place of what "each" counted, with that "each".
        boolean per = opening.equals("per");
        if (!ONE_AT_A_TIME.contains(opening) && !per && !together) {
            return null;
        }
        String asked = RewrittenQuestion.asked(previous);
        Matcher word = WORD.matcher(asked);
        while (word.find()) {
            String determiner = word.group().toLowerCase(Locale.ROOT);
            int end = (per ? ONE_AT_A_TIME : COUNTING).contains(determiner) ? countedEnd(asked, word.end()) : -1;
            if (end > word.end()) {
                return asked.substring(0, word.start()) + (per ? word.group() + thing.substring(first.end()) : thing)
                        + asked.substring(end) + RewrittenQuestion.besides(previous);
            }
        }
        return null;
    }

    /** Where what a determiner counts one of ends: the words after it up to a verb, a small word or a place. */
    private static int countedEnd(String asked, int from) {
        // "one IP address send": what is counted is "IP address".
        int end = from;
        int last = from;
        int words = 0;
        Matcher counted = WORD.matcher(asked);
        counted.region(from, asked.length());
        while (counted.find() && isContentWord(counted.group()) && !Places.PLACE.matcher(counted.group()).matches()
                && !COMMON_VERBS.contains(counted.group().toLowerCase(Locale.ROOT))) {
            last = end;
            end = counted.end();
            words++;
        }
        // "How many sockets may each client address hold?": after "may" or "does", the question's last word is
        // the counted thing's verb.
        boolean verbLast = words > 1 && QUESTION_END.matcher(asked.substring(end)).replaceFirst("").isEmpty()
                && INVERTED.matcher(asked.substring(0, from)).find();
        return verbLast ? last : end;
    }

    private static String lastWord(String text) {
        List<String> words = words(text);
        return words.isEmpty() ? "" : words.get(words.size() - 1);
    }

    /** Whether the word names a span of time ("month", "hours"), which an amount may be asked per. */
    private static boolean period(String word) {
        return PERIODS.contains(singular(word.toLowerCase(Locale.ROOT)));
    }
}
