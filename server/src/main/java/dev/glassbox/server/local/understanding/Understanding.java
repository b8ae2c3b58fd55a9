package dev.glassbox.server.local.understanding;

import dev.glassbox.server.local.knowledge.KnowledgeChunk;
import dev.glassbox.server.local.knowledge.KnowledgeIndex;
import dev.glassbox.server.local.knowledge.QuestionForm;
import dev.glassbox.server.local.knowledge.WordMeanings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the local agent makes of a question before it searches: what kind of message it is, the query
 * it will search for, the content words that a passage must cover to answer it, and the names in it
 * that the knowledge base never mentions. Each part is read by a class of its own: the kind of message by
 * {@link IntentReader}, the unknown names by {@link UnknownNames}, the amount asked for by {@link AskedAmount},
 * what a passage must speak of by {@link ActionReader} (and judged by {@link ActionCheck}); {@link MessageText}
 * cleans the message before, and {@link QuestionForm} knows the words that only make it a question.
 *
 * @param query the visitor's text
 * @param standaloneQuery what is searched: the query, or a follow-up rewritten to stand on its own
 * @param asked the words whose form says what kind of answer is wanted: the query, or the standalone query when
 *     a follow-up is asked as the previous question of something else ("And with Claude Sonnet 4?")
 * @param followUp whether the question continues an earlier turn
 * @param intent what kind of message this is
 * @param terms the analyzed content terms of the standalone query
 * @param ownTerms those of the terms the visitor's own words contain; in a follow-up, the others come from
 *     earlier questions
 * @param unknownNames names in the standalone query that no passage contains
 * @param amount when the question asks for an amount (how much, how many, how long), what a sentence that
 *     states it looks like: a price for a cost, a duration for how long; null when it asks for none
 * @param asksWhy whether the question asks for a reason
 * @param words the visitor's word behind each of the terms, lower case: what the trace shows, as a stem ("googl",
 *     "daili") reads as a typing error
 * @param meanings the embedding of the visitor's word behind each of the terms ({@link WordMeanings}); empty
 *     when the message is no question
 * @param action what the question asks how to do, or whether one can do, to what; null when it asks no such thing
 */
public record Understanding(String query, String standaloneQuery, String asked, boolean followUp, Intent intent, List<String> terms,
                     Set<String> ownTerms, List<String> unknownNames, Pattern amount, boolean asksWhy,
                     Map<String, String> words, Map<String, float[]> meanings, Action action) {
    /**
     * What a term that only an earlier question contributed weighs against one the visitor just used: in
     * "What about the cloud?" after a question about running locally, "cloud" is the point, "run" context.
     */
    static final double CONTEXT_WEIGHT = 0.5;

    /** Whether the question asks for an amount, so its answer should state a number. */
    public boolean asksForQuantity() {
        return amount != null;
    }

    /** The visitor's words behind the terms, in order, each once. */
    public List<String> keyWords() {
        return words.values().stream().distinct().toList();
    }

    /** How much the term counts when judging what answers the question. */
    public double weight(String term) {
        return !followUp || ownTerms.contains(term) ? 1 : CONTEXT_WEIGHT;
    }

    /**
     * What a question asks about that a passage must speak of to answer it, in one of three forms ({@link Form}):
     * a deed it asks how to do ("How do I rename a session?"), a thing it asks whether Glassbox has or does
     * ("Is there a mobile app?", "Does it phone home?"), or who does something ("Who built Glassbox?"). Word by
     * word, a question about renaming a session covers most of a passage about sessions, and one about a mobile
     * app a passage about the cloud stack's "app".
     *
     * @param verb the visitor's verb as written; empty for a thing asked after with "is there"
     * @param verbTerms its analyzed terms (two for "fine-tune"); for a thing, empty when the verb only has or uses it
     * @param object the words of what it is done to, or of the thing, as written; for who, the question
     * @param objectTerms their analyzed terms: for a deed at least one, for a thing the rarest, which a passage
     *     must say; empty for who
     * @param objectWords the visitor's words for the object terms, as a decline names them
     */
    public record Action(String verb, List<String> verbTerms, String object, List<String> objectTerms,
                  List<String> objectWords, Form form) {
        /** The deed as a decline and the trace name it: "rename a session", "phone home", "who built Glassbox". */
        public String named() {
            return form == Form.WHO ? object : (verb + " " + object).strip();
        }

        /** What the question asks, as the trace shows it after "Asks": "how to rename a session", "about home". */
        public String asks() {
            return switch (form) {
                case HOW, PHRASAL -> "how to " + named();
                case THING -> "about " + object;
                case COUNT -> "how many " + object;
                case WHO -> named();
            };
        }

        /** Why no passage answers, when none speaks of what this asks about. */
        public String unmet() {
            return switch (form) {
                case HOW -> "the passages about it never describe how to " + named() + ": none says \"" + verb
                        + "\" or a word of the same meaning";
                case PHRASAL -> "no passage describes how to " + named() + ": none says \"" + verb + " " + object
                        + "\"";
                case THING, COUNT -> {
                    List<String> said = new ArrayList<>(objectWords);
                    if (!verbTerms.isEmpty()) {
                        said.add(0, verb);
                    }
                    yield "no passage speaks of " + (verbTerms.isEmpty() ? object : named()) + ": none says \""
                            + String.join("\", \"", said) + (said.size() == 1 ? "\" or a word of the same meaning"
                            : "\" or words of the same meaning together");
                }
                case WHO -> "no passage says " + named() + ": none names a person or organisation that does"
                        + (objectWords.isEmpty() ? "" : " as " + String.join(" ", objectWords));
            };
        }
    }

    /** The forms of {@link Action}. */
    public enum Form {
        /** How to do something, or whether one can: the passage must say the verb and a word of the object. */
        HOW,
        /**
         * Whether Glassbox has a thing or does something to one: the passage must say the thing's rarest word, and that
         * of what it is for; when it says the thing only in other words, the verb too ({@link Action#verbTerms}).
         */
        THING,
        /**
         * How many of a thing there are ("How many monthly active users…?"): the passage must say each of its words
         * together ({@link ActionReader}), as one that counts "monthly" costs and "active" conversations counts no users.
         */
        COUNT,
        /**
         * Who does something: a sentence of the passage must name a person or organisation, with the verb, or who
         * is in a role ("Who is the CEO?"), saying the role.
         */
        WHO,
        /**
         * How to do something its verb and a particle say with nothing after them ("log in", "sign on"): the passage
         * must say the two together, as such a verb means what neither of its words does.
         */
        PHRASAL
    }

    /**
     * Whether a passage speaks of what the question asks about ({@link Action}, judged by {@link ActionCheck}); true
     * when it asks about nothing such.
     */
    public boolean describesAction(KnowledgeIndex index, KnowledgeChunk chunk) {
        return action == null || new ActionCheck(action, terms, meanings).describedIn(index, chunk);
    }

    public enum Intent {
        /** A question to answer from the knowledge base. */
        QUESTION,
        /** Hello, hi, good morning: answered with a short welcome, no search. */
        GREETING,
        /** Thanks, great, bye: answered with a short reply, no search. */
        THANKS,
        /** Text that tries to give the agent orders ("ignore your instructions") or a role to play: declined. */
        INSTRUCTION,
        /**
         * A question about the agent's own instructions, prompt or conversation ("What were you told?", "What is
         * written above my question?"): not about Glassbox, so declined without a search.
         */
        ABOUT_INSTRUCTIONS;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Questions after a reason: their answer should give one. */
    private static final Pattern WHY = Pattern.compile("\\bwhy\\b|\\bwhat for\\b|\\breason|\\bhow come\\b",
            Pattern.CASE_INSENSITIVE);

    /** A question read without what a follow-up's "it" stands for. */
    public static Understanding of(KnowledgeIndex index, String query, String standaloneQuery, boolean followUp) {
        return of(index, query, standaloneQuery, followUp, List.of());
    }

    /**
     * @param query the visitor's normalised text
     * @param standaloneQuery the text to search for (the query itself unless a follow-up was rewritten)
     * @param meant what a follow-up's "it" stands for (names of the previous answer): the visitor's own words too
     */
    public static Understanding of(KnowledgeIndex index, String query, String standaloneQuery, boolean followUp,
                            List<String> meant) {
        return of(index, query, standaloneQuery, followUp, meant, standaloneQuery);
    }

    /**
     * @param asked the words whose form says what kind of answer is wanted (StandaloneQuery.asked): a follow-up's
     *     own words when the previous question is only context beside it, so "Why?" does not ask for its numbers
     */
    public static Understanding of(KnowledgeIndex index, String query, String standaloneQuery, boolean followUp,
                            List<String> meant, String asked) {
        Intent intent = IntentReader.of(query);
        List<String> terms = List.copyOf(index.contentTerms(standaloneQuery));
        Set<String> own = index.contentTerms(query + " " + String.join(" ", meant));
        own.retainAll(terms);
        Map<String, String> words = index.termWords(standaloneQuery);
        Map<String, float[]> meanings = intent == Intent.QUESTION ? index.termMeanings(words) : Map.of();
        return new Understanding(query, standaloneQuery, asked, followUp, intent, terms, Set.copyOf(own),
                UnknownNames.in(index, standaloneQuery), AskedAmount.of(asked), WHY.matcher(asked).find(), words,
                meanings, intent == Intent.QUESTION && !followUp
                ? ActionReader.of(index, QuestionForm.withoutHedges(standaloneQuery), terms, words) : null);
    }
}
