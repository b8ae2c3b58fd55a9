package dev.glassbox.server.local.knowledge;

import java.util.Arrays;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

/**
 * Cuts a sentence too long to read to the part that answers the question. A long sentence often states
 * what the question asks for (a model's name, a price) near its end, so the cut is not always its first
 * {@link #CAP_WORDS} words: it is the window, starting at the sentence's start or after one of its commas
 * or colons, that holds most of the question's terms (and the amount it asks for). Cut ends are marked
 * with an ellipsis.
 */
public final class Excerpt {
    /** No quote is longer than this. */
    static final int CAP_WORDS = 55;
    /** A window ending this close to a comma ends at the comma, so it does not stop mid-clause. */
    private static final int COMMA_REACH = CAP_WORDS - CAP_WORDS * 2 / 3;
    /**
     * An answer's opening sentence is quoted from its start up to the end of the part that holds what the
     * question asks, when that takes no more than this many words: an opening cut at its start ("… and")
     * reads as a thought already under way.
     */
    static final int OPENING_WORDS = 90;
    /**
     * What holding the amount the question asks for is worth, in terms of the question: more than any overlap of
     * its terms, so that a window with the value asked for wins over one that only repeats the question's words.
     */
    private static final double AMOUNT = 1_000;
    /**
     * A term of the question among a cut window's last this many words counts for nothing: what the sentence says of
     * it ("relay p99 5.30 ms") would be cut off.
     */
    private static final int TAIL = 3;

    private Excerpt() {
    }

    /** The sentence cut as if the question asked for nothing in particular: its start. */
    static String start(String sentence) {
        return of(sentence, term -> 0, text -> Set.of(), null, false);
    }

    /**
     * @param wanted the question's terms and their weights: what a window is chosen for
     * @param terms the analyzed terms of a piece of text
     * @param amount what the number the question asks for looks like, or null
     * @param opening whether the sentence opens the answer
     */
    public static String of(String sentence, ToDoubleFunction<String> wanted, Function<String, Set<String>> terms,
                     Pattern amount, boolean opening) {
        String[] words = sentence.split("\\s+");
        if (words.length <= CAP_WORDS) {
            return sentence;
        }
        double[] weight = new double[words.length];
        // How many brackets are open before each word: a window starts and ends only where none is.
        int[] open = new int[words.length + 1];
        for (int i = 0; i < words.length; i++) {
            weight[i] = terms.apply(words[i]).stream().mapToDouble(wanted).sum();
            open[i + 1] = open[i] + (int) words[i].chars().filter(c -> c == '(' || c == '[').count()
                    - (int) words[i].chars().filter(c -> c == ')' || c == ']').count();
        }
        int bestStart = 0;
        double bestScore = -1;
        for (int start = 0; start < words.length; start++) {
            if (start > 0 && (!words[start - 1].matches(".*[,;:]$") || open[start] != 0)) {
                continue;
            }
            int end = end(open, start);
            double score = Arrays.stream(weight, start, end < words.length ? Math.max(start, end - TAIL) : end).sum();
            if (amount != null && amount.matcher(join(words, start, end)).find()) {
                score += AMOUNT;
            }
            // Ties go to the earlier window: a sentence's start usually names its subject.
            if (score > bestScore) {
                bestScore = score;
                bestStart = start;
            }
        }
        int end = end(open, bestStart);
        if (end < words.length) {
            for (int i = end - 1; i >= end - COMMA_REACH && i > bestStart; i--) {
                if (words[i].endsWith(",") && open[i + 1] == 0) {
                    // ... unless what the comma would cut off holds a term of the question or the amount it asks for.
                    if (Arrays.stream(weight, i + 1, end).sum() == 0
                            && (amount == null || !amount.matcher(join(words, i + 1, end)).find())) {
                        end = i + 1;
                    }
                    break;
                }
            }
        }
        if (opening && bestStart > 0 && end <= OPENING_WORDS) {
            bestStart = 0;
        }
        String kept = join(words, bestStart, end).replaceAll("[,;:]$", "");
        return (bestStart > 0 ? "… " : "") + kept + (end < words.length ? " …" : "");
    }

    /** Where a window from {@code start} ends: after at most {@link #CAP_WORDS} words, with no bracket left open. */
    private static int end(int[] open, int start) {
        int end = Math.min(open.length - 1, start + CAP_WORDS);
        while (end < open.length - 1 && end > start + 1 && open[end] != open[start]) {
            end--;
        }
        return end;
    }

    private static String join(String[] words, int from, int to) {
        return String.join(" ", Arrays.asList(words).subList(from, to));
    }
}
