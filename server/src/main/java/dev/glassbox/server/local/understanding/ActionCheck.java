package dev.glassbox.server.local.understanding;

import dev.glassbox.server.local.knowledge.KnowledgeAnalyzer;
import dev.glassbox.server.local.knowledge.KnowledgeChunk;
import dev.glassbox.server.local.knowledge.KnowledgeIndex;
import dev.glassbox.server.local.knowledge.Quotables;
import dev.glassbox.server.local.knowledge.WordMeanings;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * Whether a passage speaks of what a question asks about ({@link Understanding.Action}): the deed, the thing, the
 * count or who. Retrieval and coverage count a question's words wherever a passage has them; this check asks
 * that the passage say them as the question means them (the verb with its object, a thing's words together).
 *
 * @param action what the question asks about
 * @param terms the question's content terms: a word of the passage that says one of them stands for no other
 * @param meanings the embedding of the visitor's word behind each term
 */
record ActionCheck(Understanding.Action action, List<String> terms, Map<String, float[]> meanings) {
    /**
     * Nouns for people and organisations, which a sentence naming who does something says: general English
     * only. A who-question is answered by a sentence that says one with the question's verb.
     */
    private static final Set<String> PEOPLE = Set.of("person", "people", "visitor", "user", "owner", "developer",
            "maintainer", "author", "contributor", "team", "company", "organisation", "organization", "vendor",
            "customer", "administrator", "operator", "community", "engineer", "individual", "human", "maker",
            "creator", "founder", "staff", "member");
    static final Set<String> PEOPLE_TERMS = Set.copyOf(KnowledgeIndex.terms(KnowledgeAnalyzer.forTextAsWritten(),
            String.join(" ", PEOPLE)));
    /** What a passage speaks of, for a thing asked after: not the parts of a name with a capital inside. */
    static final KnowledgeAnalyzer SPOKEN = KnowledgeAnalyzer.forWordsSpoken();
    private static final Pattern LETTERS = Pattern.compile("\\p{L}+");
    /** What ends a clause: a verb's subject is in its own. */
    private static final Pattern CLAUSES = Pattern.compile("[:;,()\\u2013\\u2014]");
    /** The particles of English phrasal verbs, which a hyphenated verb may hold ("thumbs-up", "x-out"). */
    private static final Set<String> PARTICLES = Set.of("up", "down", "off", "out", "over", "away", "back", "around",
            "in", "on");
    /** How many words before its verb a who-question's answer names its subject in. */
    private static final int SUBJECT_REACH = 4;

    /**
     * Whether a passage speaks of what the question asks about. A word counts as said when the passage says it, or
     * a word of the same meaning ({@link WordMeanings#SAME_MEANING}); for a thing, only a word that stands for no other word of the question
     * (a passage's "app" is the question's "app", not its "mobile"), and not a part of a name with a capital inside
     * ("AdministratorAccess" speaks of no administrator).
     */
    boolean describedIn(KnowledgeIndex index, KnowledgeChunk chunk) {
        Set<String> passageTerms = index.terms(chunk.indexedText());
        return switch (action.form()) {
            case HOW -> deedTerms(index).stream().allMatch(term -> says(index, passageTerms, term, chunk))
                    && action.objectTerms().stream().anyMatch(term -> says(index, passageTerms, term, chunk));
            case THING, COUNT -> {
                String others = otherWords(index, chunk.indexedText());
                Set<String> spoken = KnowledgeIndex.terms(SPOKEN, chunk.indexedText());
                boolean inOtherWords = !spoken.containsAll(action.objectTerms());
                // A thing said only in other words may be another thing ("noise" for "loud"): then what is done
                // with it must be said too.
                yield action.objectTerms().stream().allMatch(term -> spoken.contains(term)
                        || meanings.get(term) != null
                        && index.closeness(meanings.get(term), others) >= WordMeanings.SAME_MEANING)
                        && (!inOtherWords || action.verbTerms().stream().allMatch(term -> says(index, passageTerms,
                        term, chunk)));
            }
            case WHO -> Quotables.of(chunk.text()).stream().anyMatch(sentence -> namesWho(index, sentence.text()));
            case PHRASAL -> Pattern.compile("\\b" + Pattern.quote(action.verb().toLowerCase(Locale.ROOT))
                    + "(?:s|ed|ged|ing|ging)?[\\s-]?" + action.object() + "\\b").matcher(
                    chunk.text().toLowerCase(Locale.ROOT)).find();
        };
    }

    /**
     * The terms a passage must say for the deed's verb: all of them, but of a hyphenated verb the docs never write
     * ("thumbs-up", "auto-save", "down-vote") only its last part that is no particle: the parts before it only say
     * how, and a particle makes it phrasal, as "up" in "thumbs-up", whose meaning its words do not say.
     */
    private List<String> deedTerms(KnowledgeIndex index) {
        if (action.verb().indexOf('-') < 0) {
            return action.verbTerms();
        }
        List<String> parts = List.of(action.verb().toLowerCase(Locale.ROOT).split("-"));
        for (int part = parts.size() - 1; part >= 0; part--) {
            if (!PARTICLES.contains(parts.get(part))) {
                List<String> head = List.copyOf(index.contentTerms(parts.get(part)));
                return head.isEmpty() ? action.verbTerms() : head;
            }
        }
        return action.verbTerms();
    }

    /**
     * Whether a sentence names who does the deed of a who-question: a person or organisation ({@link #PEOPLE}) as
     * the verb's subject, in the {@value #SUBJECT_REACH} words before it in its clause ("the owner can see"), or
     * after "by" ("built by the team"); any one when the verb only joins ("Who is it for?").
     */
    private boolean namesWho(KnowledgeIndex index, String sentence) {
        for (String clause : CLAUSES.split(sentence)) {
            List<String> words = LETTERS.matcher(clause).results().map(MatchResult::group).toList();
            List<Boolean> people = words.stream().map(word -> !Collections.disjoint(index.terms(word), PEOPLE_TERMS))
                    .toList();
            if (action.verbTerms().isEmpty() && people.contains(true) && saysRole(index, clause)) {
                return true;
            }
            for (int at = 0; at < words.size() && !action.verbTerms().isEmpty(); at++) {
                if (saysVerb(index, words.get(at))
                        && (people.subList(Math.max(0, at - SUBJECT_REACH), at).contains(true)
                        || at + 1 < words.size() && words.get(at + 1).equalsIgnoreCase("by")
                        && people.subList(at + 1, Math.min(words.size(), at + 2 + SUBJECT_REACH)).contains(true))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a clause says the role a who-question asks who is in ("the CEO"); true when it asks for none. */
    private boolean saysRole(KnowledgeIndex index, String clause) {
        Set<String> said = index.terms(clause);
        return action.objectTerms().stream().allMatch(term -> said.contains(term) || meanings.get(term) != null
                && index.closeness(meanings.get(term), clause) >= WordMeanings.SAME_MEANING);
    }

    private boolean saysVerb(KnowledgeIndex index, String word) {
        return action.verbTerms().stream().allMatch(term -> index.terms(word).contains(term)
                || meanings.get(term) != null && index.closeness(meanings.get(term), word) >= WordMeanings.SAME_MEANING);
    }

    private boolean says(KnowledgeIndex index, Set<String> passageTerms, String term, KnowledgeChunk chunk) {
        float[] meaning = meanings.get(term);
        return passageTerms.contains(term)
                || meaning != null && index.closeness(meaning, chunk) >= WordMeanings.SAME_MEANING;
    }

    /** The text without the words that say one of the question's terms. */
    private String otherWords(KnowledgeIndex index, String text) {
        return LETTERS.matcher(text).replaceAll(word -> Collections.disjoint(index.terms(word.group()),
                terms) ? word.group() : " ");
    }
}
