package dev.glassbox.core.rag;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The state a question is asked in: an idle or a busy machine, a server under load, a warm or a cold cache. A
 * follow-up that names a state ("under load?") asks the previous question in that state instead of the one it named
 * ("How much memory does an idle server use?"), never in both.
 */
final class Conditions {
    /**
     * A phrase that names a state: "under load", "on a busy machine", "with an empty cache", "when idle"; or a number of
     * things in use, "for 10,000 questions", "with a thousand visitors", which no idle machine has.
     */
    private static final Pattern STATE = Pattern.compile("(?i)\\b(?:idle|busy|loaded|quiet|warm|cold|empty|load)\\b"
            + "|(?:\\b\\d[\\d,.]*|\\b(?:hundred|thousand|million))\\s+\\p{L}");
    /**
     * The state a question names, as an adjective of a thing ("an idle server", "a warm start"; group 1 its article,
     * group 2 the next word's first letter) or a clause ("while idle").
     */
    private static final Pattern STATE_NAMED = Pattern.compile("(?i)\\s+(?:while|when)\\s+(?:idle|busy|loaded)\\b"
            + "|\\b(?:(a|an)\\s+)?(?:idle|busy|loaded|quiet|warm|cold)\\s+(?=(\\p{L}))");

    private Conditions() {
    }

    /**
     * Whether the phrase names the state something is in: "under load", "on a busy machine", "with a cold cache", "for
     * 1,000 users".
     */
    static boolean namesAState(String phrase) {
        return STATE.matcher(phrase).find();
    }

    /** The question without the state it names: "How much memory does a server use" for "… does an idle server use". */
    static String withoutState(String question) {
        Matcher state = STATE_NAMED.matcher(question);
        StringBuilder out = new StringBuilder();
        while (state.find()) {
            String article = state.group(1) == null ? ""
                    : "aeiou".indexOf(Character.toLowerCase(state.group(2).charAt(0))) >= 0 ? "an " : "a ";
            boolean capital = state.group(1) != null && Character.isUpperCase(state.group(1).charAt(0));
            state.appendReplacement(out, Matcher.quoteReplacement(capital
                    ? article.substring(0, 1).toUpperCase(Locale.ROOT) + article.substring(1) : article));
        }
        state.appendTail(out);
        return out.toString();
    }
}
