package dev.glassbox.server.local.knowledge;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

/**
 * Words as visitors type them where the docs, or English, write them in full: a misspelt word ("diffrent",
 * "confgure"), chat spelling ("u", "ppl", "pls"), a clipped word ("admin", "env vars") and a "sub" word for a
 * thing inside another ("subfolder"). Read as typed, each is a word no passage uses: the question then seems to
 * name something the docs never mention, or to ask about a word no passage says. A word the docs write, or an
 * English word of the embedder's vocabulary, is never changed: "slack" is no misspelt "stack".
 */
final class VisitorSpelling {
    /**
     * Chat spellings and clipped words, each with the word in full: general English only, never one question's
     * phrasing. Applied only where the docs do not write the short form themselves ("dir" of GLASSBOX_KNOWLEDGE_DIR).
     */
    private static final Map<String, String> SHORT_FORMS = Map.ofEntries(
            Map.entry("u", "you"), Map.entry("ur", "your"), Map.entry("ya", "you"), Map.entry("ppl", "people"),
            Map.entry("pls", "please"), Map.entry("plz", "please"), Map.entry("abt", "about"), Map.entry("cuz", "because"),
            Map.entry("coz", "because"), Map.entry("thru", "through"), Map.entry("wanna", "want to"),
            Map.entry("gonna", "going to"), Map.entry("admin", "administrator"), Map.entry("admins", "administrators"),
            Map.entry("env", "environment"), Map.entry("var", "variable"), Map.entry("vars", "variables"),
            Map.entry("convo", "conversation"), Map.entry("convos", "conversations"), Map.entry("msg", "message"),
            Map.entry("msgs", "messages"), Map.entry("info", "information"), Map.entry("auth", "authentication"),
            Map.entry("db", "database"), Map.entry("perf", "performance"), Map.entry("prod", "production"),
            Map.entry("spec", "specification"), Map.entry("specs", "specifications"), Map.entry("approx", "about"),
            Map.entry("avg", "average"), Map.entry("req", "request"), Map.entry("reqs", "requests"),
            Map.entry("diff", "difference"), Map.entry("lang", "language"), Map.entry("mem", "memory"),
            Map.entry("secs", "seconds"), Map.entry("mins", "minutes"), Map.entry("hrs", "hours"));
    /** A word of letters, lower case: a capitalised word may be a name, and is left as written. */
    private static final Pattern WORD = Pattern.compile("(?<![\\p{L}\\p{N}_.\\-/])\\p{Ll}+(?![\\p{L}\\p{N}_\\-/]|\\.\\p{L})");
    /** "sub" and a word: a thing inside another of its kind ("subfolder" a folder inside one). */
    private static final Pattern SUB = Pattern.compile("sub(\\p{L}{4,})");
    /** Shorter words have too many others within one edit of them to tell which was meant. */
    private static final int SHORTEST_MISSPELT = 5;
    /** Longer words are no misspelt English, and every letter adds fifty-odd candidates to look up. */
    private static final int LONGEST_MISSPELT = 20;
    /**
     * Of the embedder's vocabulary, only words this common (by id, {@link Lexicon#rank}) are taken
     * for what a misspelt word the docs do not use was meant as: a rare word one edit away is as likely a name.
     */
    private static final int COMMON_WORDS = 12_000;
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";
    private static final String VOWELS = "aeiouy";

    /** How often the docs write each word, lower case. */
    private final Map<String, Integer> docsWords;
    /** The docs' most frequent word of each stem: where a misspelt word's stem is one edit from theirs. */
    private final Map<String, String> byStem = new HashMap<>();
    private final Function<String, String> stem;
    /**
     * Words already read, and how: a question is read in the docs' words several times over (keywords, coverage,
     * meaning), and looking up every word one edit from an unknown word each time cost a long question tens of ms.
     */
    private final Map<String, String> read = new ConcurrentHashMap<>();
    /** Words {@link #read} holds at most; it starts afresh when full. */
    private static final int REMEMBERED = 4_096;

    /**
     * @param docsWords how often the docs write each word, lower case
     * @param docsStems the stem of each of the docs' words that has one
     * @param stem a word's stem as the index reads it, or null
     */
    VisitorSpelling(Map<String, Integer> docsWords, Map<String, String> docsStems, Function<String, String> stem) {
        this.docsWords = Map.copyOf(docsWords);
        this.stem = stem;
        docsStems.forEach((word, itsStem) -> byStem.merge(itsStem, word,
                (one, other) -> docsWords.get(one) >= docsWords.get(other) ? one : other));
    }

    /** The text with each lower-case word a visitor typed in a form of its own written as the docs or English write it. */
    String inFull(String text) {
        return WORD.matcher(text).replaceAll(word -> Matcher.quoteReplacement(inFullWord(word.group())));
    }

    private String inFullWord(String word) {
        String known = read.get(word);
        if (known != null) {
            return known;
        }
        if (read.size() >= REMEMBERED) {
            read.clear();
        }
        String full = readWord(word);
        read.put(word, full);
        return full;
    }

    private String readWord(String word) {
        if (docsWords.containsKey(word)) {
            return word;
        }
        String full = SHORT_FORMS.get(word);
        if (full != null) {
            return full;
        }
        Matcher sub = SUB.matcher(word);
        if (sub.matches() && !Lexicon.whole(word)
                && (docsWords.containsKey(sub.group(1)) || Lexicon.whole(sub.group(1)))) {
            return sub.group(1) + " inside";
        }
        if (Lexicon.ordinary(word)) {
            return word;
        }
        String meant = word.length() < SHORTEST_MISSPELT ? swappedFunctionWord(word)
                : word.length() > LONGEST_MISSPELT ? null : meant(word);
        return meant == null ? word : meant;
    }

    /**
     * The word a misspelt word was meant as, one edit away ({@link #edits}): the
     * docs' most frequent such word; else the most common such English word; else the docs' most frequent word of a
     * stem one edit from its stem ("confgure" of "configuration"). Null when none is.
     */
    private String meant(String word) {
        List<String> edits = edits(word);
        String docs = null;
        for (String edit : edits) {
            Integer count = docsWords.get(edit);
            if (count != null && edit.length() >= SHORTEST_MISSPELT - 1
                    && (docs == null || count > docsWords.get(docs))) {
                docs = edit;
            }
        }
        if (docs != null) {
            return docs;
        }
        String english = null;
        int best = COMMON_WORDS;
        for (String edit : edits) {
            OptionalInt rank = Lexicon.rank(edit);
            if (rank.isPresent() && rank.getAsInt() < best && edit.length() >= SHORTEST_MISSPELT - 1) {
                english = edit;
                best = rank.getAsInt();
            }
        }
        if (english != null) {
            return english;
        }
        String itsStem = stem.apply(word);
        if (itsStem != null && itsStem.length() >= SHORTEST_MISSPELT - 1) {
            for (String edit : edits(itsStem)) {
                String known = byStem.get(edit);
                if (known != null && (docs == null || docsWords.get(known) > docsWords.get(docs))) {
                    docs = known;
                }
            }
        }
        return docs;
    }

    /**
     * The function word a short word is with two letters swapped ("waht", "teh", "mcuh"), or null: a short word has
     * too many others one letter away, but those words only make a question a question, and typed wrong they would
     * weigh as rare key terms.
     */
    private static String swappedFunctionWord(String word) {
        for (int at = 0; at + 1 < word.length(); at++) {
            String swapped = word.substring(0, at) + word.charAt(at + 1) + word.charAt(at) + word.substring(at + 2);
            if (EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(swapped) || QuestionForm.QUESTION_WORDS.contains(swapped)) {
                return swapped;
            }
        }
        return null;
    }

    /**
     * Every string one edit from the word as people misspell: a letter added, dropped or swapped with the next, or a
     * vowel written for another ("seperate"); a consonant for another is as often another word ("login", "logic"),
     * and a letter after the end of a word an ending of its own ("thingy").
     */
    private static List<String> edits(String word) {
        List<String> edits = new java.util.ArrayList<>();
        for (int at = 0; at <= word.length(); at++) {
            String before = word.substring(0, at);
            if (at < word.length()) {
                String after = word.substring(at + 1);
                if (at + 1 < word.length()) {
                    edits.add(before + after);
                }
                if (at + 1 < word.length()) {
                    edits.add(before + word.charAt(at + 1) + word.charAt(at) + word.substring(at + 2));
                }
                if (VOWELS.indexOf(word.charAt(at)) >= 0) {
                    for (int vowel = 0; vowel < VOWELS.length(); vowel++) {
                        edits.add(before + VOWELS.charAt(vowel) + after);
                    }
                }
            }
            for (int letter = 0; letter < LETTERS.length(); letter++) {
                edits.add(before + LETTERS.charAt(letter) + word.substring(at));
            }
        }
        return edits;
    }
}
