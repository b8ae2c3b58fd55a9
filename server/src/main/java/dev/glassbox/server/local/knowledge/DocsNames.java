package dev.glassbox.server.local.knowledge;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words the docs write only as names of their own: always capitalised, and at least once not right after
 * another capitalised word ("Prometheus", "Docker", "Maven"), unlike a word that is only part of a longer name ("Pro"
 * of "Nova Pro") or an ordinary word. Such a word before a noun says whose the thing is ("the Prometheus numbers"),
 * as the product's name does, not what kind of thing it is.
 */
final class DocsNames {
    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    /** Where a sentence starts, whose first word is capitalised whatever it is. */
    private static final Pattern SENTENCE_START = Pattern.compile("(?:^|[.!?:|#*\\n]\\s*)$");

    private final Set<String> names = new HashSet<>();

    /** @param texts the passages' texts, as written */
    DocsNames(List<String> texts) {
        Set<String> onItsOwn = new HashSet<>();
        Set<String> notNames = new HashSet<>();
        for (String text : texts) {
            Matcher word = WORD.matcher(text);
            boolean previousCapital = false;
            int previousEnd = 0;
            while (word.find()) {
                String written = word.group();
                String lower = written.toLowerCase(Locale.ROOT);
                boolean capital = Character.isUpperCase(written.charAt(0));
                boolean afterSpace = word.start() == previousEnd + 1 && text.charAt(previousEnd) == ' ';
                if (!capital) {
                    notNames.add(lower);
                } else if (!SENTENCE_START.matcher(text.substring(Math.max(0, word.start() - 3), word.start())).find()
                        && !(previousCapital && afterSpace)) {
                    onItsOwn.add(lower);
                }
                previousCapital = capital;
                previousEnd = word.end();
            }
        }
        onItsOwn.removeAll(notNames);
        names.addAll(onItsOwn);
    }

    /** Whether the docs write the word (any case) only as a name of its own. */
    boolean namesOnItsOwn(String word) {
        return names.contains(word.toLowerCase(Locale.ROOT));
    }
}
