package dev.glassbox.server.local.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.util.BytesRef;

/**
 * An immutable, searchable snapshot of the knowledge base: Lucene BM25 over the passages' words and
 * brute-force cosine over their embeddings, fused by reciprocal rank. Thread-safe.
 */
public final class KnowledgeIndex {
    /** Reciprocal rank fusion's damping constant, as in the original paper. */
    private static final int RRF_K = 60;
    /**
     * What the passages the previous answer quoted weigh, against the question, in the embedding a follow-up is
     * ranked and judged by.
     */
    static final double FOLLOW_ON_WEIGHT = 0.12;
    /** Passages each ranking returns: a passage past them has no rank in that ranking. */
    private static final int CANDIDATES = 20;
    private static final int MAX_QUERY_TERMS = 256;
    /**
     * The passages best by meaning that are judged even when the fused order leaves them out ({@link #leadersKept}): the
     * fact a how-many question asks may be in a passage third or fourth by meaning whose words are not the visitor's.
     */
    private static final int MEANING_LEADERS = 4;
    /** Entries of each ranking the trace shows. */
    private static final int SHOWN_RANKS = 5;
    /** How much a passage's closest sentence counts towards its rank by meaning, against the whole passage. */
    public static final double PIECE_WEIGHT = 0.9;
    /** The product's name, as a question uses it ("Glassbox", "Glassbox's"). */
    private static final Pattern PRODUCT_NAME = Pattern.compile("(?i)\\bglassbox\\b");

    private final List<KnowledgeChunk> chunks;
    private final float[][] vectors;
    /** Each chunk's quotable pieces and their embeddings, in the same order. */
    private final List<List<Quotables.Quotable>> pieces;
    private final float[][][] pieceVectors;
    private final Analyzer analyzer = KnowledgeAnalyzer.forText();
    private final Analyzer questionAnalyzer = KnowledgeAnalyzer.forQuestions();
    private final Analyzer wholeWords = KnowledgeAnalyzer.forWholeWords();
    private final IndexSearcher searcher;
    /** For each chunk, the terms of each of its table rows ({@link #rowScore}); empty for a chunk with no table. */
    private final List<List<RowTerms>> rows;
    /** The passages' mean length in terms, as BM25 normalises a passage's length by it. */
    private final double meanLength;
    private final int fileCount;
    /**
     * The passages' and their pieces' texts, whose terms every answer compares with the question's; each is
     * analysed on first use only and then kept (bounded by the index), which halves the CPU of planning an answer.
     */
    private final Set<String> passageTexts = new HashSet<>();
    private final Map<String, Set<String>> passageTerms = new ConcurrentHashMap<>();
    /** {@link #idf} of every term the passages contain, worked out once rather than per sentence of every answer. */
    private final Map<String, Double> idfs;
    /** Every passage's title and text in lower case with single spaces, for {@link #mentionsPhrase}. */
    private final List<String> lowerCaseTexts;
    /** Every word of the passages but names with a capital inside, lower case, for {@link #writtenOtherwise}. */
    private final java.util.NavigableSet<String> docsWords = new java.util.TreeSet<>();
    /** Every two words of the passages in a row, joined ("knowledgebase"), for {@link #writtenOtherwise}. */
    private final Map<String, String> joinedPairs = new HashMap<>();
    /**
     * The two words in a row that the passages write more than once ("symbolic link"), by the first three letters of
     * the first, most frequent first, for {@link #clippedPair}.
     */
    private final Map<String, List<String>> termPairs;
    /** The terms the docs spell out in several words ({@link #spellsOut}) by their initials, lower case. */
    private final Map<String, String> initialisms = new HashMap<>();
    private final WordMeanings meanings;
    private final Compounds compounds;
    private final DocsNames names;

    /**
     * @param vectors each chunk's embedding
     * @param pieces for each chunk, its {@link Quotables} pieces, in order (cut once, by the indexer)
     * @param pieceVectors for each chunk, the embeddings of its pieces, in order
     * @param words the chunks' Lucene index ({@link LuceneIndexCache}), one document per chunk, in order
     * @param meanings the meaning of each word the chunks use
     */
    KnowledgeIndex(List<KnowledgeChunk> chunks, List<float[]> vectors, List<List<Quotables.Quotable>> pieces,
                   List<float[][]> pieceVectors, DirectoryReader words, int fileCount, WordMeanings meanings) {
        if (chunks.size() != vectors.size() || chunks.size() != pieces.size()
                || chunks.size() != pieceVectors.size() || chunks.size() != words.maxDoc()) {
            throw new IllegalArgumentException("one vector, one set of pieces and one document per chunk");
        }
        this.chunks = List.copyOf(chunks);
        this.vectors = vectors.toArray(new float[0][]);
        this.pieces = List.copyOf(pieces);
        this.pieceVectors = pieceVectors.toArray(new float[0][][]);
        for (int i = 0; i < chunks.size(); i++) {
            if (pieces.get(i).size() != this.pieceVectors[i].length) {
                throw new IllegalArgumentException("one vector per quotable piece of " + chunks.get(i).title());
            }
        }
        this.fileCount = fileCount;
        this.meanings = meanings;
        this.searcher = new IndexSearcher(words);
        searcher.setSimilarity(BM25);
        this.meanLength = meanLength(searcher);
        List<List<RowTerms>> rows = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            String title = chunks.get(i).title();
            // Without its columns' names, which every row repeats.
            rows.add(pieces.get(i).stream().filter(piece -> piece.row() != null)
                    .map(piece -> rowTerms(title + "\n" + piece.row().name() + ": "
                            + String.join("; ", piece.row().cells()))).toList());
        }
        this.rows = List.copyOf(rows);
        for (int i = 0; i < chunks.size(); i++) {
            passageTexts.add(chunks.get(i).indexedText());
            pieces.get(i).forEach(piece -> passageTexts.add(piece.text()));
        }
        this.idfs = idfs();
        chunks.forEach(c -> initialisms(c.text(), initialisms));
        repeatedTermInitials(chunks.stream().map(KnowledgeChunk::text).toList(),
                chunks.stream().flatMap(c -> Arrays.stream(c.title().split(" › "))).distinct().toList(), initialisms);
        this.lowerCaseTexts = chunks.stream().map(c -> (c.title() + " " + c.text()).toLowerCase(Locale.ROOT)
                .replaceAll("\\s+", " ")).toList();
        Map<String, Integer> pairCounts = new HashMap<>();
        for (KnowledgeChunk chunk : chunks) {
            String previous = null;
            for (String written : (chunk.title() + " " + chunk.text()).split("\\s+")) {
                String token = written.toLowerCase(Locale.ROOT);
                String word = EDGE_PUNCTUATION.matcher(token).replaceAll("");
                boolean plain = PLAIN_WORD.matcher(word).matches();
                if (plain) {
                    // A name with a capital inside ("AdministratorAccess") is no word a visitor clips ("admin").
                    if (!INNER_CAPITAL.matcher(written).find()) {
                        docsWords.add(word);
                    }
                    if (previous != null && token.startsWith(word)) {
                        joinedPairs.putIfAbsent(previous + word, previous + " " + word);
                        pairCounts.merge(previous + " " + word, 1, Integer::sum);
                    }
                }
                // A comma or full stop after a word ends the words that run on from it.
                previous = plain && token.endsWith(word) ? word : null;
            }
        }
        this.termPairs = termPairs(pairCounts);
        this.compounds = new Compounds(lowerCaseTexts);
        this.names = new DocsNames(chunks.stream().map(KnowledgeChunk::text).toList());
        Lexicon.ordinary("glassbox"); // reads the lexicon at indexing, not at the first question
    }

    public int passageCount() {
        return chunks.size();
    }

    /** Whether one passage contains every term of {@code all} and one of {@code any} (analyzed terms, as written). */
    public boolean onePassageSays(List<String> all, List<String> any) {
        for (KnowledgeChunk chunk : chunks) {
            Set<String> says = terms(chunk.indexedText());
            if (says.containsAll(all) && any.stream().anyMatch(says::contains)) {
                return true;
            }
        }
        return false;
    }

    public int fileCount() {
        return fileCount;
    }

    /**
     * The quotable pieces of the passages before this one in its section (same file and heading), in order:
     * where the antecedent of the passage's first sentence is when the chunker cut a long section.
     */
    public List<Quotables.Quotable> sectionBefore(KnowledgeChunk chunk) {
        List<Quotables.Quotable> before = new ArrayList<>();
        int at = chunks.indexOf(chunk);
        for (int i = at - 1; i >= 0 && chunks.get(i).source().equals(chunk.source())
                && chunks.get(i).title().equals(chunk.title()); i--) {
            before.addAll(0, pieces.get(i));
        }
        return before;
    }

    /**
     * The {@code limit} best passages for a question, and both rankings. Passages are ranked by meaning against
     * the embedding of {@link #meaningQuery}{@code (question)}, and judged by their similarity to that of
     * {@link #inDocsWords}{@code (question)}; in a follow-up, each embedding is blended with those of the passages
     * the previous answer quoted ({@link #FOLLOW_ON_WEIGHT}), since what the follow-up points at is often in them
     * rather than in any question.
     *
     * @param askedVector the embedding of {@link #inDocsWords}{@code (question)}
     * @param rankingVector the embedding of {@link #meaningQuery}{@code (question)}
     * @param previousAnswer the previous answer when the question is a follow-up, else empty
     */
    public Retrieval search(String question, float[] askedVector, float[] rankingVector, String previousAnswer,
                            int limit) {
        List<String> keywordTerms = List.copyOf(keywordTerms(question));
        int[] keywordRanks = keywordRanks(keywordTerms);
        List<Integer> followed = quotedBy(previousAnswer);
        float[] vector = followed.isEmpty() ? askedVector : blend(askedVector, followed);
        float[] ranking = rankingVector == askedVector ? vector
                : followed.isEmpty() ? rankingVector : blend(rankingVector, followed);
        double[][] pieceSimilarities = new double[chunks.size()][];
        double[] meaning = new double[chunks.size()];
        double[] rowMeaning = new double[chunks.size()];
        Integer[] byMeaning = new Integer[chunks.size()];
        double[] similarities = dots(vectors, vector);
        double[] rankingSimilarities = ranking == vector ? similarities : dots(vectors, ranking);
        for (int i = 0; i < chunks.size(); i++) {
            pieceSimilarities[i] = dots(pieceVectors[i], vector);
            double[] rankingPieces = ranking == vector ? pieceSimilarities[i] : dots(pieceVectors[i], ranking);
            meaning[i] = new Passage(chunks.get(i), rankingSimilarities[i], 0, 0, 0, pieces.get(i), rankingPieces)
                    .meaning(PIECE_WEIGHT);
            rowMeaning[i] = rowMeaning(pieces.get(i), rankingPieces);
            byMeaning[i] = i;
        }
        Arrays.sort(byMeaning, Comparator.comparingDouble(i -> -meaning[i]));
        int[] vectorRanks = new int[chunks.size()];
        for (int rank = 0; rank < byMeaning.length; rank++) {
            vectorRanks[byMeaning[rank]] = rank + 1;
        }
        // A row as close as the passages best by meaning makes its table's passage one of them.
        double leading = byMeaning.length == 0 ? 0
                : meaning[byMeaning[Math.min(MEANING_LEADERS, byMeaning.length) - 1]];
        Set<KnowledgeChunk> rowLeaders = new HashSet<>();
        List<Passage> fused = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            if (rowMeaning[i] > meaning[i] && rowMeaning[i] >= leading) {
                rowLeaders.add(chunks.get(i));
            }
            double score = 0;
            if (vectorRanks[i] <= CANDIDATES) {
                score += 1.0 / (RRF_K + vectorRanks[i]);
            }
            if (keywordRanks[i] > 0) {
                score += 1.0 / (RRF_K + keywordRanks[i]);
            }
            if (score > 0 || rowLeaders.contains(chunks.get(i))) {
                fused.add(new Passage(chunks.get(i), similarities[i], vectorRanks[i], keywordRanks[i], score,
                        pieces.get(i), pieceSimilarities[i]));
            }
        }
        fused.sort(Comparator.comparingDouble(Passage::fusedScore).reversed()
                .thenComparing(Comparator.comparingDouble(Passage::similarity).reversed()));
        List<Retrieval.Ranked> byKeywords = new ArrayList<>();
        for (int rank = 1; rank <= SHOWN_RANKS; rank++) {
            for (int i = 0; i < chunks.size(); i++) {
                if (keywordRanks[i] == rank) {
                    byKeywords.add(ranked(i, rank));
                }
            }
        }
        List<Retrieval.Ranked> byVectors = new ArrayList<>();
        for (int rank = 0; rank < Math.min(SHOWN_RANKS, byMeaning.length); rank++) {
            byVectors.add(ranked(byMeaning[rank], rank + 1));
        }
        List<Retrieval.Ranked> previous = followed.stream().map(i -> ranked(i, followed.indexOf(i) + 1)).toList();
        return new Retrieval(leadersKept(fused, limit, rowLeaders), byKeywords, byVectors, keywordTerms,
                meaningQuery(question), previous, askedVector, 0);
    }

    /**
     * How close in meaning a table's closest row is, taken as a unit of its own: as close as a sentence would be
     * ({@link #PIECE_WEIGHT}). Its passage ranks with its rows weighed less ({@link Passage#ROW_WEIGHT}: short and full
     * of names, a row is close to many questions it does not answer), which drops the row that does answer behind
     * prose that only shares its topic; a row as close as the passages best by meaning is judged with them.
     */
    private static double rowMeaning(List<Quotables.Quotable> pieces, double[] similarities) {
        double best = 0;
        for (int i = 0; i < similarities.length; i++) {
            if (pieces.get(i).row() != null) {
                best = Math.max(best, PIECE_WEIGHT * similarities[i]);
            }
        }
        return best;
    }

    /**
     * The first {@code limit} passages of the fused order, and after them the best passage by keywords and the
     * {@link #MEANING_LEADERS} best by meaning if the fused order left them out. Where the rankings disagree,
     * reciprocal rank fusion drops a passage that one ranking puts first behind passages both rankings find
     * middling: the docs use the visitor's rarest word in a passage that meaning ranks low ("owner" in the passage
     * on the owner's report), or state the fact in other words than the visitor's generic ones, so that keywords
     * rank it below their top 20 ("How much is a single answer on AWS?" and "One answer in the cloud is estimated
     * to cost …"). Such a passage is judged with the others instead, and so is a table's passage whose row is as close
     * in meaning as they are ({@link #rowMeaning}).
     */
    private static List<Passage> leadersKept(List<Passage> fused, int limit, Set<KnowledgeChunk> rowLeaders) {
        List<Passage> kept = new ArrayList<>(fused.subList(0, Math.min(limit, fused.size())));
        for (int i = limit; i < fused.size(); i++) {
            if (fused.get(i).keywordRank() == 1 || fused.get(i).vectorRank() <= MEANING_LEADERS
                    || rowLeaders.contains(fused.get(i).chunk())) {
                kept.add(fused.get(i));
            }
        }
        return List.copyOf(kept);
    }

    /**
     * The passages an answer quotes, in the order it first quotes them: those with a quotable piece it quotes
     * ({@link Quotables.Quotable#quotedAt}).
     */
    List<Integer> quotedBy(String answer) {
        List<Integer> quoted = new ArrayList<>();
        if (answer == null || answer.isBlank()) {
            return quoted;
        }
        List<int[]> found = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            int first = -1;
            for (Quotables.Quotable piece : pieces.get(i)) {
                int at = piece.quotedAt(answer);
                if (at >= 0 && (first < 0 || at < first)) {
                    first = at;
                }
            }
            if (first >= 0) {
                found.add(new int[] {first, i});
            }
        }
        found.sort(Comparator.comparingInt(f -> f[0]));
        found.forEach(f -> quoted.add(f[1]));
        return quoted;
    }

    /** The question's embedding plus {@link #FOLLOW_ON_WEIGHT} times the mean of the followed passages', unit length. */
    private float[] blend(float[] query, List<Integer> followed) {
        float[] blended = query.clone();
        for (int chunk : followed) {
            for (int d = 0; d < query.length; d++) {
                blended[d] += (float) (FOLLOW_ON_WEIGHT * vectors[chunk][d] / followed.size());
            }
        }
        return Embedder.unit(blended);
    }

    private Retrieval.Ranked ranked(int chunk, int rank) {
        return new Retrieval.Ranked(rank, chunks.get(chunk).source(), chunks.get(chunk).title());
    }

    /**
     * Whether any passage contains a whole word of {@code name}: false only for a name with searchable words
     * (numbers and stop words aside) of which the docs use none. A word the docs write as two words in a row
     * ("knowledgebase", "sessionid") or in full ("infra" for "infrastructure") counts as used.
     */
    public boolean mentions(String name) {
        if (writtenOtherwise(name.toLowerCase(Locale.ROOT))) {
            return true;
        }
        boolean searchable = false;
        for (String term : terms(wholeWords, name)) {
            if (!term.chars().allMatch(Character::isDigit)) {
                searchable = true;
                if (documentFrequency(term) > 0) {
                    return true;
                }
            }
        }
        return !searchable;
    }

    /**
     * The shortest acronym typed in lower case ("ttft") that is read as the term the docs spell out: shorter ones are
     * mostly chat spelling ("btw", "imo"), and the initials of some few words of the docs spell most of them.
     */
    private static final int LOWER_CASE_ACRONYM = 4;

    /** The shortest start of a word that counts as the word clipped ("infra"), not as a syllable. */
    private static final int CLIPPED = 5;

    /**
     * Whether the docs write this lower-case word as two words in a row, as a longer word it starts, or with a
     * hyphen: a visitor's joined or clipped form of their term.
     */
    private boolean writtenOtherwise(String word) {
        return joinedPairs.containsKey(word) || word.length() >= CLIPPED && clippedFrom(word) != null
                || compounds.writtenHyphenated(word) || otherSpelling(word) != null || clippedPair(word) != null;
    }

    /** The shortest part of a clipped pair ({@link #clippedPair}): "sym" of "symlink". */
    private static final int CLIPPED_PART = 3;

    /**
     * The docs' two words in a row, a term they write at least twice, that {@code word} joins with either or both
     * clipped, as engineers shorten terms: "symlink" for "symbolic link", "envvar" for "environment variable".
     * Null when none does, or the word is one of the embedder's vocabulary (a word of its own); the docs' most
     * frequent such term when several do.
     */
    private String clippedPair(String word) {
        if (word.length() < 2 * CLIPPED_PART || Lexicon.whole(word)) {
            return null;
        }
        for (String pair : termPairs.getOrDefault(word.substring(0, CLIPPED_PART), List.of())) {
            int space = pair.indexOf(' ');
            for (int cut = CLIPPED_PART; cut <= Math.min(space, word.length() - CLIPPED_PART); cut++) {
                // A plural's "s" may end the second word clipped: "symlinks".
                String second = word.endsWith("s") ? word.substring(cut, word.length() - 1) : word.substring(cut);
                if (second.length() >= CLIPPED_PART && pair.startsWith(word.substring(0, cut))
                        && pair.startsWith(second, space + 1) && pair.length() > word.length() + 1) {
                    return pair;
                }
            }
        }
        return null;
    }

    /** The pairs counted more than once, by the first three letters of their first word, most frequent first. */
    private static Map<String, List<String>> termPairs(Map<String, Integer> pairCounts) {
        Map<String, List<String>> pairs = new HashMap<>();
        pairCounts.entrySet().stream().filter(pair -> pair.getValue() > 1 && pair.getKey().indexOf(' ') >= CLIPPED_PART)
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(pair -> pairs.computeIfAbsent(pair.getKey().substring(0, CLIPPED_PART), start -> new ArrayList<>())
                        .add(pair.getKey()));
        return pairs;
    }

    /** The docs' spelling of a lower-case word they write the other way, British or American ({@link Spellings}). */
    private String otherSpelling(String word) {
        return Spellings.others(word).stream().filter(this::mentionsAsWritten).findFirst().orElse(null);
    }

    /**
     * The docs' longer word that {@code word} starts, or null; none for a word of the embedder's vocabulary, which is
     * a word of its own ("white"), not a clipped one ("whitespace").
     */
    private String clippedFrom(String word) {
        if (Lexicon.whole(word)) {
            return null;
        }
        String longer = docsWords.ceiling(word);
        return longer != null && longer.startsWith(word) && !longer.equals(word) ? longer : null;
    }

    /**
     * Whether a passage writes the noun, or a word it starts, then a preposition and the modifier: "macOS on Intel"
     * for the visitor's "Intel Mac". Case aside.
     */
    public boolean mentionsModified(String modifier, String noun) {
        Pattern modified = Pattern.compile("\\b" + Pattern.quote(noun.toLowerCase(Locale.ROOT))
                + "\\p{L}* (?:on|with|for|of|in|from) (?:the |an? )?" + Pattern.quote(modifier.toLowerCase(Locale.ROOT))
                + "\\b");
        return lowerCaseTexts.stream().anyMatch(text -> modified.matcher(text).find());
    }

    /**
     * Whether a passage contains the words, in a row, as written (case aside), as whole words: "Glassbox Pro" is not
     * in "Glassbox program". A phrase ending in a space may go on in a longer word.
     */
    public boolean mentionsPhrase(String words) {
        String phrase = words.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        return lowerCaseTexts.stream().anyMatch(text -> containsWhole(text, phrase));
    }

    private static boolean containsWhole(String text, String phrase) {
        for (int at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
            int end = at + phrase.length();
            if ((at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)) || !Character.isLetterOrDigit(phrase.charAt(0)))
                    && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end))
                    || !Character.isLetterOrDigit(phrase.charAt(phrase.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the docs write the word only as a name of its own ({@link DocsNames}). */
    public boolean namesOnItsOwn(String word) {
        return names.namesOnItsOwn(word);
    }

    /** Whether one sentence of the docs says a modifier and a noun together ({@link WordMeanings#saidTogether}). */
    public boolean saidTogether(float[] modifier, float[] noun) {
        return meanings.saidTogether(modifier, noun);
    }

    /**
     * Whether a term of the docs is within one edit (a letter added, dropped, changed or two swapped) of the
     * word, analysed: the word is then most likely a typing error for it, not a name the docs never use.
     */
    public boolean nearlyMentions(String word) {
        for (String term : terms(wholeWords, word)) {
            for (String known : idfs.keySet()) {
                if (withinOneEdit(term, known)) {
                    return true;
                }
            }
        }
        return false;
    }

    public static boolean withinOneEdit(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (i == a.length() || i == b.length()) {
            return true;
        }
        return a.substring(i + 1).equals(b.substring(i + 1)) || a.substring(i).equals(b.substring(i + 1))
                || a.substring(i + 1).equals(b.substring(i))
                || a.length() == b.length() && i + 1 < a.length() && a.charAt(i) == b.charAt(i + 1)
                && a.charAt(i + 1) == b.charAt(i) && a.substring(i + 2).equals(b.substring(i + 2));
    }

    /**
     * Whether the docs spell out an acronym in words: "SSE" for "server-sent events", "CSP" for
     * "Content-Security-Policy". Only the words of a hyphenated term (and the word after it) and runs of
     * capitalised words count, as the initials of any few words in a row would spell most short acronyms.
     */
    public boolean spellsOut(String acronym) {
        return initialisms.containsKey(acronym.toLowerCase(Locale.ROOT));
    }

    private static final Pattern HYPHENATED = Pattern.compile("\\b\\p{L}+(?:-\\p{L}+)+(?:\\s+(\\p{L}+))?");
    private static final Pattern CAPITALISED_RUN = Pattern.compile("\\b\\p{Lu}\\p{L}*(?:[ \\t]+\\p{Lu}\\p{L}*)+");

    static void initialisms(String text, Map<String, String> into) {
        Matcher hyphenated = HYPHENATED.matcher(text);
        while (hyphenated.find()) {
            String compound = hyphenated.group().substring(0, hyphenated.group().length()
                    - (hyphenated.group(1) == null ? 0 : hyphenated.group(1).length())).strip();
            String initials = initials(compound.split("-"));
            into.putIfAbsent(initials, compound);
            if (hyphenated.group(1) != null) {
                into.putIfAbsent(initials + Character.toLowerCase(hyphenated.group(1).charAt(0)),
                        compound + " " + hyphenated.group(1));
            }
        }
        Matcher run = CAPITALISED_RUN.matcher(text);
        while (run.find()) {
            String[] words = run.group().split("\\s+");
            for (int from = 0; from < words.length; from++) {
                for (int to = from + 2; to <= words.length; to++) {
                    String[] term = Arrays.copyOfRange(words, from, to);
                    into.putIfAbsent(initials(term), String.join(" ", term));
                }
            }
        }
    }

    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[^\\p{L}]+|[^\\p{L}]+$");
    /** Where a run of words that may be a term ends: punctuation, or a word that starts a clause or an example. */
    private static final Pattern CLAUSE_BREAK = Pattern.compile("[.;:!?()\\[\\]\\n,\"]|(?i)\\b(?:such|which|who|"
            + "whose|where|when|while|because|since|if|unless|than|like|including|whether|until|"
            // Adverbs end a term too: "servers started at once" is no term whose initials spell SSO.
            + "once|most|least|only|also|even|just|still|already|again|never|always|often)\\b");
    private static final Pattern PLAIN_WORD = Pattern.compile("\\p{L}+");
    private static final Pattern INNER_CAPITAL = Pattern.compile("\\p{L}\\p{Lu}");

    /**
     * The initials of the terms of two to five words that the docs use at least twice, such as "time to live",
     * or in a heading ("Infrastructure as code"): with any of their small words left out (TTL; "time to the
     * first token" as TTFT, TTTFT or TFT). A term the docs repeat, or a section is about, is a term; the
     * initials of words that meet once by chance are not counted.
     */
    static void repeatedTermInitials(List<String> texts, List<String> headings, Map<String, String> into) {
        Map<String, Integer> counts = new HashMap<>();
        texts.forEach(text -> countTerms(text, 1, counts));
        headings.forEach(heading -> countTerms(heading, 2, counts));
        counts.forEach((term, count) -> {
            if (count >= 2) {
                Set<String> initials = new HashSet<>();
                initialsLeavingOutSmallWords(term.split(" "), 0, new StringBuilder(), initials);
                initials.forEach(i -> into.putIfAbsent(i, term));
            }
        });
    }

    /** Adds {@code weight} to the count of every run of two to five words of a clause of the text. */
    private static void countTerms(String text, int weight, Map<String, Integer> counts) {
        for (String clause : CLAUSE_BREAK.split(text)) {
            List<String> words = new ArrayList<>();
            for (String word : clause.split("[\\s\\-/]+")) {
                if (PLAIN_WORD.matcher(word).matches()) {
                    words.add(word.toLowerCase(Locale.ROOT));
                }
            }
            for (int n = 2; n <= 5; n++) {
                for (int i = 0; i + n <= words.size(); i++) {
                    List<String> term = words.subList(i, i + n);
                    if (!SMALL_WORDS.contains(term.get(0)) && !SMALL_WORDS.contains(term.get(n - 1))) {
                        counts.merge(String.join(" ", term), weight, Integer::sum);
                    }
                }
            }
        }
    }

    /** The initials of {@code words} from {@code from} on, after {@code initials}, with or without each small word. */
    private static void initialsLeavingOutSmallWords(String[] words, int from, StringBuilder initials, Set<String> into) {
        if (from == words.length) {
            into.add(initials.toString());
            return;
        }
        if (SMALL_WORDS.contains(words[from])) {
            initialsLeavingOutSmallWords(words, from + 1, initials, into);
        }
        initials.append(words[from].charAt(0));
        initialsLeavingOutSmallWords(words, from + 1, initials, into);
        initials.setLength(initials.length() - 1);
    }

    private static final Set<String> SMALL_WORDS = Set.of("a", "an", "the", "of", "to", "in", "on", "at", "for", "and",
            "or", "by", "with", "as", "is", "are", "be", "it", "its", "from", "that", "this", "per");

    private static String initials(String[] words) {
        StringBuilder initials = new StringBuilder();
        for (String word : words) {
            if (!word.isEmpty()) {
                initials.append(Character.toLowerCase(word.charAt(0)));
            }
        }
        return initials.toString();
    }

    private static final Pattern QUESTION_WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    /**
     * The question in the docs' own words where it uses a form of theirs they never write: their word spelt the
     * other way, British or American ("color" as "colour"), an acronym they spell out ("TTFT" as "time to the first token"), two of their words run together ("knowledgebase" as
     * "knowledge base") or one of their words clipped ("infra" as "infrastructure"), a word they write as two
     * or hyphenated and the reverse ({@link Compounds}), and a phrasal verb for starting or stopping in plain words
     * ({@link KnowledgeAnalyzer#plainVerbs}). Keyword search, coverage and the ranking by meaning then find what
     * the docs say about it.
     */
    public String inDocsWords(String question) {
        Matcher word = QUESTION_WORD.matcher(
                compounds.asTheDocsWriteThem(KnowledgeAnalyzer.plainVerbs(question), this::mentionsPhrase));
        // Each distinct word is looked up once: a long question repeats its words, and each look-up searches the index.
        Map<String, String> read = new HashMap<>();
        StringBuilder out = new StringBuilder();
        while (word.find()) {
            word.appendReplacement(out, Matcher.quoteReplacement(read.computeIfAbsent(word.group(), this::inDocsWord)));
        }
        word.appendTail(out);
        return out.toString();
    }

    /** One word of a question in the docs' words ({@link #inDocsWords}), or the word as written. */
    private String inDocsWord(String written) {
        if (mentionsAsWritten(written)) {
            return written;
        }
        String lower = written.toLowerCase(Locale.ROOT);
        String docs;
        if (written.chars().filter(Character::isUpperCase).count() >= 2) {
            // An acronym the embedder reads as a word ("RAM") is left to it: spelt out it could only be
            // a run of the docs' words with the same initials ("run at most").
            docs = Lexicon.whole(lower) ? null : initialisms.get(lower);
        } else {
            docs = otherSpelling(lower);
            if (docs == null && written.equals(lower) && lower.length() >= CLIPPED) {
                docs = joinedPairs.getOrDefault(lower, clippedFrom(lower));
            }
            if (docs == null && written.equals(lower)) {
                docs = clippedPair(lower);
            }
            if (docs == null && written.equals(lower) && lower.length() >= LOWER_CASE_ACRONYM && !Lexicon.whole(lower)) {
                docs = initialisms.get(lower);
            }
        }
        return docs == null ? written : docs;
    }

    private boolean mentionsAsWritten(String word) {
        for (String term : terms(wholeWords, word)) {
            if (documentFrequency(term) > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The visitor's word behind each of {@link #contentTerms}{@code (question)}, lower case, as read in the docs'
     * words ({@link #inDocsWords}): what a term reads as to a visitor ("google" for the stem "googl").
     */
    public Map<String, String> termWords(String question) {
        String read = QuestionForm.without(inDocsWords(question));
        Map<String, String> words = new LinkedHashMap<>();
        try (TokenStream stream = questionAnalyzer.tokenStream("text", read)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken() && words.size() < MAX_QUERY_TERMS) {
                words.putIfAbsent(term.toString(),
                        read.substring(offset.startOffset(), offset.endOffset()).toLowerCase(Locale.ROOT));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }

    /** The embedding of words as the visitor wrote them, lower case ("ubuntu", "google cloud"). Blocking. */
    public float[] meaningOf(String words) {
        return meanings.of(words.toLowerCase(Locale.ROOT));
    }

    /**
     * The meaning of each of {@link #contentTerms}{@code (question)}: the embedding of the visitor's word it was
     * read from ({@link #termWords}; the word itself, not its stem, which the embedder would not know). Blocking: a
     * word the docs never use is embedded now.
     */
    public Map<String, float[]> termMeanings(Map<String, String> termWords) {
        Map<String, float[]> meanings = new LinkedHashMap<>();
        termWords.forEach((term, word) -> meanings.put(term, this.meanings.of(word)));
        return meanings;
    }

    /**
     * How close in meaning the docs' closest word is to {@code word} (cosine of their embeddings): at {@link
     * WordMeanings#SAME_MEANING} or more, the docs name what the word names in words of their own. Blocking when
     * the docs never use the word.
     */
    public double knownMeaning(String word) {
        return meanings.nearest(meanings.of(word.toLowerCase(Locale.ROOT)));
    }

    /** How close in meaning the passage's closest word is to a word with this embedding ({@link #termMeanings}). */
    public double closeness(float[] meaning, KnowledgeChunk chunk) {
        return meanings.closeness(meaning, chunk);
    }

    public double closeness(float[] meaning, String text) {
        return meanings.closeness(meaning, text);
    }

    /**
     * The analyzed terms of a question that carry its content: question words such as "how", "does" or
     * "worked out", the adverb of "how long", and the product's name (which nearly every question names) dropped.
     */
    public Set<String> contentTerms(String question) {
        return terms(questionAnalyzer, QuestionForm.without(inDocsWords(question)));
    }

    /**
     * What the question's embedding is computed from: the question in the docs' words ({@link #inDocsWords}),
     * with the product's name replaced by "it" unless it asks about nothing else. Passages that only introduce Glassbox by name ("Glassbox is open
     * source…") are otherwise the closest in meaning to any question that names it.
     */
    public String meaningQuery(String question) {
        String docsWords = inDocsWords(question);
        return contentTerms(question).isEmpty() ? docsWords : PRODUCT_NAME.matcher(docsWords).replaceAll("it");
    }

    private int documentFrequency(String term) {
        try {
            return searcher.getIndexReader().docFreq(new Term("text", term))
                    + searcher.getIndexReader().docFreq(new Term("title", term));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The distinct analyzed (lower-cased, stemmed, stop-word-free) terms of {@code text}, in order; read-only. */
    public Set<String> terms(String text) {
        if (!passageTexts.contains(text)) {
            return Collections.unmodifiableSet(terms(analyzer, text));
        }
        return passageTerms.computeIfAbsent(text, t -> Collections.unmodifiableSet(terms(analyzer, t)));
    }

    public static Set<String> terms(Analyzer analyzer, String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken() && terms.size() < MAX_QUERY_TERMS) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    /** Whether a passage contains the analyzed term. */
    public boolean uses(String term) {
        return idfs.containsKey(term);
    }

    /**
     * How much a term tells passages apart (BM25's inverse document frequency). A term no passage contains
     * weighs as one that a single passage contains: it is often the visitor's own word for something the
     * docs say otherwise ("computer" for "machine"), and must not outweigh the rest of the question.
     */
    public double idf(String term) {
        Double known = idfs.get(term);
        return known != null ? known : idf(0);
    }

    private double idf(int documentFrequency) {
        int docFreq = Math.max(1, documentFrequency);
        int docs = Math.max(1, chunks.size());
        return Math.log(1 + (docs - docFreq + 0.5) / (docFreq + 0.5));
    }

    private Map<String, Double> idfs() {
        Map<String, Double> idfs = new HashMap<>();
        try {
            Terms terms = MultiTerms.getTerms(searcher.getIndexReader(), "text");
            if (terms == null) {
                return idfs;
            }
            TermsEnum term = terms.iterator();
            for (BytesRef bytes = term.next(); bytes != null; bytes = term.next()) {
                idfs.put(bytes.utf8ToString(), idf(term.docFreq()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return idfs;
    }

    /**
     * What BM25 searches for: the question's content terms. Words that only make it a question ("how",
     * "long" in "how long") would rank first the passages that describe how the agent answers such questions.
     * A question of question words alone ("What is Glassbox?") is searched by all its words.
     */
    private Set<String> keywordTerms(String question) {
        Set<String> content = contentTerms(question);
        return content.isEmpty() ? terms(question) : content;
    }

    /**
     * Each passage's rank by BM25 over {@code terms}, from 1; 0 when not among the candidates. A table's passage
     * ranks by the better of its own score and its best row's ({@link #rowScore}): a fact stated in one row of a
     * long table is otherwise drowned, for BM25, by the length of the rest.
     */
    private int[] keywordRanks(List<String> terms) {
        int[] ranks = new int[chunks.size()];
        if (terms.isEmpty()) {
            return ranks;
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        BooleanQuery.Builder titles = new BooleanQuery.Builder();
        for (String term : terms) {
            query.add(new TermQuery(new Term("text", term)), BooleanClause.Occur.SHOULD);
            BoostQuery title = new BoostQuery(new TermQuery(new Term("title", term)), 0.5f);
            query.add(title, BooleanClause.Occur.SHOULD);
            titles.add(title, BooleanClause.Occur.SHOULD);
        }
        double[] scores = scores(query.build());
        // Only a table row that matches needs the titles' scores, so a question no row matches (one in four) skips them.
        double[] titleScores = null;
        for (int i = 0; i < chunks.size(); i++) {
            for (RowTerms row : rows.get(i)) {
                double score = rowScore(row, terms);
                if (score > 0) {
                    if (titleScores == null) {
                        titleScores = scores(titles.build());
                    }
                    scores[i] = Math.max(scores[i], titleScores[i] + score);
                }
            }
        }
        Integer[] order = new Integer[chunks.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // Equal scores keep the index's order, as Lucene's own ranking does.
        Arrays.sort(order, Comparator.comparingDouble(i -> -scores[i]));
        for (int rank = 0; rank < Math.min(CANDIDATES, order.length) && scores[order[rank]] > 0; rank++) {
            ranks[order[rank]] = rank + 1;
        }
        return ranks;
    }

    /** Each passage's score for a query, 0 where it does not match. */
    private double[] scores(BooleanQuery query) {
        double[] scores = new double[chunks.size()];
        try {
            for (ScoreDoc hit : searcher.search(query, Math.max(1, chunks.size())).scoreDocs) {
                scores[hit.doc] = hit.score;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return scores;
    }

    /** The searcher's BM25, with Lucene's defaults, whose parameters {@link #rowScore} uses. */
    private static final BM25Similarity BM25 = new BM25Similarity();

    /**
     * A table row's BM25 score for the terms' text field, as if the row (under its passage's title) were a
     * passage of its own among the others: the same idf, the same mean length, its own length.
     */
    private double rowScore(RowTerms row, List<String> terms) {
        double score = 0;
        double norm = BM25.getK1() * (1 - BM25.getB() + BM25.getB() * row.length() / meanLength);
        for (String term : terms) {
            int frequency = row.frequencies().getOrDefault(term, 0);
            if (frequency > 0) {
                score += idf(term) * frequency / (frequency + norm);
            }
        }
        return score;
    }

    /** How often each term occurs in a table row, and the row's length in terms, as the index counts them. */
    private record RowTerms(Map<String, Integer> frequencies, int length) {
    }

    private RowTerms rowTerms(String text) {
        Map<String, Integer> frequencies = new HashMap<>();
        int length = 0;
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute position = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                frequencies.merge(term.toString(), 1, Integer::sum);
                // A term stacked on another (a name's part) adds no length, as Lucene counts it.
                length += position.getPositionIncrement() > 0 ? 1 : 0;
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RowTerms(frequencies, Math.max(1, length));
    }

    private static double meanLength(IndexSearcher searcher) {
        try {
            CollectionStatistics text = searcher.collectionStatistics("text");
            return text == null ? 1 : (double) text.sumTotalTermFreq() / text.docCount();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Each row's dot product with {@code query}, eight rows at a time: each sum still adds in order (the same
     * result as one row at a time), but while one addition waits for the one before it, the CPU works on the
     * other seven sums, which makes this the cheaper half of searching instead of the dearer.
     */
    private static double[] dots(float[][] rows, float[] query) {
        double[] dots = new double[rows.length];
        int r = 0;
        for (; r + 8 <= rows.length; r += 8) {
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            double s4 = 0;
            double s5 = 0;
            double s6 = 0;
            double s7 = 0;
            float[] r0 = rows[r];
            float[] r1 = rows[r + 1];
            float[] r2 = rows[r + 2];
            float[] r3 = rows[r + 3];
            float[] r4 = rows[r + 4];
            float[] r5 = rows[r + 5];
            float[] r6 = rows[r + 6];
            float[] r7 = rows[r + 7];
            for (int i = 0; i < query.length; i++) {
                float q = query[i];
                s0 += r0[i] * q;
                s1 += r1[i] * q;
                s2 += r2[i] * q;
                s3 += r3[i] * q;
                s4 += r4[i] * q;
                s5 += r5[i] * q;
                s6 += r6[i] * q;
                s7 += r7[i] * q;
            }
            dots[r] = s0;
            dots[r + 1] = s1;
            dots[r + 2] = s2;
            dots[r + 3] = s3;
            dots[r + 4] = s4;
            dots[r + 5] = s5;
            dots[r + 6] = s6;
            dots[r + 7] = s7;
        }
        for (; r < rows.length; r++) {
            double sum = 0;
            for (int i = 0; i < query.length; i++) {
                sum += rows[r][i] * query[i];
            }
            dots[r] = sum;
        }
        return dots;
    }
}
