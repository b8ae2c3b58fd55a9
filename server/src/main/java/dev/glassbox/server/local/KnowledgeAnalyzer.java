package dev.glassbox.server.local;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * English analysis that also reads the names a technical text is full of: {@code deploy.yml},
 * {@code GLASSBOX_DAILY_BUDGET_USD} and {@code KnowledgeSync} yield their parts (deploy, yml; daily,
 * budget; knowledge, sync) besides the whole token, so a question saying "budget" finds the setting.
 */
final class KnowledgeAnalyzer extends Analyzer {
    private static final int SPLITTING = WordDelimiterGraphFilter.GENERATE_WORD_PARTS
            | WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS
            | WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE
            | WordDelimiterGraphFilter.PRESERVE_ORIGINAL;

    private final CharArraySet stopWords;
    private final CharArraySet stopStems;
    private final boolean splitNames;

    /**
     * @param stopWords lower-case words dropped before stemming
     * @param stopStems stems dropped after stemming, whatever form of the word they came from
     * @param splitNames whether names also yield their parts
     */
    private KnowledgeAnalyzer(CharArraySet stopWords, CharArraySet stopStems, boolean splitNames) {
        this.stopWords = stopWords;
        this.stopStems = stopStems;
        this.splitNames = splitNames;
    }

    /** The analysis of indexed text: English stop words only. */
    static KnowledgeAnalyzer forText() {
        return new KnowledgeAnalyzer(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, CharArraySet.EMPTY_SET, true);
    }

    /** Whole words only, as the index also holds them: tells "ChatGPT" from the "chat" the docs do use. */
    static KnowledgeAnalyzer forWholeWords() {
        return new KnowledgeAnalyzer(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, CharArraySet.EMPTY_SET, false);
    }

    /**
     * The analysis of a question's content: also drops the words that only make it a question, and every
     * form of the verbs that only do that ("tells", "worked").
     */
    static KnowledgeAnalyzer forQuestions() {
        CharArraySet words = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, false);
        words.addAll(Understanding.QUESTION_WORDS);
        CharArraySet stems = new CharArraySet(Understanding.QUESTION_VERBS.size(), false);
        try (KnowledgeAnalyzer stemmer = forText()) {
            for (String verb : Understanding.QUESTION_VERBS) {
                stems.addAll(KnowledgeIndex.terms(stemmer, verb));
            }
        }
        return new KnowledgeAnalyzer(words, stems, true);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream stream = source;
        if (splitNames) {
            stream = new WordDelimiterGraphFilter(stream, SPLITTING, null);
            // Indexing cannot store a token graph; flattening keeps every part at a position.
            stream = new FlattenGraphFilter(stream);
        }
        stream = new EnglishPossessiveFilter(stream);
        stream = new LowerCaseFilter(stream);
        stream = new StopFilter(stream, stopWords);
        stream = new PorterStemFilter(stream);
        if (!stopStems.isEmpty()) {
            stream = new StopFilter(stream, stopStems);
        }
        return new TokenStreamComponents(source, stream);
    }
}
