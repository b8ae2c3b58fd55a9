package dev.glassbox.server.local.knowledge;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.util.AttributeSource;

/**
 * English analysis that also reads the names a technical text is full of: {@code deploy.yml},
 * {@code GLASSBOX_DAILY_BUDGET_USD} and {@code KnowledgeSync} yield their parts (deploy, yml; daily,
 * budget; knowledge, sync) besides the whole token, so a question saying "budget" finds the setting.
 *
 * <p>Indexed text also reads each word of a small thesaurus ({@link #VISITOR_WORDS}) as the everyday words a
 * visitor uses for it: "TLS" is also "HTTPS", "export" also "save". Only the docs' side is expanded, so a
 * question's own terms, which coverage counts, stay the visitor's.
 */
public final class KnowledgeAnalyzer extends Analyzer {
    private static final int SPLITTING = WordDelimiterGraphFilter.GENERATE_WORD_PARTS
            | WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS
            | WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE
            | WordDelimiterGraphFilter.PRESERVE_ORIGINAL;

    /**
     * Common IT and user-interface synonyms, keyed by the word as the docs write it (lower case, before stemming): the visitor's
     * words for the same thing, which an indexed passage also counts as containing. General vocabulary only,
     * never a phrasing of one question; RetrievalQualityTest checks that each entry is still needed.
     */
    static final Map<String, List<String>> VISITOR_WORDS = Map.ofEntries(
            Map.entry("tls", List.of("https", "ssl", "encrypted", "encryption")),
            Map.entry("agent", List.of("bot", "chatbot", "assistant")),
            Map.entry("export", List.of("save", "download")),
            Map.entry("exported", List.of("saved", "downloaded")),
            Map.entry("conversation", List.of("chat", "history")),
            Map.entry("conversations", List.of("chats")),
            Map.entry("forgets", List.of("wipes", "clears", "erases", "resets")),
            Map.entry("chooses", List.of("picks", "selects")),
            Map.entry("chosen", List.of("picked", "selected")),
            Map.entry("chose", List.of("picked", "selected")),
            Map.entry("panel", List.of("sidebar", "pane")),
            Map.entry("network", List.of("internet", "offline", "online")),
            Map.entry("dark", List.of("theme")),
            Map.entry("light", List.of("theme")),
            Map.entry("cancel", List.of("abort", "halt")),
            Map.entry("cancelled", List.of("aborted", "halted")),
            Map.entry("machine", List.of("computer", "pc", "desktop")),
            Map.entry("laptop", List.of("computer", "pc")),
            Map.entry("repository", List.of("repo")),
            Map.entry("settings", List.of("config", "options", "preferences")),
            Map.entry("setting", List.of("config", "option", "preference")),
            Map.entry("configuration", List.of("config")),
            Map.entry("declined", List.of("unanswered", "refused", "rejected")),
            Map.entry("declines", List.of("refuses", "rejects")),
            Map.entry("decline", List.of("refuse", "reject")),
            Map.entry("fake", List.of("mock", "stub", "emulator", "simulator")),
            Map.entry("emulator", List.of("mock", "simulator")),
            Map.entry("latency", List.of("delay", "lag")),
            Map.entry("reload", List.of("refresh")),
            Map.entry("helpful", List.of("thumbs", "upvote", "downvote", "vote", "like", "dislike")));

    /**
     * Everyday phrasal verbs for starting and stopping a program ("kick it off", "fire up the server", "get it
     * going", "shut it down"), each with what it is done to, if that is a pronoun or a short noun phrase. Their
     * meaning is not their words': the embedder, reading "kick" and "off" one by one, puts "kick off" beside
     * "off" and "shutdown" (cosine 0.63), not beside "start" (0.46), so coverage, keywords and meaning all miss
     * the passages that say "start" and "stop". General English only, never one question's phrasing.
     */
    private static final String PHRASAL_OBJECT = "(\\s+(?:it|this|that|them|everything|glassbox|(?:the|my|a|your)"
            + "(?:\\s+own)?\\s+[\\p{L}-]+))?";
    private static final Pattern STARTS = Pattern.compile("\\b(?:(?:kick|fire|spin|boot|power|start)(?:s|ed|ing)?"
            + PHRASAL_OBJECT + "\\s+(?:off|up)|(?:get|gets|getting|got)" + PHRASAL_OBJECT + "\\s+(?:going|running))\\b",
            Pattern.CASE_INSENSITIVE);
    /** "Turn off" and "switch off" with no object between turn settings off ("turn off tracing"): not stopping. */
    private static final Pattern STOPS = Pattern.compile("\\b(?:(?:shut|power)(?:s|ed|ting|ing)?" + PHRASAL_OBJECT
            + "|(?:turn|switch)(?:s|ed|ing|es)?" + PHRASAL_OBJECT.substring(0, PHRASAL_OBJECT.length() - 1)
            + ")\\s+(?:off|down)\\b", Pattern.CASE_INSENSITIVE);

    /**
     * The question with its phrasal verbs for starting and stopping in plain words, and their "it" as the program
     * that is started or stopped: "kick it off" as "start Glassbox". The embedder reads "start it" as nearly
     * nothing, so a passage sharing any rarer word of the question ("laptop") would seem closer than the one
     * that says how to start the server.
     */
    public static String plainVerbs(String question) {
        return STOPS.matcher(STARTS.matcher(question).replaceAll(done -> "start" + program(done)))
                .replaceAll(done -> "stop" + program(done));
    }

    /** What a phrasal verb of {@link #plainVerbs} is done to, "it" read as the program. */
    private static String program(MatchResult done) {
        String object = done.group(1) != null ? done.group(1) : done.group(2) != null ? done.group(2) : "";
        return Matcher.quoteReplacement(object.strip().equalsIgnoreCase("it") ? " Glassbox" : object);
    }

    private final CharArraySet stopWords;
    private final CharArraySet stopStems;
    /** How names are split into parts ({@link WordDelimiterGraphFilter} flags); 0 when they are not. */
    private final int splitting;
    private final boolean visitorWords;

    /**
     * @param stopWords lower-case words dropped before stemming
     * @param stopStems stems dropped after stemming, whatever form of the word they came from
     * @param splitting how names also yield their parts ({@link WordDelimiterGraphFilter} flags), 0 for not at all
     */
    private KnowledgeAnalyzer(CharArraySet stopWords, CharArraySet stopStems, int splitting, boolean visitorWords) {
        this.stopWords = stopWords;
        this.stopStems = stopStems;
        this.splitting = splitting;
        this.visitorWords = visitorWords;
    }

    /** The analysis of indexed text: English stop words only, and the thesaurus's visitor words. */
    static KnowledgeAnalyzer forText() {
        return new KnowledgeAnalyzer(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, CharArraySet.EMPTY_SET, SPLITTING, true);
    }

    /**
     * Indexed text as {@link #forText} reads it, but a name with a capital inside stays whole: the words a text
     * speaks of, not the parts of a name it writes ("AdministratorAccess" speaks of no administrator).
     */
    public static KnowledgeAnalyzer forWordsSpoken() {
        return new KnowledgeAnalyzer(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, CharArraySet.EMPTY_SET,
                SPLITTING & ~WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE, true);
    }

    /** The analysis of indexed text without the thesaurus: what the docs themselves say. */
    public static KnowledgeAnalyzer forTextAsWritten() {
        return new KnowledgeAnalyzer(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, CharArraySet.EMPTY_SET, SPLITTING, false);
    }

    /** Whole words only, as the index also holds them: tells "ChatGPT" from the "chat" the docs do use. */
    static KnowledgeAnalyzer forWholeWords() {
        return new KnowledgeAnalyzer(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, CharArraySet.EMPTY_SET, 0, false);
    }

    /**
     * The analysis of a question's content: also drops the words that only make it a question, and every
     * form of the verbs that only do that ("tells", "worked").
     */
    static KnowledgeAnalyzer forQuestions() {
        CharArraySet words = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, false);
        words.addAll(QuestionForm.QUESTION_WORDS);
        CharArraySet stems = new CharArraySet(QuestionForm.QUESTION_VERBS.size(), false);
        try (KnowledgeAnalyzer stemmer = forTextAsWritten()) {
            for (String verb : QuestionForm.QUESTION_VERBS) {
                stems.addAll(KnowledgeIndex.terms(stemmer, verb));
            }
        }
        return new KnowledgeAnalyzer(words, stems, SPLITTING, false);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream stream = source;
        if (splitting != 0) {
            stream = new WordDelimiterGraphFilter(stream, splitting, null);
            // Indexing cannot store a token graph; flattening keeps every part at a position.
            stream = new FlattenGraphFilter(stream);
        }
        stream = new EnglishPossessiveFilter(stream);
        stream = new LowerCaseFilter(stream);
        if (visitorWords) {
            stream = new VisitorWords(stream);
        }
        stream = new StopFilter(stream, stopWords);
        stream = new PorterStemFilter(stream);
        if (!stopStems.isEmpty()) {
            stream = new StopFilter(stream, stopStems);
        }
        return new TokenStreamComponents(source, stream);
    }

    /** Adds, after a thesaurus word, the visitor's words for it at the same position. */
    static final class VisitorWords extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);
        private final Deque<String> pending = new ArrayDeque<>();
        private AttributeSource.State word;

        VisitorWords(TokenStream input) {
            super(input);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!pending.isEmpty()) {
                restoreState(word);
                term.setEmpty().append(pending.poll());
                position.setPositionIncrement(0);
                return true;
            }
            if (!input.incrementToken()) {
                return false;
            }
            List<String> visitor = VISITOR_WORDS.get(term.toString());
            if (visitor != null) {
                pending.addAll(visitor);
                word = captureState();
            }
            return true;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            pending.clear();
            word = null;
        }
    }
}
