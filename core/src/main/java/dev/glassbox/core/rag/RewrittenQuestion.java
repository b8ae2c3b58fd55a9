package dev.glassbox.core.rag;

import static dev.glassbox.core.rag.QuestionWords.fragment;
import static dev.glassbox.core.rag.QuestionWords.pointsBack;
import static dev.glassbox.core.rag.QuestionWords.words;

/**
 * A rewritten follow-up as the next turn reads it: its own question, then what it was searched with beside it in
 * parentheses ("how many turns? (Does Glassbox remember earlier questions?)").
 */
final class RewrittenQuestion {

    private RewrittenQuestion() {
    }

    /** The question a rewritten follow-up asks, without what it carried beside it. */
    static String asked(String rewritten) {
        int besides = rewritten.indexOf(" (");
        return besides < 0 ? rewritten : rewritten.substring(0, besides);
    }

    /** What a rewritten follow-up carried beside its question, with the space before it; empty when nothing. */
    static String besides(String rewritten) {
        int besides = rewritten.indexOf(" (");
        return besides < 0 ? "" : rewritten.substring(besides);
    }

    /**
     * The question a follow-up that was only a question word and what it asks for ("how many turns?") leaned on, as
     * its rewrite carried it beside it; null when the rewritten follow-up was no such fragment.
     */
    static String leanedOnByAFragment(String previous) {
        int besides = previous.indexOf(" (");
        String earlier = leanedOn(previous.substring(besides + 2));
        return fragment(previous.substring(0, besides)) && earlier.endsWith("?") ? earlier : null;
    }

    /** The first question of what a rewritten follow-up carried beside it, or all of it when it holds none. */
    private static String leanedOn(String carried) {
        String earlier = carried.replace("(", "").replace(")", "").strip();
        int asked = earlier.indexOf('?');
        return asked < 0 ? earlier : earlier.substring(0, asked + 1);
    }

    /**
     * The previous question as context beside a follow-up: its own words when they stand alone, else those and the
     * question they leaned on ("does it run as root? is there a container image?"), never a context within a context.
     */
    static String context(String previous) {
        int besides = previous.indexOf(" (");
        if (besides < 0) {
            return previous.strip();
        }
        String own = previous.substring(0, besides).strip();
        // "how many turns?" asked only a question word and what it asks for: without the question it leaned on, a
        // third turn's "for how long?" would lose what the conversation is about.
        if (!pointsBack(own) && !fragment(own) && !words(own).stream().filter(QuestionWords::isContentWord)
                .allMatch(QuestionWords::asksForAProperty)) {
            return own;
        }
        // The question it leaned on goes on after it in lower case: its first word is a question word, and
        // capitalised inside the text ("how many turns? Does Glassbox …") it would read as a name ("Does Glassbox").
        String earlier = leanedOn(previous.substring(besides + 2));
        return own + " " + (earlier.isEmpty() ? earlier : Character.toLowerCase(earlier.charAt(0))
                + earlier.substring(1));
    }
}
