package dev.glassbox.server.local.knowledge;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;

/**
 * Words the docs write as one where a visitor writes two ("timeout" for "timing out", "login" for "log in"), and
 * words they write with a hyphen where a visitor writes one ("re-indexes" for "reindex"). Neither form meets the
 * docs' in the index: "timing out" stems to "time" and "out", and the tokenizer reads "re-indexes" as "re" and
 * "indexes", never "reindex"; the embedder reads them apart too. Words a visitor misspells, clips or types in
 * chat spelling are written in full first ({@link VisitorSpelling}).
 */
final class Compounds {
    /** A shorter joined word is too often two small words by chance ("away", "into"). */
    private static final int SHORTEST_JOINED = 6;
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}-]+");
    private static final Pattern HYPHENATED = Pattern.compile("\\p{L}+(?:-\\p{L}+)+");
    private static final Pattern WORD_PAIR = Pattern.compile("\\b(\\p{L}+)\\s+(\\p{L}+)\\b");

    private final Analyzer stemmer = KnowledgeAnalyzer.forWholeWords();
    /** The docs' words of at least {@link #SHORTEST_JOINED} letters, lower case. */
    private final Set<String> words = new HashSet<>();
    /** Each hyphenated word of the docs, by the stem of its parts joined ("reindex" → "re-indexes"). */
    private final Map<String, String> hyphenated = new HashMap<>();
    private final VisitorSpelling spelling;

    /** @param texts the passages' texts, lower case */
    Compounds(List<String> texts) {
        Map<String, Integer> counts = new HashMap<>();
        for (String text : texts) {
            Matcher token = TOKEN.matcher(text);
            while (token.find()) {
                String word = token.group().replaceAll("^-+|-+$", "");
                if (HYPHENATED.matcher(word).matches()) {
                    stem(word.replace("-", "")).ifPresent(stem -> hyphenated.putIfAbsent(stem, word));
                } else if (word.indexOf('-') < 0) {
                    counts.merge(word, 1, Integer::sum);
                }
            }
        }
        Set<String> plain = counts.keySet();
        plain.stream().filter(word -> word.length() >= SHORTEST_JOINED).forEach(words::add);
        Map<String, String> stems = new HashMap<>();
        plain.forEach(word -> stem(word).ifPresent(stem -> stems.put(word, stem)));
        // A word the docs also write joined is theirs as it is; one they also write apart is read apart elsewhere.
        stems.values().forEach(hyphenated::remove);
        // Searched only when every part is a word of the docs, in one string (a phrase has no line break, so it
        // cannot match across two passages): searching every passage for every hyphenated word slowed each start.
        String allTexts = String.join("\n", texts);
        hyphenated.values().removeIf(word -> plain.containsAll(List.of(word.split("-")))
                && allTexts.contains(word.replace('-', ' ')));
        spelling = new VisitorSpelling(counts, stems, word -> stem(word).orElse(null));
    }

    /**
     * The text with its words in full ({@link VisitorSpelling}), two words in a row that the docs write as one joined, the first in any inflection ("timed out"
     * as "timeout"), unless the docs also write the two apart ({@code writtenApart}); and a word they write
     * hyphenated, in any inflection, as they write it ("reindexing" as "re-indexes").
     */
    String asTheDocsWriteThem(String typed, Predicate<String> writtenApart) {
        String text = spelling.inFull(typed);
        Matcher pair = WORD_PAIR.matcher(text);
        StringBuilder joined = new StringBuilder();
        int from = 0;
        while (pair.find(from)) {
            String first = pair.group(1).toLowerCase(Locale.ROOT);
            String second = pair.group(2).toLowerCase(Locale.ROOT);
            String docs = words.contains(first + second) ? first + second
                    : stem(first).map(stem -> stem + second).filter(words::contains).orElse(null);
            if (docs != null && !writtenApart.test(first + " " + second)) {
                joined.append(text, from, pair.start()).append(docs);
                from = pair.end();
            } else {
                joined.append(text, from, pair.start(2));
                from = pair.start(2);
            }
        }
        joined.append(text.substring(from));
        Matcher word = TOKEN.matcher(joined);
        StringBuilder out = new StringBuilder();
        while (word.find()) {
            String written = word.group();
            String docs = written.indexOf('-') < 0 ? stem(written.toLowerCase(Locale.ROOT)).map(hyphenated::get)
                    .orElse(null) : null;
            word.appendReplacement(out, Matcher.quoteReplacement(docs == null ? written : docs));
        }
        word.appendTail(out);
        return out.toString();
    }

    /** Whether the docs write this word, in some inflection, with a hyphen ("reindexed" as "re-indexes"). */
    boolean writtenHyphenated(String word) {
        return stem(word).map(hyphenated::containsKey).orElse(false);
    }

    private Optional<String> stem(String word) {
        return KnowledgeIndex.terms(stemmer, word).stream().findFirst();
    }
}
