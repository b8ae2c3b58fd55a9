package dev.glassbox.server.local.understanding;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The visitor's message as every later reading sees it: invisible and look-alike characters folded away, runs of
 * white space made one, a greeting before a question left out ("oi, what port does it use?" asks what port it uses,
 * not about "oi"), and question words typed in chat spelling ("y", "wat") written in full.
 */
public final class MessageText {
    private MessageText() {
    }

    /** The message with control, replacement and format characters removed and compatibility forms folded. */
    public static String normalise(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(folded.length());
        folded.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            boolean invisible = cp == 0xFFFD || type == Character.CONTROL && !Character.isWhitespace(cp)
                    || type == Character.FORMAT || type == Character.PRIVATE_USE || type == Character.SURROGATE
                    || type == Character.UNASSIGNED;
            out.appendCodePoint(invisible ? ' ' : cp);
        });
        String spaced = withoutGreeting(out.toString().replaceAll("\\s+", " ").strip());
        return CHAT_QUESTION_WORD.matcher(spaced).replaceAll(chat -> {
            String full = CHAT_QUESTION_WORDS.get(chat.group(1).toLowerCase(Locale.ROOT));
            return Character.isUpperCase(chat.group(1).charAt(0))
                    ? Character.toUpperCase(full.charAt(0)) + full.substring(1) : full;
        });
    }

    /** The most words a greeting before a question is read in: "hey there, good morning to you!". */
    private static final int GREETING_WORDS = 6;
    private static final Pattern WORD = Pattern.compile("\\p{L}+(?:'\\p{L}+)?");
    /** What parts a greeting from what follows it. */
    private static final Pattern AFTER_GREETING = Pattern.compile("^[\\s,!.:;\\-–—]+");

    /**
     * The text without the longest run of its first words that only greets ({@link Greetings}), when a question
     * follows; a greeting alone stays, to be answered as one.
     */
    private static String withoutGreeting(String text) {
        Matcher word = WORD.matcher(text);
        int greeting = -1;
        for (int words = 0; words < GREETING_WORDS && word.find(); words++) {
            if (Greetings.only(text.substring(0, word.end()).toLowerCase(Locale.ROOT))) {
                greeting = word.end();
            }
        }
        String rest = greeting < 0 ? text : AFTER_GREETING.matcher(text.substring(greeting)).replaceFirst("");
        return rest.codePoints().anyMatch(Character::isLetter) ? rest : text;
    }

    /**
     * Question words in chat spelling, each with the word in full: read before a follow-up is told from a new
     * question ("y so slow?" asks why) and before key terms, where "wat" would weigh as a rare word.
     */
    private static final Map<String, String> CHAT_QUESTION_WORDS = Map.ofEntries(Map.entry("y", "why"),
            Map.entry("wat", "what"), Map.entry("wot", "what"), Map.entry("wht", "what"), Map.entry("hw", "how"),
            Map.entry("wen", "when"), Map.entry("whr", "where"), Map.entry("wer", "where"),
            // Typed without the apostrophe, "whats" would count as a word the visitor names something with.
            Map.entry("whats", "what's"), Map.entry("wheres", "where's"), Map.entry("hows", "how's"),
            Map.entry("whos", "who's"));
    /**
     * A chat question word opening the text or a sentence (group 1); "hw" only before what "how" is asked with,
     * as alone it is as often hardware.
     */
    private static final Pattern CHAT_QUESTION_WORD = Pattern.compile("(?i)(?:^|(?<=[.!?,;:]\\s))(y|wat|wot|wht|wen"
            + "|whr|wer|whats|wheres|hows|whos|hw(?=\\s+(?:do|does|did|can|could|would|should|to|is|are|much|many|long|often|big|fast|come)\\b))"
            + "(?=\\s|[?!.]|$)");
}
