package dev.glassbox.core.rag;

import static dev.glassbox.core.rag.QuestionWords.COMMON_VERBS;
import static dev.glassbox.core.rag.QuestionWords.POINTING_BACK;
import static dev.glassbox.core.rag.QuestionWords.isContentWord;
import static dev.glassbox.core.rag.QuestionWords.words;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A follow-up that names only another deed ("to stop it?"), asked as the previous question about a deed. */
final class OtherDeed {
    /** "to stop it?", "what about to test it?": only another deed, asked of what the previous question asked about. */
    private static final Pattern OTHER_DEED = Pattern.compile("(?i)^(?:(?:what|how) about\\s+)?to\\s+(\\p{L}+)(.*?)"
            + "[\\s?.!]*");
    /**
     * The deed a question asks about, "to start it" or "do I start the server": its verb (group 1, lower case) and
     * what it is done to (group 2), up to a preposition, a place or the end.
     */
    private static final Pattern DEED = Pattern.compile("\\b(?:[Tt]o|(?:do|can|could|should|would|must|may)\\s+"
            + "(?:I|you|we|one))\\s+([a-z]+)\\b((?:\\s+(?!(?:on|in|at|to|with|for|from|by|via|under|over|without|per|"
            + "using|locally|again|when|if|after|before)\\b)[\\p{L}\\p{N}_.'-]+)*)");

    private OtherDeed() {
    }

    /**
     * The previous question asked of another deed: "to stop it?" after "What's the command to start it on my
     * machine?" asks "What's the command to stop it on my machine?", and after "How do I start the server?" asks
     * "How do I stop the server?" (what "it" is done to is what the previous deed was done to). Null when the
     * follow-up names no other deed or the previous question asked about none.
     */
    static String withAnotherDeed(String own, String previous) {
        Matcher other = OTHER_DEED.matcher(own);
        if (!other.matches() || !isContentWord(other.group(1)) || Places.PLACE.matcher(other.group(1)).matches()) {
            return null;
        }
        int besides = previous.indexOf(" (");
        String asked = besides < 0 ? previous : previous.substring(0, besides);
        Matcher deed = DEED.matcher(asked);
        while (deed.find()) {
            // "do I need to build it": the deed is building, not needing.
            if (!isContentWord(deed.group(1)) || COMMON_VERBS.contains(deed.group(1))
                    || deed.group(1).equals(other.group(1).toLowerCase(Locale.ROOT))) {
                continue;
            }
            String object = other.group(2).strip();
            boolean pointing = words(object).stream().allMatch(w -> POINTING_BACK.contains(w.toLowerCase(Locale.ROOT)));
            String done = other.group(1).toLowerCase(Locale.ROOT) + (pointing ? deed.group(2) : " " + object);
            return asked.substring(0, deed.start(1)) + done + asked.substring(deed.end(2));
        }
        return null;
    }
}
