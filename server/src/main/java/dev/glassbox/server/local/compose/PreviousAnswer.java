package dev.glassbox.server.local.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the conversation's previous answer said, by runs of words, so that a sentence it quoted is known. */
final class PreviousAnswer {
    private static final int RUN = 5;
    private static final Pattern NUMBER = Pattern.compile("\\d[\\d,.]*\\d|\\d");
    private final String previous;

    PreviousAnswer(String previousAnswer) {
        this.previous = previousAnswer.replaceAll("\\s+", " ");
    }

    /** What the pattern matches, but not at a number the previous answer gave; the pattern if it gave none. */
    Pattern unsaid(Pattern amount) {
        List<String> given = new ArrayList<>();
        Matcher number = NUMBER.matcher(previous);
        while (number.find()) {
            given.add(Pattern.quote(number.group()));
        }
        if (amount == null || given.isEmpty()) {
            return amount;
        }
        return Pattern.compile("(?<![\\d.,])(?!(?:" + String.join("|", given) + ")(?!\\d))(?:" + amount.pattern()
                + ")", amount.flags());
    }

    /** Whether the previous answer states every number the sentence does. */
    boolean hasNumbersOf(String sentence) {
        Matcher number = NUMBER.matcher(sentence);
        while (number.find()) {
            if (!previous.contains(number.group())) {
                return false;
            }
        }
        return true;
    }

    /** Whether the previous answer quoted most of the sentence. */
    boolean contains(String sentence) {
        if (previous.isEmpty()) {
            return false;
        }
        String[] words = sentence.split("\\s+");
        int runs = 0;
        int found = 0;
        for (int i = 0; i + RUN <= words.length; i += RUN) {
            runs++;
            if (previous.contains(String.join(" ", java.util.Arrays.asList(words).subList(i, i + RUN)))) {
                found++;
            }
        }
        return runs > 0 && found * 2 >= runs;
    }
}
