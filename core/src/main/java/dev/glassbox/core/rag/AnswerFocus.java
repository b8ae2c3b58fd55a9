package dev.glassbox.core.rag;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an earlier answer named that its question did not: the names (a model, a setting, an endpoint, a
 * file) in those of its cited sentences that share most words with the question. A follow-up's "it"
 * means what the question named, when it named something; only otherwise what the answer named. A follow-up often points at one of them rather than at anything the
 * question said: "How much does it cost?" after an answer naming Amazon Nova Lite, "Can I change that
 * folder?" after one naming GLASSBOX_CACHE_DIR. Only cited text counts, so a decline or a greeting, which
 * quote nothing, name nothing.
 */
final class AnswerFocus {
    /** What naming the kind a which-question asks for counts, above any number of the question's words. */
    private static final int KIND_WEIGHT = 100;
    private static final int KIND_WORDS = 2;
    /** At most this many names are carried over, so the answer's names do not outweigh the question. */
    static final int MAX_NAMES = 3;
    /** The letters of a word that stand for all its forms ("embed" for "embeddings", "embedded"). */
    private static final int WORD_START = 5;
    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"|“[^”]*”");
    private static final Pattern QUESTION_WORD = Pattern.compile("\\p{L}{4,}");
    /**
     * Longer words that only make a question (and the product's name, in nearly every one): a sentence that
     * shares them ("…, which calls a Bedrock Agent") says nothing more about what was asked.
     */
    private static final Set<String> ASKING_WORDS = Set.of("which", "what", "does", "much", "many", "have", "there",
            "about", "when", "where", "with", "from", "that", "this", "they", "them", "glassbox");
    private static final Pattern MARKER = Pattern.compile("\\s*\\[\\d+]");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
    /**
     * A name: a run of capitalised words (digits may follow, as in "Claude Sonnet 4"), a setting or error
     * code with underscores, an endpoint path, a name in camel case, or a file name.
     */
    private static final Pattern NAME = Pattern.compile(
            "\\b[A-Za-z]+(?:_[A-Za-z0-9]+)+\\b"
                    // Not a command-line option such as -DskipTests, nor the visitor's "I" ("Can I use…?").
                    + "|(?<![\\w.])(?<!(?:^|\\s)-)(?!I\\b)[A-Z][\\p{L}\\p{N}-]*(?:\\s+(?:[A-Z][\\p{L}\\p{N}-]*|\\d[\\d.]*\\b))*"
                    // An endpoint path, not the host of a URL ("http://localhost:8080").
                    + "|(?<![\\w~./:])/[a-z][a-z/-]*[a-z]"
                    // A name written in camel case, such as sessionStorage or config.json's repositoryUrl.
                    + "|\\b[a-z]+[A-Z][A-Za-z0-9]*\\b"
                    + "|\\b[\\w-]+\\.(?:yml|yaml|json|md|jar|sh|jsonl)\\b");
    /** Words that set what follows against what the question asks about, at the end of a text. */
    private static final Pattern CONTRAST = Pattern.compile(
            "(?i)\\b(?:instead of|rather than|other than|apart from|besides|except|in place of|compared to|versus|vs\\.?)"
                    + "\\s+(?:the\\s+|an?\\s+)?$");
    /** "Which workflow …", "What command …": a question asking which thing of a kind. */
    private static final Pattern KIND_QUESTION = Pattern.compile("(?i)^\\W*(?:which|what)\\s+(?!(?:is|are|was|were|"
            + "does|do|did|can|could|will|would|should|has|have)\\b)\\p{L}+");
    /**
     * A file or an endpoint: what an answer names on the way (a command's jar), not what a follow-up means, unless
     * the question asked which thing it was.
     */
    private static final Pattern FILE = Pattern.compile("^/|\\.[a-z]+$");
    /** A number just before a name makes the name its unit ("11 CPU-seconds", "64 MB"), which nothing points at. */
    private static final Pattern COUNTED = Pattern.compile("\\d\\s*$");
    /** A time zone closing a time ("midnight UTC"): when, not what. */
    private static final Pattern TIME_ZONE = Pattern.compile("(?:UTC|GMT)(?:[+-]\\d+)?");
    private static final Pattern FIRST_WORD = Pattern.compile("^\\W*[\\p{L}\\p{N}'-]+");
    private static final Pattern ASKED_KIND = Pattern.compile("(?i)^\\W*(?:which|what)\\s+$");

    private AnswerFocus() {
    }

    /**
     * The names the answer introduced, leaving out those the question used.
     *
     * @param subject the follow-up's own words for what it asks about ("folder" in "Can I change that folder?"),
     *     empty when it names nothing ("How much does it cost?"): only the answer's sentences that use one of
     *     them are then what it points at
     */
    static List<String> of(String answer, String question, List<String> subject) {
        String asked = question.toLowerCase(Locale.ROOT);
        List<String> sentences = new ArrayList<>();
        String[] pieces = MARKER.split(answer, -1);
        // The text after the last marker was not cited.
        for (int p = 0; p < pieces.length - 1; p++) {
            // A quoted example ("And with Claude Sonnet 4?") is not what the answer is about.
            for (String sentence : SENTENCE_END.split(QUOTED.matcher(pieces[p].strip()).replaceAll(""))) {
                if (subject.isEmpty() || subject.stream().anyMatch(word -> uses(sentence, word))) {
                    sentences.add(sentence);
                }
            }
        }
        // What the answer says about the question's own words is what a follow-up points at; the names of
        // sentences that say less about them are only taken when those say nothing by name.
        // "Which workflow deploys the stack?" asks for a thing, which may be a file (deploy.yml).
        boolean asksForAThing = asksWhichThing(question);
        // A sentence that names the kind asked for ("the only vector store Glassbox deploys") names the thing asked
        // for, whatever else another shares with the question ("the cloud deployment runs …").
        List<String> kind = asksForAThing ? kindAskedFor(question) : List.of();
        sentences.sort(Comparator.comparingInt((String s) -> -weight(s, asked, kind)));
        List<String> names = new ArrayList<>();
        int naming = -1;
        for (String sentence : sentences) {
            if (!names.isEmpty() && weight(sentence, asked, kind) < naming) {
                break;
            }
            // A sentence's first word is capitalised whatever it is.
            Matcher first = FIRST_WORD.matcher(sentence);
            Matcher name = NAME.matcher(sentence);
            name.region(first.find() ? first.end() : 0, sentence.length());
            while (name.find() && names.size() < MAX_NAMES) {
                String found = name.group().strip();
                String lower = found.toLowerCase(Locale.ROOT);
                boolean thing = !COUNTED.matcher(sentence.substring(0, name.start())).find()
                        && !TIME_ZONE.matcher(found).matches()
                        && (!subject.isEmpty() || asksForAThing || !FILE.matcher(found).find());
                if (thing && !asked.contains(lower) && !lower.equals("glassbox")
                        && names.stream().noneMatch(n -> n.equalsIgnoreCase(found))) {
                    names.add(found);
                    naming = weight(sentence, asked, kind);
                }
            }
        }
        return names;
    }

    /** "the bedrock-agent backend": a thing's own word (group 1) before the noun of its kind (group 2). */
    private static final Pattern OF_A_KIND = Pattern.compile("(?i)\\bthe\\s+([\\p{L}\\p{N}][\\p{L}\\p{N}_.-]*)\\s+"
            + "(\\p{L}{3,})\\b");

    /**
     * The previous question asked of the other thing of its kind that its answer named: "and the other one?" after
     * "What does the bedrock-agent backend do?", whose answer also spoke of "the bedrock-rag backend", asks "What does
     * the bedrock-rag backend do?". The other thing's word has the shape of the first's (hyphenated, capitalised).
     * Null when the question names no such thing or its answer no other of the kind.
     */
    static String ofTheOther(String previous, String answer) {
        // Only cited text counts: a decline names passages it did not quote.
        String[] pieces = MARKER.split(answer, -1);
        String cited = String.join(" ", Arrays.asList(pieces).subList(0, pieces.length - 1));
        Matcher thing = OF_A_KIND.matcher(previous);
        while (thing.find()) {
            String own = thing.group(1);
            if (Places.PLACE.matcher(own).matches()) {
                // "the local server": the other one is the other place ({@link Swaps}).
                continue;
            }
            Matcher other = Pattern.compile("(?i)(?<![\\w.-])([\\p{L}\\p{N}][\\p{L}\\p{N}_.-]*)\\s+"
                    + Pattern.quote(thing.group(2)) + "\\b").matcher(cited);
            while (other.find()) {
                String word = other.group(1);
                if (!word.equalsIgnoreCase(own) && QuestionWords.isContentWord(word) && sameShape(own, word)) {
                    return previous.substring(0, thing.start(1)) + word + previous.substring(thing.end(1));
                }
            }
        }
        return null;
    }

    /** Whether two words are written alike: both hyphenated or neither, both capitalised or neither. */
    private static boolean sameShape(String one, String other) {
        return one.contains("-") == other.contains("-")
                && Character.isUpperCase(one.charAt(0)) == Character.isUpperCase(other.charAt(0));
    }

    /** Whether the question asks which thing of a kind it is ("Which workflow …", "What command …"). */
    static boolean asksWhichThing(String question) {
        return KIND_QUESTION.matcher(question).lookingAt();
    }

    /**
     * Whether a question names something of its own (a model, a setting, an endpoint, a file), which a
     * follow-up's "it" then means. Its first word and the product's name do not count, nor a name it asks
     * about only as the contrast ("What does it use instead of OpenSearch Serverless?" asks about the other thing).
     */
    static boolean namesSomething(String question) {
        Matcher first = FIRST_WORD.matcher(question);
        Matcher name = NAME.matcher(question);
        name.region(first.find() ? first.end() : 0, question.length());
        while (name.find()) {
            String before = question.substring(0, name.start());
            boolean contrast = CONTRAST.matcher(before).find();
            // "Which LLM does Glassbox use?" names the kind of thing it asks for; the answer names the thing.
            boolean kind = ASKED_KIND.matcher(before).find();
            if (!contrast && !kind && !name.group().strip().equalsIgnoreCase("glassbox")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the sentence uses the word, in any of its forms ("embedded" for "embeddings"): its start will do. */
    private static boolean uses(String sentence, String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return sentence.toLowerCase(Locale.ROOT).contains(lower.substring(0, Math.min(WORD_START, lower.length())));
    }

    /**
     * The words of the kind a which-question asks for, up to the verb or a small word and at most {@link #KIND_WORDS}:
     * "vector store" of "Which vector store does … use?".
     */
    private static List<String> kindAskedFor(String question) {
        List<String> words = QuestionWords.words(question);
        List<String> kind = new ArrayList<>();
        for (String word : words.subList(1, Math.min(words.size(), 1 + KIND_WORDS))) {
            if (QuestionWords.ASKING.contains(word.toLowerCase(Locale.ROOT)) || !QuestionWords.isContentWord(word)) {
                break;
            }
            kind.add(word);
        }
        return kind;
    }

    /** How much the sentence says about the question: its longer words, and above all the kind asked for. */
    private static int weight(String sentence, String asked, List<String> kind) {
        boolean namesKind = !kind.isEmpty() && kind.stream().allMatch(word -> uses(sentence, word));
        return shared(sentence, asked) + (namesKind ? KIND_WEIGHT : 0);
    }

    /** How many of the question's longer words the sentence contains. */
    private static int shared(String sentence, String asked) {
        String lower = sentence.toLowerCase(Locale.ROOT);
        Matcher word = QUESTION_WORD.matcher(asked);
        int shared = 0;
        while (word.find()) {
            shared += !ASKING_WORDS.contains(word.group()) && lower.contains(word.group()) ? 1 : 0;
        }
        return shared;
    }
}
