package dev.glassbox.core.rag;

import static dev.glassbox.core.rag.QuestionWords.ASKING;
import static dev.glassbox.core.rag.QuestionWords.LEADING_ARTICLE;
import static dev.glassbox.core.rag.QuestionWords.LEADING_PREPOSITION;
import static dev.glassbox.core.rag.QuestionWords.PREPOSITIONS;
import static dev.glassbox.core.rag.QuestionWords.PREPOSITION_AT_END;
import static dev.glassbox.core.rag.QuestionWords.QUESTION_END;
import static dev.glassbox.core.rag.QuestionWords.isContentWord;
import static dev.glassbox.core.rag.QuestionWords.names;
import static dev.glassbox.core.rag.QuestionWords.pointsBack;
import static dev.glassbox.core.rag.QuestionWords.words;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The previous question with what an elliptical follow-up names written in place of what it named: another name
 * ("And with Claude Sonnet 4?"), the other place, a unit, a phrase with a preposition ("what about by e-mail?"), a
 * part of Glassbox, or the thing asked about ({@link FocusSwap}).
 */
final class Swaps {
    /** "And the cloud?", "What about in the cloud?": a cue, then only the thing asked about instead. */
    private static final Pattern ELLIPSIS = Pattern.compile(
            "(?i)(?:and what about|and how about|what about|how about|(?:and )?(?:the )?same (?:for|goes for|(?=on|in))|likewise for|"
                    + "as for|and|or)\\b[\\s,]*((?:[^?\\s]+\\s*){1,5})\\?*\\s*");
    /**
     * A thing described by what "it" does with it: "the address it listens on", "the folder they are kept in". The
     * "it" is part of the description, so the phrase names a thing instead of pointing back.
     */
    private static final Pattern DESCRIBED = Pattern.compile("(?i)^(?:the|a|an|its|their)\\s+([\\p{L}\\p{N}_-]+)"
            + "(?:\\s+[\\p{L}\\p{N}_-]+)?\\s+(?:that\\s+|which\\s+)?(?:it|they)\\s+\\p{L}+.*");
    /**
     * The parts of Glassbox a question can be asked of ("on the local API gateway", "the route handler"): one named
     * alone in a follow-up takes the place of the part the previous question named, or is where it is asked.
     */
    private static final Pattern COMPONENT = Pattern.compile("(?i)\\b(?:(?:local\\s+)?(?:api\\s+)?gateway|(?:route\\s+)?handler|"
            + "(?:stream\\s+)?worker|lambdas|lambda\\s+functions?|(?:local\\s+)?server)\\b");
    /** The letters of a word that stand for its forms ("local" for "locally"). */
    private static final int WORD_START = 5;
    /**
     * A participle that opens a phrase before its preposition ("built for Linux only", "running on Lambda", "measured
     * in AWS"): it describes what the previous question asked about under a circumstance, and asks nothing itself.
     */
    private static final Pattern PARTICIPLE_OPENING = Pattern.compile("(?i)^\\W*(\\p{L}+)\\s+(?=(?:"
            + String.join("|", PREPOSITIONS) + ")\\s)");
    /** "the other one", "the other runtime": what one of the two places Glassbox runs in is called. */
    private static final Pattern OTHER_PLACE = Pattern.compile("(?i)(?:on |in |for |with )?(?:the )?other\\s+(?:one|"
            + "runtime|place|side|version|deployment|environment|setup|mode)\\W*");
    private static final Pattern PRESENT_PARTICIPLE = Pattern.compile("(?i)\\p{L}{2,}ing");

    private Swaps() {
    }

    /**
     * The previous question with what the follow-up names in place of something it named: another name
     * ("And with Claude Sonnet 4?"), the other place where Glassbox runs ("And in the cloud?"), or the thing
     * an elliptical follow-up asks about instead ("And the stream worker?"), one of the same kind ("output tokens?"
     * after "…per million input tokens?"), or a circumstance ("on Windows"). Null when it names nothing instead.
     *
     * @param phraseOnly whether the follow-up is only a phrase, without "and" or "what about": it then never takes
     *     the place of the previous question's last word unless it names a thing of the same kind
     */
    static String swapped(String text, String previous, boolean phraseOnly) {
        List<String> newNames = names(text);
        // A place is swapped for a place only, and a thing for a thing: "And for the Lambda functions?" does not
        // replace "Java", "AWS" replaces the "Azure" of "Can I run it on Azure?", and "And with Claude Sonnet 4?"
        // replaces the "Nova Lite" of "…run on AWS with Nova Lite?", not its "AWS".
        Matcher named = Places.PLACE.matcher(String.join(" ", newNames));
        // "the AWS SDK" names a thing, not the place "AWS".
        boolean place = named.matches();
        List<String> oldNames = names(previous).stream()
                .filter(old -> !newNames.contains(old) && Places.wherePlaced(old, previous) == place).toList();
        // "on the local API Gateway" names a part of Glassbox, which takes the place of a part, not of a name.
        boolean part = namesAPart(text);
        if (!newNames.isEmpty() && oldNames.size() == 1 && !part) {
            String phrase = namingPhrase(text, newNames);
            String swapped = phrase == null ? previous.replace(oldNames.get(0), String.join(" and ", newNames))
                    : inPlaceOfName(previous, oldNames.get(0), phrase);
            return place ? Places.verbs(swapped, named.group("cloud") != null) : swapped;
        }
        Matcher elliptical = ELLIPSIS.matcher(text);
        if (elliptical.matches() && words(elliptical.group(1)).stream()
                .anyMatch(w -> w.equalsIgnoreCase("other") || w.equalsIgnoreCase("another"))) {
            // "and the other function?" names no thing to write in: it leans on what the previous answer named. But
            // Glassbox runs in two places, so "the other one" after a question about one place asks of the other.
            Matcher before = Places.PLACE.matcher(previous);
            return OTHER_PLACE.matcher(elliptical.group(1)).matches() && before.find()
                    ? Places.askedThere(previous, before.group("cloud") != null ? "locally" : "in the cloud") : null;
        }
        String replacement;
        if (elliptical.matches() && (!pointsBack(elliptical.group(1)) || describes(elliptical.group(1)))
                && words(elliptical.group(1)).stream().noneMatch(w -> ASKING.contains(w.toLowerCase(Locale.ROOT)))) {
            replacement = elliptical.group(1).strip();
        } else if (Places.onlyPlace(text)) {
            // "Locally?", "In the cloud?": capitalised only as the question's first word.
            replacement = QUESTION_END.matcher(text.strip()).replaceFirst("");
            String first = words(replacement).get(0);
            if (!isContentWord(first) || first.length() > 1 && Character.isLowerCase(first.charAt(1))
                    && Places.PLACE.matcher(first).matches() && !Places.RUNTIME.matcher(first).matches()) {
                replacement = Character.toLowerCase(replacement.charAt(0)) + replacement.substring(1);
            }
        } else {
            return null;
        }
        Matcher participle = PARTICIPLE_OPENING.matcher(replacement);
        if (opensWithAParticiple(replacement) && participle.lookingAt()) {
            // "running on Lambda?" asks the previous question there; "built for Linux only?" of the thing so built.
            String circumstance = replacement.substring(participle.end());
            String there = Places.onlyPlace(circumstance) ? Places.askedThere(previous, circumstance) : null;
            return there != null ? there : inCircumstance(previous, replacement);
        }
        String there = Places.askedThere(previous, replacement);
        if (there != null) {
            return there;
        }
        if (Units.UNIT.matcher(replacement).matches()) {
            return Units.inUnit(previous, replacement);
        }
        String otherWay = part ? null : inPlaceOfNamed(previous, replacement);
        if (otherWay != null) {
            return otherWay;
        }
        String component = ofComponent(previous, replacement);
        if (component != null) {
            return component;
        }
        String counted = Units.ofAnotherCounted(previous, replacement);
        if (counted != null) {
            return counted;
        }
        String sameKind = FocusSwap.sameKind(previous, replacement);
        if (sameKind != null) {
            return sameKind;
        }
        if (LEADING_PREPOSITION.matcher(replacement).lookingAt()) {
            return inCircumstance(previous, replacement);
        }
        // A phrase said without "and" may name a thing of another kind than the previous question's last word ("the
        // guardrail" after "What does the model cost per answer with Nova Lite?"): asked beside that question.
        return phraseOnly ? null : FocusSwap.swapFocus(previous, replacement);
    }

    /** Whether the text opens with a participle before a preposition: "built for Linux only", "running on Lambda". */
    static boolean opensWithAParticiple(String text) {
        Matcher opening = PARTICIPLE_OPENING.matcher(text);
        return opening.lookingAt() && isContentWord(opening.group(1)) && (QuestionSubject.isParticiple(opening.group(1))
                || PRESENT_PARTICIPLE.matcher(opening.group(1)).matches());
    }

    /**
     * The previous question with the phrase that named its one name asked in another way: "Can it text me on WhatsApp
     * when the bill grows?" and "what about by e-mail?" make "Can it text me by e-mail when the bill grows?". The name
     * is what the visitor sets the new phrase against, wherever it stands in the question. Null when the follow-up
     * is no such phrase ("by e-mail", "with Slack") or the previous question has not exactly one other name after a
     * preposition.
     */
    private static String inPlaceOfNamed(String previous, String replacement) {
        if (!LEADING_PREPOSITION.matcher(replacement).lookingAt() || previous.contains(" (")) {
            return null;
        }
        List<String> own = names(replacement);
        List<String> named = names(previous).stream()
                .filter(name -> !Places.PLACE.matcher(name).find() && !own.contains(name)).toList();
        if (named.size() != 1) {
            return null;
        }
        Matcher phrase = Pattern.compile("(?i)\\b(?:" + String.join("|", PREPOSITIONS) + ")\\s+(?:(?:a|an|the)\\s+)?"
                + Pattern.quote(named.get(0)) + "\\b").matcher(previous);
        return phrase.find() ? previous.substring(0, phrase.start()) + replacement + previous.substring(phrase.end())
                : null;
    }

    /** Whether an elliptical follow-up names only a part of Glassbox ("and on the local API Gateway?"). */
    private static boolean namesAPart(String text) {
        Matcher elliptical = ELLIPSIS.matcher(text);
        return elliptical.matches()
                && COMPONENT.matcher(bare(QUESTION_END.matcher(elliptical.group(1).strip()).replaceFirst(""))).matches();
    }

    /** The phrase without its preposition and article: "on the local API Gateway" → "local API Gateway". */
    private static String bare(String phrase) {
        return LEADING_ARTICLE.matcher(LEADING_PREPOSITION.matcher(phrase).replaceFirst("")).replaceFirst("");
    }

    /**
     * The phrase an elliptical follow-up names its names in, when it says more than the names: "HTTP connections",
     * "for macOS on Apple silicon", "the bare Vert.x writer". Null when the phrase is only its names ("Claude Sonnet
     * 4") or the follow-up is no such phrase.
     */
    private static String namingPhrase(String text, List<String> names) {
        Matcher elliptical = ELLIPSIS.matcher(text);
        if (!elliptical.matches() || pointsBack(elliptical.group(1))
                || words(elliptical.group(1)).stream().anyMatch(w -> ASKING.contains(w.toLowerCase(Locale.ROOT)))) {
            return null;
        }
        String phrase = QUESTION_END.matcher(elliptical.group(1).strip()).replaceFirst("");
        Set<String> named = new HashSet<>();
        names.forEach(name -> words(name).forEach(w -> named.add(w.toLowerCase(Locale.ROOT))));
        boolean saysMore = words(phrase).stream().filter(QuestionWords::isContentWord)
                .anyMatch(w -> !named.contains(w.toLowerCase(Locale.ROOT)));
        return saysMore ? phrase : null;
    }

    /**
     * The previous question with the phrase in place of its name: with the name's preposition when the phrase opens
     * with the same one ("…libraries for Linux?" and "for macOS on Apple silicon?"), after the name's article
     * without one of its own ("an idle WebSocket" and "the bare Vert.x writer" make "an idle bare Vert.x writer").
     */
    private static String inPlaceOfName(String previous, String name, String phrase) {
        Matcher preposition = LEADING_PREPOSITION.matcher(phrase);
        if (preposition.lookingAt()) {
            Matcher phraseOfName = Pattern.compile("(?i)\\b" + Pattern.quote(preposition.group().strip())
                    + "\\s+(?:(?:a|an|the)\\s+)?" + Pattern.quote(name) + "\\b").matcher(previous);
            return phraseOfName.find() ? previous.substring(0, phraseOfName.start()) + phrase
                    + previous.substring(phraseOfName.end()) : previous.replace(name, phrase.substring(preposition.end()));
        }
        int at = previous.indexOf(name);
        boolean determined = FocusSwap.determined(previous.substring(0, at));
        return previous.substring(0, at) + (determined ? LEADING_ARTICLE.matcher(phrase).replaceFirst("") : phrase)
                + previous.substring(at + name.length());
    }

    /**
     * The previous question asked under the circumstance a phrase with a preposition names: in place of its one phrase
     * with the same preposition ("with claude sonnet 4" for "with nova lite"), else added at its end ("on Windows",
     * "under load", "without a Docker daemon"), the state it names ("under load") in place of the one the previous
     * question named ("an idle server").
     */
    private static String inCircumstance(String previous, String phrase) {
        String asked = QUESTION_END.matcher(RewrittenQuestion.asked(previous).strip()).replaceFirst("");
        // "under load?" after "How much memory does an idle server use?": the new state replaces the old one.
        asked = Conditions.namesAState(phrase) ? Conditions.withoutState(asked) : asked;
        String any = String.join("|", PREPOSITIONS);
        // The phrase runs to the next preposition or the end: "with nova lite" in "cost with nova lite".
        Matcher same = Pattern.compile("(?i)\\b" + Pattern.quote(words(phrase).get(0)) + "\\s+(?!(?:" + any
                + ")\\b)[^,;]+?(?=\\s+(?:" + any + ")\\b|$)").matcher(asked);
        List<int[]> phrases = new ArrayList<>();
        while (same.find()) {
            phrases.add(new int[] {same.start(), same.end()});
        }
        String circumstance = phrases.size() != 1 ? asked + " " + phrase
                : asked.substring(0, phrases.get(0)[0]) + phrase + asked.substring(phrases.get(0)[1]);
        return circumstance + "?" + RewrittenQuestion.besides(previous);
    }

    /** Whether the text names a thing by what "it" does with it ("the address it listens on"), not only points back. */
    private static boolean describes(String text) {
        Matcher described = DESCRIBED.matcher(text.strip());
        return described.matches() && isContentWord(described.group(1));
    }

    /**
     * The previous question asked of the part of Glassbox the follow-up names alone ("and on the local API gateway?",
     * "what about the route handler?"): in place of the part it named, else where it happens ("what happens if a
     * message is too big on the local API gateway?"). Null when the follow-up names something else.
     */
    private static String ofComponent(String previous, String replacement) {
        String bare = bare(replacement);
        if (!COMPONENT.matcher(bare).matches()) {
            return null;
        }
        int besides = previous.indexOf(" (");
        String asked = besides < 0 ? previous : previous.substring(0, besides);
        String rest = besides < 0 ? "" : previous.substring(besides);
        Matcher old = COMPONENT.matcher(asked);
        if (old.find()) {
            String head = asked.substring(0, old.start());
            // "…applies to the route handler?" and "and on the stream worker?" make one "on the", not "to the on the".
            boolean own = LEADING_PREPOSITION.matcher(replacement).lookingAt() && PREPOSITION_AT_END.matcher(head).find();
            return old.group().equalsIgnoreCase(bare) ? null : (own ? PREPOSITION_AT_END.matcher(head).replaceFirst("")
                    + replacement : head + bare) + asked.substring(old.end()) + rest;
        }
        String ofThing = QuestionSubject.askedOf(asked, LEADING_PREPOSITION.matcher(replacement).replaceFirst(""));
        if (ofThing != null) {
            return ofThing + rest;
        }
        String where = LEADING_PREPOSITION.matcher(replacement).lookingAt() ? replacement : "on " + replacement;
        return QUESTION_END.matcher(asked.strip()).replaceFirst("") + " " + where + "?" + rest;
    }

    /**
     * What a swap wrote in the docs' words when none of the visitor's own words made it into the query: "cloud
     * path" for "And on AWS?". The visitor asks about it as much as about words they typed ("And in the cloud?"
     * needs none). Runs of words the previous question does not have, each a phrase.
     */
    static List<String> swappedIn(String swapped, String previous, String followUp) {
        List<String> asked = words(swapped).stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
        // "locally" made it in as "local server": a word's start will do ("local").
        boolean ownWordsKept = words(followUp).stream().filter(QuestionWords::isContentWord)
                .map(w -> w.toLowerCase(Locale.ROOT).substring(0, Math.min(WORD_START, w.length())))
                .anyMatch(start -> asked.stream().anyMatch(w -> w.startsWith(start)));
        if (ownWordsKept) {
            return List.of();
        }
        String before = previous + " " + followUp;
        Set<String> known = new HashSet<>();
        // "run" for "deploy" only says the same deed of the other place.
        words(before + " " + Places.verbs(before, true) + " " + Places.verbs(before, false))
                .forEach(w -> known.add(w.toLowerCase(Locale.ROOT)));
        List<String> phrases = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        for (String word : words(swapped)) {
            boolean added = isContentWord(word) && !known.contains(word.toLowerCase(Locale.ROOT));
            if (added) {
                run.append(run.length() > 0 ? " " : "").append(word);
            } else if (run.length() > 0) {
                phrases.add(run.toString());
                run.setLength(0);
            }
        }
        if (run.length() > 0) {
            phrases.add(run.toString());
        }
        return phrases;
    }
}
