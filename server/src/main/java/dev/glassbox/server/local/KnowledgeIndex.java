package dev.glassbox.server.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * An immutable, searchable snapshot of the knowledge base: Lucene BM25 over the passages' words and
 * brute-force cosine over their embeddings, fused by reciprocal rank. Thread-safe.
 */
public final class KnowledgeIndex {
    /** Reciprocal rank fusion's damping constant, as in the original paper. */
    private static final int RRF_K = 60;
    private static final int CANDIDATES = 20;
    private static final int MAX_QUERY_TERMS = 256;
    /** Entries of each ranking the trace shows. */
    private static final int SHOWN_RANKS = 5;
    /** How much a passage's closest sentence counts towards its rank by meaning, against the whole passage. */
    static final double PIECE_WEIGHT = 0.9;
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
    private final int fileCount;
    /**
     * The passages' and their pieces' texts, whose terms every answer compares with the question's; each is
     * analysed on first use only and then kept (bounded by the index), which halves the CPU of planning an answer.
     */
    private final Set<String> passageTexts = new HashSet<>();
    private final Map<String, Set<String>> passageTerms = new ConcurrentHashMap<>();
    /** {@link #idf} of every term the passages contain, worked out once rather than per sentence of every answer. */
    private final Map<String, Double> idfs;

    /**
     * @param vectors each chunk's embedding
     * @param pieceVectors for each chunk, the embeddings of its {@link Quotables} pieces, in order
     * @param words the chunks' Lucene index ({@link LuceneIndexCache}), one document per chunk, in order
     */
    public KnowledgeIndex(List<KnowledgeChunk> chunks, List<float[]> vectors, List<float[][]> pieceVectors,
                          DirectoryReader words, int fileCount) {
        if (chunks.size() != vectors.size() || chunks.size() != pieceVectors.size()
                || chunks.size() != words.maxDoc()) {
            throw new IllegalArgumentException("one vector, one set of piece vectors and one document per chunk");
        }
        this.chunks = List.copyOf(chunks);
        this.vectors = vectors.toArray(new float[0][]);
        this.pieces = chunks.stream().map(c -> Quotables.of(c.text())).toList();
        this.pieceVectors = pieceVectors.toArray(new float[0][][]);
        for (int i = 0; i < chunks.size(); i++) {
            if (pieces.get(i).size() != this.pieceVectors[i].length) {
                throw new IllegalArgumentException("one vector per quotable piece of " + chunks.get(i).title());
            }
        }
        this.fileCount = fileCount;
        this.searcher = new IndexSearcher(words);
        for (int i = 0; i < chunks.size(); i++) {
            passageTexts.add(chunks.get(i).indexedText());
            pieces.get(i).forEach(piece -> passageTexts.add(piece.text()));
        }
        this.idfs = idfs();
    }

    public int passageCount() {
        return chunks.size();
    }

    public int fileCount() {
        return fileCount;
    }

    /**
     * The {@code limit} best passages for a question, and both rankings. Passages are ranked by meaning on
     * what the question asks about ({@link #meaningQuery}); their similarity, which decides whether they
     * answer, is to the question as asked.
     *
     * @param queryVector the embedding of the question
     * @param rankingVector the embedding of {@link #meaningQuery}{@code (question)}
     */
    public Retrieval search(String question, float[] queryVector, float[] rankingVector, int limit) {
        List<String> keywordTerms = List.copyOf(keywordTerms(question));
        int[] keywordRanks = keywordRanks(keywordTerms);
        double[][] pieceSimilarities = new double[chunks.size()][];
        double[] meaning = new double[chunks.size()];
        Integer[] byMeaning = new Integer[chunks.size()];
        double[] similarities = dots(vectors, queryVector);
        boolean sameVector = rankingVector == queryVector;
        double[] rankingSimilarities = sameVector ? similarities : dots(vectors, rankingVector);
        for (int i = 0; i < chunks.size(); i++) {
            pieceSimilarities[i] = dots(pieceVectors[i], queryVector);
            double[] rankingPieces = sameVector ? pieceSimilarities[i] : dots(pieceVectors[i], rankingVector);
            meaning[i] = new Passage(chunks.get(i), rankingSimilarities[i], 0, 0, 0, pieces.get(i), rankingPieces)
                    .meaning(PIECE_WEIGHT);
            byMeaning[i] = i;
        }
        Arrays.sort(byMeaning, Comparator.comparingDouble(i -> -meaning[i]));
        int[] vectorRanks = new int[chunks.size()];
        for (int rank = 0; rank < byMeaning.length; rank++) {
            vectorRanks[byMeaning[rank]] = rank + 1;
        }
        List<Passage> fused = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            double score = 0;
            if (vectorRanks[i] <= CANDIDATES) {
                score += 1.0 / (RRF_K + vectorRanks[i]);
            }
            if (keywordRanks[i] > 0) {
                score += 1.0 / (RRF_K + keywordRanks[i]);
            }
            if (score > 0) {
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
        return new Retrieval(List.copyOf(fused.subList(0, Math.min(limit, fused.size()))), byKeywords, byVectors,
                keywordTerms, meaningQuery(question), 0);
    }

    private Retrieval.Ranked ranked(int chunk, int rank) {
        return new Retrieval.Ranked(rank, chunks.get(chunk).source(), chunks.get(chunk).title());
    }

    /**
     * Whether any passage contains a whole word of {@code name}: false only for a name with searchable words
     * (numbers and stop words aside) of which the docs use none.
     */
    public boolean mentions(String name) {
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
     * The analyzed terms of a question that carry its content: question words such as "how", "does" or
     * "worked out", the adverb of "how long", and the product's name (which nearly every question names) dropped.
     */
    public Set<String> contentTerms(String question) {
        return terms(questionAnalyzer, Understanding.withoutQuestionForm(question));
    }

    /**
     * What the question's embedding is computed from: the question with the product's name replaced by "it",
     * unless it asks about nothing else. Passages that only introduce Glassbox by name ("Glassbox is open
     * source…") are otherwise the closest in meaning to any question that names it.
     */
    public String meaningQuery(String question) {
        return contentTerms(question).isEmpty() ? question : PRODUCT_NAME.matcher(question).replaceAll("it");
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

    static Set<String> terms(Analyzer analyzer, String text) {
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

    /** Each passage's rank by BM25 over {@code terms}, from 1; 0 when not among the candidates. */
    private int[] keywordRanks(List<String> terms) {
        int[] ranks = new int[chunks.size()];
        if (terms.isEmpty()) {
            return ranks;
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String term : terms) {
            query.add(new TermQuery(new Term("text", term)), BooleanClause.Occur.SHOULD);
            query.add(new BoostQuery(new TermQuery(new Term("title", term)), 0.5f), BooleanClause.Occur.SHOULD);
        }
        try {
            ScoreDoc[] hits = searcher.search(query.build(), CANDIDATES).scoreDocs;
            for (int rank = 0; rank < hits.length; rank++) {
                ranks[hits[rank].doc] = rank + 1;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ranks;
    }

    /**
     * Each row's dot product with {@code query}, four rows at a time: each sum still adds in order (the same
     * result as one row at a time), but while one addition waits for the one before it, the CPU works on the
     * other three sums, which makes this the cheaper half of searching instead of the dearer.
     */
    private static double[] dots(float[][] rows, float[] query) {
        double[] dots = new double[rows.length];
        int r = 0;
        for (; r + 4 <= rows.length; r += 4) {
            float[] a = rows[r];
            float[] b = rows[r + 1];
            float[] c = rows[r + 2];
            float[] d = rows[r + 3];
            double sumA = 0;
            double sumB = 0;
            double sumC = 0;
            double sumD = 0;
            for (int i = 0; i < query.length; i++) {
                float q = query[i];
                sumA += a[i] * q;
                sumB += b[i] * q;
                sumC += c[i] * q;
                sumD += d[i] * q;
            }
            dots[r] = sumA;
            dots[r + 1] = sumB;
            dots[r + 2] = sumC;
            dots[r + 3] = sumD;
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
