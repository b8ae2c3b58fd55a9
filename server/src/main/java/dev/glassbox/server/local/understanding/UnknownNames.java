package dev.glassbox.server.local.understanding;

import dev.glassbox.server.local.knowledge.KnowledgeIndex;
import dev.glassbox.server.local.knowledge.Lexicon;
import dev.glassbox.server.local.knowledge.QuestionForm;
import dev.glassbox.server.local.knowledge.WordMeanings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

/**
 * The names in a question that no passage contains ("Gemini", "kubernetes", "google cloud"): a question about a
 * product the docs never mention is declined by name, whatever else its passages share with it. Capitals, runs of
 * capitalised words, rare lower-case words and words something is connected to are read as names unless they are
 * ordinary English words, the docs' words spelt otherwise, or verbs where they stand.
 */
final class UnknownNames {
    private UnknownNames() {
    }

    /** The names in the (standalone) question that no passage contains, in the order they appear. */
    static List<String> in(KnowledgeIndex index, String question) {
        Set<String> unknown = new LinkedHashSet<>(WorldQuestions.sums(index, question));
        // In a question about the world, a capital is a name and a word the docs never use is what it asks about.
        boolean aboutGlassbox = WorldQuestions.aboutGlassbox(index, question);
        String rest = ordinaryOpenersLowered(question.replaceFirst("^\\W*\\S+", ""));
        boolean titleCase = titleCase(rest);
        Matcher name = NAME.matcher(" " + rest);
        while (name.find()) {
            String word = name.group(1);
            if (!QuestionForm.QUESTION_WORDS.contains(word.toLowerCase(Locale.ROOT)) && !notAName(word, titleCase)
                    && !CONTROL.matcher(rest).region(Math.max(0, name.end() - 1), rest.length()).lookingAt()
                    && !index.mentions(word) && !(ACRONYM.matcher(word).matches() && index.spellsOut(word))
                    && !ordinaryWordTheDocsSayOtherwise(index, word, aboutGlassbox)) {
                unknown.add(word);
            }
        }
        Matcher run = NAME_RUN.matcher(rest);
        while (run.find() && !titleCase) {
            if (CONTROL.matcher(rest).region(run.end(), rest.length()).lookingAt()) {
                continue;
            }
            String[] words = run.group().split(" ");
            for (int i = 0; i + 1 < words.length; i++) {
                String pair = words[i] + " " + words[i + 1];
                if (index.mentions(words[i]) && index.mentions(words[i + 1]) && !index.mentionsPhrase(pair)
                        && !index.mentionsModified(words[i], words[i + 1])) {
                    unknown.add(run.group());
                    break;
                }
            }
        }
        Matcher lowerCase = LOWER_CASE_WORD.matcher(rest);
        while (lowerCase.find()) {
            String word = lowerCase.group();
            if (!QuestionForm.QUESTION_WORDS.contains(word) && !index.mentions(word) && !index.nearlyMentions(word)
                    && index.inDocsWords(word).equals(word) && (!aboutGlassbox && !PARTICIPLE_ENDING.matcher(word).matches()
                    || !Lexicon.ordinary(word) && !derived(word))
                    && !verb(rest, lowerCase.start(), lowerCase.end())) {
                unknown.add(word);
            }
        }
        // A model's or product's code ("gpt-4o", "llama3") whose letters the docs never use names what they never
        // mention; "java17" and "http2" are their Java 17 and HTTP/2.
        Matcher code = CODE.matcher(rest);
        while (code.find()) {
            if (!index.mentions(code.group()) && !index.mentions(code.group(1))) {
                unknown.add(code.group());
            }
        }
        Matcher connected = CONNECTED_WORD.matcher(rest);
        while (connected.find()) {
            String word = connected.group(2);
            String kind = connected.group(3);
            // A word the docs never use before one of theirs names a kind of it they never mention ("google cloud"),
            // unless it is one of the commonest English words, as adjectives are ("older laptops"), or says how or how
            // much ("a bigger model", "basically nothing"); and only before a thing's word, not a clause's ("on weekends
            // when nobody asks").
            if (connected.group(1) != null && kind != null && !unknown.contains(word) && !QuestionForm.QUESTION_WORDS.contains(word)
                    && !index.mentions(word)
                    && Lexicon.rank(word).orElse(Integer.MAX_VALUE) >= COMMONEST && !grades(index, word)
                    && !Lexicon.adverb(word) && !index.contentTerms(kind).isEmpty()
                    && index.mentions(kind) && !index.mentionsPhrase(word + " " + kind)
                    && index.inDocsWords(word).equals(word)) {
                unknown.add(word + " " + kind);
                continue;
            }
            // An English word is no misspelt word of the docs: "slack" is not "stack". A word where a verb stands ("that
            // try to hijack it", "trying to overwhelm the server") is done, not named; the plural of an English word
            // says when or among what ("on weekends", "with friends"), as a product's one-word name is no plural; a
            // word that grades or an adverb says how ("with a bigger one", "with hardly any").
            if (!QuestionForm.QUESTION_WORDS.contains(word) && (connected.group(1) != null || !Lexicon.whole(word))
                    && !verb(rest, connected.start(2), connected.end(2)) && !englishPlural(word)
                    && !grades(index, word) && !Lexicon.adverb(word) && !derived(word)
                    && !index.mentions(word) && (Lexicon.whole(word) || !index.nearlyMentions(word))
                    && index.inDocsWords(word).equals(word) && index.knownMeaning(word) < WordMeanings.SAME_MEANING) {
                unknown.add(word);
            }
        }
        // Filler that says when or how ("right now", "currently") is no word of a thing.
        String plain = QuestionForm.withoutHedges(question);
        Matcher kind = KIND.matcher(plain);
        while (kind.find()) {
            List<String> words = kindWords(kind.group(1));
            if (words.size() < 2) {
                continue;
            }
            // A noun's modifier comes right before it; a subject ("does the pro version allow…", "is the page
            // translated") ends in its verb, and words followed by an object end in one too ("a visitor tells the
            // agent"); a clause's subject is left alone ("when the bill grows").
            String before = plain.substring(0, kind.start());
            String last = words.get(words.size() - 1);
            int noun = SUBJECT.matcher(before).find() || SUBJECT_OF_BE.matcher(before).find()
                    && (PARTICIPLE_ENDING.matcher(last).matches() || Lexicon.gradable(last)) ? words.size() - 2 : words.size() - 1;
            String modifier = noun >= 1 ? words.get(noun - 1) : "";
            // A name already found is the point ("an iPad app"), not a kind of what follows it.
            if (noun >= 1 && unknown.stream().noneMatch(found -> found.equalsIgnoreCase(modifier))
                    && !CLAUSE.matcher(before).find()
                    && !VERB_OBJECT.matcher(plain).region(kind.end(), plain.length()).lookingAt()
                    && aKindTheDocsNeverSay(index, modifier, words.get(noun))) {
                unknown.add(modifier + " " + words.get(noun));
            }
        }
        return new ArrayList<>(unknown);
    }

    /** A determiner and the up to three words of a thing after it ("the pro version", "a premium tier"). */
    private static final Pattern KIND = Pattern.compile("(?i)\\b(?:the|a|an|my|our|your|its|their|this|that|any|some|"
            + "each|every)\\s+(\\p{L}[\\p{L}'’-]*(?:\\s+(?!(?:the|a|an|my|our|your|its|their|this|that|these|those|some"
            + "|any|all|every|each|no|it|them)\\b)"
            + "\\p{L}[\\p{L}'’-]*){1,2})");
    /** An auxiliary right before a determiner: what follows is a subject, then its verb ("does the pro version allow"). */
    private static final Pattern SUBJECT = Pattern.compile("(?i)\\b(?:does|do|did|can|could|will|would|should|may|"
            + "might|must)\\s*$");
    /** A form of "be" right before a determiner: what follows is a subject, perhaps then a participle or adjective. */
    private static final Pattern SUBJECT_OF_BE = Pattern.compile("(?i)\\b(?:is|are|was|were)\\s*$");
    /**
     * A conjunction, or "how", right before a determiner: what follows is the subject of a clause, and its verb ("when
     * the bill grows", "how the bot finds stuff").
     */
    private static final Pattern CLAUSE = Pattern.compile("(?i)\\b(?:when|if|while|because|until|unless|whether|once|"
            + "how)\\s*$");
    /** A determiner or pronoun after a thing's words: their last word was a verb and this its object. */
    private static final Pattern VERB_OBJECT = Pattern.compile("(?i)\\s+(?:the|a|an|my|our|your|its|their|this|that|"
            + "these|those|some|any|all|every|each|no|it|them|me|us|him|her)\\b");
    /** A word of letters, perhaps hyphenated: a number or a code ("p50") ends a thing's words. */
    private static final Pattern LETTERS = Pattern.compile("\\p{L}+(?:-\\p{L}+)*");
    /** Words that end a thing's words: a preposition or particle, or a possessive, which names a thing of its own. */
    private static final Pattern ENDS_KIND = Pattern.compile("(?i)per|over|under|about|after|before|via|like|than|"
            + "without|within|across|through|between|inside|outside|mid|amid|during|since|until|past|near|along|beyond|"
            + "towards?|upon|despite|except|down|off|away|back|around|thru|thro|til|till|abt|bout|.*['’]s?");

    /**
     * The words of a thing after a determiner, lower case, up to a stop word, a question word, a preposition or a
     * possessive; hyphenated words in their parts ("permessage-deflate extension"). The product's name opening them
     * ("the Glassbox account") says only whose the thing is.
     */
    private static List<String> kindWords(String text) {
        List<String> words = new ArrayList<>();
        for (String written : text.split("\\s+")) {
            String word = written.toLowerCase(Locale.ROOT);
            if (words.isEmpty() && word.equals("glassbox")) {
                continue;
            }
            if (EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(word) || QuestionForm.QUESTION_WORDS.contains(word)
                    || ENDS_KIND.matcher(word).matches() || !LETTERS.matcher(word).matches() || Lexicon.adverb(word)) {
                break;
            }
            words.addAll(List.of(word.split("-+")));
        }
        return words;
    }

    /**
     * Whether a modifier and a noun name a kind of thing the docs never speak of, though they use the noun in a sense
     * of their own: no sentence of the docs says the two, or words related to them, together ("the pro version" where
     * they say "Nova Pro" and "a guardrail with a version", "the plugin store" where they say "the maven-wrapper
     * plugin" and "the vector store"). Not a kind: a modifier that grades ("an old laptop") or says a state ("a poisoned
     * doc"), a plural (the subject of a verb: "the quality checks succeed"), or a name the docs write on its own ("the Prometheus numbers"), which
     * says whose the thing is.
     */
    private static boolean aKindTheDocsNeverSay(KnowledgeIndex index, String written, String writtenNoun) {
        // A word typed otherwise ("acount") is read as the docs' word.
        String modifier = index.inDocsWords(written).toLowerCase(Locale.ROOT);
        String noun = index.inDocsWords(writtenNoun).toLowerCase(Locale.ROOT);
        if (modifier.length() < SHORTEST_KIND_WORD || noun.length() < SHORTEST_KIND_WORD || modifier.equals(noun)
                || !Lexicon.whole(modifier) && !index.mentions(modifier) || grades(index, modifier)
                || PLURAL.matcher(modifier).matches() || PARTICIPLE_ENDING.matcher(modifier).matches()
                || index.namesOnItsOwn(modifier) || !index.mentions(noun) || !writtenAsTheyAre(index, noun)
                || index.mentionsPhrase(modifier + " " + noun)) {
            return false;
        }
        Map<String, float[]> meanings = index.termMeanings(Map.of(modifier, modifier, noun, noun));
        return !index.saidTogether(meanings.get(modifier), meanings.get(noun));
    }

    /**
     * Whether the docs write the noun as it is, or its plural: a word they use only in another form ("compression",
     * "compressing") is more likely the subject's verb ("does the server compress …") than a noun they use.
     */
    private static boolean writtenAsTheyAre(KnowledgeIndex index, String noun) {
        return index.mentionsPhrase(noun) || index.mentionsPhrase(noun + "s");
    }


    /**
     * Whether a word grades a thing rather than naming a kind of it: an adjective with a comparative and a superlative
     * ({@link Lexicon#gradable}), or one close in meaning to the poles that grading words lie between ({@link
     * #GRADES}): "little", "tiny", "nasty", "nice", whose comparatives the vocabulary lacks. Words that name a kind
     * ("premium", "enterprise", "team", "plugin") are far from all of them.
     */
    private static boolean grades(KnowledgeIndex index, String word) {
        if (Lexicon.gradable(word)) {
            return true;
        }
        Map<String, String> words = new java.util.HashMap<>(GRADES);
        words.put(word, word);
        Map<String, float[]> meanings = index.termMeanings(words);
        float[] meaning = meanings.get(word);
        return meaning != null && GRADES.keySet().stream().map(meanings::get).anyMatch(pole -> pole != null
                && cosine(meaning, pole) >= GRADING_CLOSENESS);
    }

    /** The poles of the two ways most adjectives grade a thing: how good and how big. */
    private static final Map<String, String> GRADES = Map.of("good", "good", "bad", "bad", "big", "big", "small", "small");
    /**
     * How close a word must be in meaning to a pole to grade: "nasty" is 0.53 from "bad", "little" 0.73 from "small";
     * words naming a kind are at most 0.41 from any ("team" from "big").
     */
    private static final double GRADING_CLOSENESS = 0.5;

    private static double cosine(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
    /**
     * A plural: a noun that modifies another is singular ("a user account"), so a plural before a word is a
     * subject before its verb ("the quality checks succeed").
     */
    private static final Pattern PLURAL = Pattern.compile(".*[^su]s");
    /** Shorter words are mostly abbreviations, which the embedder reads badly. */
    private static final int SHORTEST_KIND_WORD = 3;

    /**
     * A capitalised or internally capitalised word (Gemini, ChatGPT, GKE, iPhone), not the text's first word: a
     * brand's capital inside a word ("iPhone", "eBay") is as much a name's mark as an initial one.
     */
    private static final Pattern NAME = Pattern.compile("(?<=\\s)[\"'(]?((?:\\p{Ll}+)?[A-Z][\\p{L}\\p{N}]*"
            + "(?:[.-][\\p{L}\\p{N}]+)*)");
    /** A lower-case word of five letters or more, which a product's name may be written as ("kubernetes"). */
    private static final Pattern LOWER_CASE_WORD = Pattern.compile("(?<![\\p{L}\\p{N}_.\\-/])\\p{Ll}[\\p{Ll}\\p{N}]{4,}"
            + "(?![\\p{L}\\p{N}_\\-/]|\\.\\p{L})");
    /**
     * A lower-case code of letters and digits, as models and products are named: two letters at least (group 1), then
     * a digit, perhaps after a hyphen or a dot ("gpt-4o", "llama3", "claude-2.1", "mixtral-8x7b").
     */
    private static final Pattern CODE = Pattern.compile("(?<![\\p{L}\\p{N}_.\\-/])(\\p{Ll}{2,})[-.]?\\p{N}[\\p{Ll}\\p{N}.]*"
            + "(?:-\\p{Ll}[\\p{Ll}\\p{N}]*)*(?<!\\.)(?![\\p{L}\\p{N}_\\-/])");
    /**
     * Capitalised words in a row, the name of one thing ("Terraform Cloud"): a name the docs never write, even
     * when they use each of its words, unless they write each two of them in a row ("Amazon S3 Vectors").
     */
    private static final Pattern NAME_RUN = Pattern.compile("(?<=\\s|^)\\p{Lu}[\\p{L}\\p{N}]*(?: \\p{Lu}[\\p{L}\\p{N}]*"
            + "| \\p{N}[\\p{L}\\p{N}.]*)+");
    /**
     * What follows the label of a control of the page ("the Retry button", "the Export JSON link"): a label
     * is capitalised as the page writes it, not a product's name.
     */
    private static final Pattern CONTROL = Pattern.compile("(?:\\s+\\p{Lu}[\\p{L}\\p{N}]*)*\\s+(?:button|buttons|key|keys|"
            + "link|links|panel|tab|box|toggle|menu|checkbox|field|icon|switch|control|bar|dialog|drawer|footer|"
            + "header|card)\\b");
    /**
     * A lower-case word that something is used with, run on, kept in or connected to ("integrate with slack",
     * "keep it in pinecone", "deploy it to azure", "post answers in my discord"): where a visitor names another
     * product, even one named by ordinary words. After "in" and "from", which as often start a manner ("in
     * parallel", "from scratch"), and "to", which as often starts a verb ("to initialise"), only a word that is no
     * ordinary word, or two run together, counts, unless a verb of putting something somewhere comes before them.
     * A word after it (group 3) may say that the two name a kind of thing the docs name with their second word.
     */
    private static final Pattern CONNECTED_WORD = Pattern.compile("\\b(?:(with|on|onto|into|via|through|using|"
            + "supports?|supported|integrates?|integrated|(?:deploy|host|install|publish|post|push|upload|migrate|"
            + "move|connect|hook|plug|embed|integrate|put|add)\\p{L}*(?:\\s+(?:it|this|that|them|glassbox|answers|"
            + "the\\s+\\p{L}+))?(?:\\s+(?:up|over|out))?\\s+(?:in|to))|in|from|to)\\s+(?:(?:my|our|your|the|a|an)\\s+)?"
            + "(\\p{Ll}[\\p{Ll}\\p{N}]{4,})(?![\\p{L}\\p{N}_\\-/]|\\.\\p{L})(?:\\s+(\\p{Ll}{3,})\\b)?");
    /**
     * An acronym: capitals, perhaps with a small word's letter in lower case between two ("IaC"), and perhaps
     * a plural "s" ("APIs").
     */
    private static final Pattern ACRONYM = Pattern.compile("\\p{Lu}(?:\\p{Lu}|\\p{Ll}(?=\\p{Lu})){1,5}s?");
    /** The commonest English words by their id in the embedder's vocabulary ({@link Lexicon#rank}). */
    private static final int COMMONEST = 5_000;
    /** A short abbreviation such as "UI" or "DB": too short and too common to name a product. */
    private static final Pattern SHORT_ABBREVIATION = Pattern.compile("\\p{Lu}{2}");
    /** A word capitalised as words are, and only so: "Export", not "ChatGPT", "GKE" or "S3". */
    private static final Pattern CAPITALISED = Pattern.compile("\\p{Lu}\\p{Ll}+");

    /**
     * Whether a capitalised word of the question is not a name: a short abbreviation, or any plainly
     * capitalised word of a question written in title case, where capitals say nothing.
     */
    private static boolean notAName(String word, boolean titleCase) {
        return SHORT_ABBREVIATION.matcher(word).matches() || titleCase && CAPITALISED.matcher(word).matches();
    }

    /**
     * Whether a capitalised word is an ordinary English word for which the docs use a word of the same meaning
     * ("Night" beside "midnight"): a visitor's capital, not a product's name. Two words run together are a name's
     * mark ("Cloudflare" is no "cloud"). Names of products that are ordinary
     * words ("Slack", "Gemini") are not that close to any word of the docs. An acronym the embedder knows as a word
     * must be closer, counting at least half as the docs' word ({@link WordMeanings#credit}): "RAM" is the docs'
     * "memory", while "SMS" is only near their WebSocket "messages". In a question about the world ({@link
     * WorldQuestions}) a capital is a name's: "Canada" is no word of the docs because it is near their "American".
     */
    private static boolean ordinaryWordTheDocsSayOtherwise(KnowledgeIndex index, String word, boolean aboutGlassbox) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (!Lexicon.whole(lower)) {
            return false;
        }
        return aboutGlassbox && CAPITALISED.matcher(word).matches() && index.knownMeaning(lower) >= WordMeanings.SAME_MEANING
                || ACRONYM.matcher(word).matches() && WordMeanings.credit(index.knownMeaning(lower)) >= 0.5;
    }

    /**
     * Where a word is a verb: after a person doing it, perhaps with a modal ("I tinker", "if someone tampered", "i can
     * scrape"), after "how to", "want to" and the like, after "not", after things in the plural ("the replies
     * dribble"). A name is not done, so such a word is an everyday verb, however rare.
     */
    private static final Pattern BEFORE_VERB = Pattern.compile("(?i)(?:\\b(?:i|we|you|they|he|she|someone|somebody|"
            + "anyone|anybody|nobody|everyone|everybody)(?:\\s+(?:can|could|will|would|should|may|might|must|do|did))?"
            + "|\\b(?:not|never)|n't|\\b(?:how|"
            + "want(?:s|ed|ing)?|need(?:s|ed|ing)?|like[sd]?|liking|love[sd]?|loving|hate[sd]?|tr(?:y|ies|ied|ying)"
            + "|hope[sd]?|plan(?:s|ned)?|prefer(?:s|red)?|learn(?:s|ed|t)?|mean(?:s|t)?|used|able|way|possible|allowed"
            + "|ok|okay|safe|going)\\s+to"
            // things in the plural doing it: "the replies dribble out"
            + "|(?:^|\\b(?:the|my|our|your|its|these|those|all))\\s+\\p{L}{2,}[^s\\W]s)\\s+$");
    /** Where a word ending in -ed, -en or -ing is a participle: after a form of be or get ("was tampered with"). */
    private static final Pattern BEFORE_PARTICIPLE = Pattern.compile("(?i)\\b(?:be|been|being|was|were|get|gets|got|"
            + "getting)\\s+$");
    private static final Pattern PARTICIPLE_ENDING = Pattern.compile("\\p{L}{3,}(?:ed|en|ing)");

    /**
     * A capitalised common word opening a sentence after the first ("… on my laptop. Can I change…", "Honestly,
     * what…"): capitalised as every sentence's first word is, not as a name. Rarer words keep their capital there
     * ("… . Vercel hosts it"), as the first word of the question is never read at all.
     */
    private static final Pattern SENTENCE_OPENER = Pattern.compile("(?<=[.!?]\\s{1,3}|\\n)\\p{Lu}\\p{Ll}+\\b");

    /** The text with each later sentence's opening word in lower case when it is a common word ({@link #SENTENCE_OPENER}). */
    private static String ordinaryOpenersLowered(String text) {
        return SENTENCE_OPENER.matcher(text).replaceAll(opener -> {
            String lower = opener.group().toLowerCase(Locale.ROOT);
            boolean common = Lexicon.rank(lower).orElse(Integer.MAX_VALUE) < COMMONEST
                    || lower.endsWith("ly") && Lexicon.whole(lower);
            return common ? lower : opener.group();
        });
    }

    /**
     * Whether a word is no word of the vocabulary but made of one in the ways English makes words: after a
     * prefix ("coworkers", "rewire") or before an ending that makes an adjective or a noun of it ("sluggish",
     * "laggy", "snappiness"). Names are seldom made so ("heroku", "vercel", "kubernetes").
     */
    static boolean derived(String word) {
        if (Lexicon.whole(word)) {
            return false;
        }
        Matcher prefixed = PREFIXED.matcher(word);
        if (prefixed.matches() && Lexicon.whole(prefixed.group(1))) {
            return true;
        }
        Matcher suffixed = SUFFIXED.matcher(word);
        return suffixed.matches() && (Lexicon.whole(suffixed.group(1))
                || suffixed.group(1).matches(".*(\\p{L})\\1") && Lexicon.whole(suffixed.group(1).substring(0,
                suffixed.group(1).length() - 1)));
    }

    /** A word after one of the prefixes English makes words with, four letters at least. */
    private static final Pattern PREFIXED = Pattern.compile("(?:co|re|un|non|pre|mis|over|under|out|sub|super|multi|"
            + "self)-?(\\p{L}{4,})");
    /** A word of three letters at least before an ending English makes adjectives and nouns with. */
    private static final Pattern SUFFIXED = Pattern.compile("(\\p{L}{3,}?)(?:ish|y|ier|iest|iness|ness|less|ful)");

    /** Whether a word is the plural of an English word ("holidays", "friends"), not an English word itself. */
    private static boolean englishPlural(String word) {
        return word.endsWith("s") && !word.endsWith("ss") && Lexicon.whole(word.substring(0, word.length() - 1))
                || word.endsWith("ies") && Lexicon.whole(word.substring(0, word.length() - 3) + "y");
    }

    /**
     * Whether the lower-case word of the text from {@code start} to {@code end} is a verb where it stands: no name,
     * whatever its letters. After "to", with an object after it ("trying to overwhelm the server"), it is one too: a
     * name something goes to has no object.
     */
    private static boolean verb(String text, int start, int end) {
        String before = text.substring(0, start);
        return BEFORE_VERB.matcher(before).find()
                || BEFORE_PARTICIPLE.matcher(before).find()
                && PARTICIPLE_ENDING.matcher(text.substring(start, end)).matches()
                || BEFORE_INFINITIVE.matcher(before).find()
                && VERB_OBJECT.matcher(text).region(end, text.length()).lookingAt();
    }

    /** "to" right before a word, which may start an infinitive. */
    private static final Pattern BEFORE_INFINITIVE = Pattern.compile("(?i)\\bto\\s+$");

    /** Whether the words of four letters or more all start with a capital, three of them at least. */
    private static boolean titleCase(String text) {
        int words = 0;
        for (String word : text.split("[^\\p{L}]+")) {
            if (word.length() >= 4) {
                if (!Character.isUpperCase(word.charAt(0))) {
                    return false;
                }
                words++;
            }
        }
        return words >= 3;
    }
}
