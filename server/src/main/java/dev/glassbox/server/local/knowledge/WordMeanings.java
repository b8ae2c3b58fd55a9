package dev.glassbox.server.local.knowledge;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

/**
 * The meaning of the words the knowledge base uses, one embedding per word, so that a visitor's word counts as
 * (partly) covered by a passage that says the same thing in another word: "save" by a passage that says
 * "export", "chat" by one that says "conversation". A fixed thesaurus reaches only the pairs someone listed;
 * the embedder knows most of them. The docs' words are embedded with the passages (and cached with them); a
 * visitor's word the docs never use is embedded when a question needs it.
 */
public final class WordMeanings {
    /**
     * From this cosine similarity on, two words name the same thing ("ram" and "memory", "chat" and
     * "conversation"); below it they are at most related ("password" and "credentials", "slack" and "hook").
     */
    public static final double SAME_MEANING = 0.6;
    /** From this cosine similarity on, two words are at least related. */
    static final double RELATED = 0.5;
    /** From this cosine similarity on, two words are synonyms outright. */
    static final double SYNONYM = 0.75;

    /** Words of letters only, at least this long: shorter ones are mostly abbreviations the embedder reads badly. */
    private static final int SHORTEST = 3;
    /**
     * Words this short count only as ordinary words are written, not in capitals and apart from numbers: "SHA" of
     * SHA-256, "AWS" or "arm" of arm64 are abbreviations, which the embedder reads as the first piece of longer
     * words ("shard" is 0.78 to "sha"), so they would lend their passage the meaning of words it never says.
     */
    private static final int ABBREVIATION_LENGTH = 3;
    /** A run of letters, with what touches it: a digit there makes it part of a code such as "sha256". */
    private static final Pattern WORD = Pattern.compile("(\\p{N})?(\\p{L}+)(?=(\\p{N})?)");

    private final Map<String, float[]> vectors;
    /** Each passage's words' embeddings. */
    private final Map<KnowledgeChunk, float[][]> passageWords = new HashMap<>();
    /** For each word of {@link #vectors}, the sentences of the docs that say it, numbered across all passages. */
    private final Map<String, BitSet> sentencesSaying = new HashMap<>();
    private final Function<String, float[]> embedder;

    /**
     * @param vectors the embedding of every word of {@link #vocabulary}{@code (chunks)}
     * @param embedder embeds a word the docs never use (blocking)
     */
    WordMeanings(List<KnowledgeChunk> chunks, Map<String, float[]> vectors, Function<String, float[]> embedder) {
        this.vectors = Map.copyOf(vectors);
        this.embedder = embedder;
        for (KnowledgeChunk chunk : chunks) {
            List<float[]> words = new ArrayList<>();
            for (String word : words(chunk.indexedText())) {
                float[] vector = vectors.get(word);
                if (vector == null) {
                    throw new IllegalArgumentException("no embedding for the word " + word);
                }
                words.add(vector);
            }
            passageWords.put(chunk, words.toArray(new float[0][]));
        }
        int sentence = 0;
        for (KnowledgeChunk chunk : chunks) {
            for (String text : SENTENCES.split(chunk.indexedText())) {
                for (String word : words(text)) {
                    sentencesSaying.computeIfAbsent(word, w -> new BitSet()).set(sentence);
                }
                sentence++;
            }
        }
    }

    /** Where a sentence of the docs ends: a full stop, question or exclamation mark, or a line (a table row). */
    private static final Pattern SENTENCES = Pattern.compile("(?<=[.!?])\\s+|\\n");

    /**
     * Whether one sentence of the docs says a modifier and a noun together, the noun as written or in a word of the
     * same meaning ({@link #SAME_MEANING}), the modifier in a word at least related ({@link #RELATED}): the docs
     * speak of no "pro version" when they say "pro" and "version" only apart, in senses of their own ("Nova Pro", "a
     * guardrail with a version").
     */
    boolean saidTogether(float[] modifier, float[] noun) {
        return sentencesNear(modifier, RELATED).intersects(sentencesNear(noun, SAME_MEANING));
    }

    /** The sentences that say a word at least this close in meaning to the one whose embedding this is. */
    private BitSet sentencesNear(float[] meaning, double closeness) {
        BitSet sentences = new BitSet();
        sentencesSaying.forEach((word, saying) -> {
            if (dot(vectors.get(word), meaning) >= closeness) {
                sentences.or(saying);
            }
        });
        return sentences;
    }

    /** The distinct words of the passages whose meaning is kept: lower case, letters only, no stop words. */
    static Set<String> vocabulary(List<KnowledgeChunk> chunks) {
        Set<String> vocabulary = new LinkedHashSet<>();
        chunks.forEach(chunk -> vocabulary.addAll(words(chunk.indexedText())));
        return vocabulary;
    }

    private static Set<String> words(String text) {
        Set<String> words = new LinkedHashSet<>();
        Matcher word = WORD.matcher(text);
        while (word.find()) {
            String letters = word.group(2);
            String lower = letters.toLowerCase(Locale.ROOT);
            boolean abbreviation = lower.length() <= ABBREVIATION_LENGTH
                    && (letters.chars().allMatch(Character::isUpperCase) || word.group(1) != null || word.group(3) != null);
            if (lower.length() >= SHORTEST && !abbreviation && !EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(lower)) {
                words.add(lower);
            }
        }
        return words;
    }

    /** The embedding of a word, lower case: kept when the docs use it, else computed now (blocking). */
    float[] of(String word) {
        float[] known = vectors.get(word);
        return known != null ? known : embedder.apply(word);
    }

    /** How close in meaning the passage's closest word is to a word whose embedding this is (cosine). */
    double closeness(float[] meaning, KnowledgeChunk chunk) {
        float[][] words = passageWords.get(chunk);
        double best = 0;
        if (words != null) {
            for (float[] word : words) {
                best = Math.max(best, dot(word, meaning));
            }
        }
        return best;
    }

    /** How close in meaning the closest word of a text the docs contain is to a word with this embedding. */
    double closeness(float[] meaning, String text) {
        double best = 0;
        for (String word : words(text)) {
            float[] vector = vectors.get(word);
            if (vector != null) {
                best = Math.max(best, dot(vector, meaning));
            }
        }
        return best;
    }

    /** How close in meaning the docs' closest word is to a word with this embedding (cosine). */
    double nearest(float[] meaning) {
        double nearest = 0;
        for (float[] word : vectors.values()) {
            nearest = Math.max(nearest, dot(word, meaning));
        }
        return nearest;
    }

    /**
     * How much a word counts as said by a text whose closest word is this close to it: nothing below {@link
     * #SAME_MEANING}, all of it from {@link #SYNONYM} on, and in between in proportion.
     */
    public static double credit(double closeness) {
        return Math.max(0, Math.min(1, (closeness - SAME_MEANING) / (SYNONYM - SAME_MEANING)));
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
