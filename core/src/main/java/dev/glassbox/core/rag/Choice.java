package dev.glassbox.core.rag;

import static dev.glassbox.core.rag.QuestionWords.COMMON_VERBS;
import static dev.glassbox.core.rag.QuestionWords.LEADING_JOINER;
import static dev.glassbox.core.rag.QuestionWords.singular;
import static dev.glassbox.core.rag.QuestionWords.words;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A follow-up that chooses among the things the previous question asked to be listed ("Which one is the default?"
 * after "Which backends can I choose?"): asked of that kind of thing, not of the names its answer listed.
 */
final class Choice {
    /** "Which backends can…", "What agent backends does…": a question that asks for a list of things. */
    private static final Pattern OPTIONS = Pattern.compile("(?i)\\W*(?:which|what)\\s+((?:[\\p{L}\\p{N}_-]+\\s+){0,2}?"
            + "[\\p{L}\\p{N}_-]+s)\\s+(?:can|could|do|does|did|is|are|will|would|should|may|might|must|has|have)\\b");
    /** "Which one…", "which of them…", "Which is…": a follow-up choosing among the things listed. */
    private static final Pattern CHOOSING = Pattern.compile("(?i)which\\s+(?:(one|ones|of (?:them|these|those))\\b|"
            + "(?=(?:is|are)\\b))");
    /** Words that only ask which things there are to choose from ("Which backends are available?"). */
    private static final Set<String> OFFERED = Set.of("available", "exist", "exists", "offered", "offer", "offers",
            "possible", "choose", "pick", "select", "supported", "provided", "provide", "provides");

    private Choice() {
    }

    /** Whether the follow-up chooses among what the previous question asked to be listed. */
    static boolean chooses(String asked, String previous) {
        return options(previous) != null
                && CHOOSING.matcher(LEADING_JOINER.matcher(asked).replaceFirst("")).lookingAt();
    }

    /** The follow-up asked of the kind of thing the previous question listed; null when it chooses nothing. */
    static StandaloneQuery of(String own, String previous) {
        String options = options(previous);
        Matcher choosing = CHOOSING.matcher(own);
        if (options == null || !choosing.lookingAt()) {
            return null;
        }
        // "Which one is the default?" after "Which backends can I choose?": one of the backends, not one of the
        // names the answer happened to list first.
        String chosen = singular(options);
        String one = (choosing.group(1) != null ? "which " + chosen : "which " + chosen + " ")
                + own.substring(choosing.end());
        // "What backends are there?" says nothing the choice does not: carried beside it, its words would only
        // pull the search back to the passage its answer quoted, which may list a few of them and not the default.
        boolean saysMore = words(previous).stream().filter(QuestionWords::isContentWord)
                .map(w -> w.toLowerCase(Locale.ROOT)).anyMatch(w -> !COMMON_VERBS.contains(w)
                        && !OFFERED.contains(w) && !words(options.toLowerCase(Locale.ROOT)).contains(w));
        String asked = saysMore ? one + " (" + RewrittenQuestion.context(previous) + ")" : one;
        return new StandaloneQuery(asked, true, List.of(chosen), own);
    }

    /** The things a question asks to be listed ("backends" in "Which backends can I choose?"), or null. */
    private static String options(String previous) {
        Matcher options = OPTIONS.matcher(previous);
        return options.lookingAt() ? options.group(1) : null;
    }
}
