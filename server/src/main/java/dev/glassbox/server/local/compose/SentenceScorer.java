package dev.glassbox.server.local.compose;

import dev.glassbox.server.local.knowledge.KnowledgeIndex;
import dev.glassbox.server.local.knowledge.Quotables;
import dev.glassbox.server.local.understanding.Understanding;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Scores every sentence (and list item, table row) of the passages to quote against the question: by the rare terms
 * of the question it contains, its similarity in meaning, and whether it states what the question asks for.
 */
final class SentenceScorer {
    /** What stating the kind of amount a question asks for (a price, a duration) adds to a sentence's score. */
    static final double AMOUNT = 3;
    /** What having been quoted in the conversation's previous answer takes off a sentence's score in a follow-up. */
    static final double SAID = 4;
    /** What a sentence's similarity in meaning to the question weighs against its overlap of rare terms. */
    private static final double MEANING = 6;
    /** Typical sentence length in the knowledge base, for length normalisation. */
    private static final double TYPICAL_WORDS = 22;
    /** The share of the question's key terms a table row's name and columns must hold to be quoted ({@link #named}). */
    private static final double ROW_NAMED = 0.5;

    private final KnowledgeIndex index;
    private final Understanding understanding;
    private final QuestionFocus focus;
    private final PreviousAnswer said;

    SentenceScorer(KnowledgeIndex index, Understanding understanding, QuestionFocus focus, PreviousAnswer said) {
        this.index = index;
        this.understanding = understanding;
        this.focus = focus;
        this.said = said;
    }

    /** The candidates of each source, in the sources' order and each in its passage's order. */
    List<List<Candidate>> score(List<ExtractiveComposer.Source> sources) {
        Set<String> wanted = Set.copyOf(understanding.terms());
        List<List<Candidate>> bySource = new ArrayList<>();
        for (int order = 0; order < sources.size(); order++) {
            List<Candidate> candidates = new ArrayList<>();
            ExtractiveComposer.Source source = sources.get(order);
            List<Quotables.Quotable> pieces = source.passage().pieces();
            boolean rowsNamed = pieces.stream().anyMatch(q -> q.row() != null
                    && named(index, understanding, q.row().name()) > 0);
            // The share of the event asked about that the piece before names, for an outcome that refers back to it.
            double namedEvent = 0;
            for (int p = 0; p < pieces.size(); p++) {
                Quotables.Quotable quotable = pieces.get(p);
                double meaning = source.passage().pieceSimilarities()[p];
                Set<String> terms = index.terms(quotable.text());
                Quotables.Row row = quotable.row();
                boolean names = row != null && named(index, understanding, row.name()) > 0;
                boolean asked = names && named(index, understanding, row.name() + " " + String.join(" ",
                        row.columns())) >= ROW_NAMED;
                if (row != null && (pieces.get(0).row() == null || order > 0 ? !asked : rowsNamed && !names)) {
                    // A table row is quoted only when the question asks for its fact: it names the row, and (beside
                    // prose, or in a further passage) most of its key terms are the row's name or its columns'. The
                    // best passage, when it is only a table, offers every row when the question names none.
                    continue;
                }
                double overlap = 0;
                for (String term : terms) {
                    if (wanted.contains(term)) {
                        overlap += index.idf(term) * understanding.weight(term);
                    }
                }
                Set<QuestionFocus.Kind> states = focus.stated(quotable.whole(), terms);
                double eventShare = focus.eventShare(index, terms);
                if (quotable.dangling() && focus.outcomeOfPrevious(quotable.whole(), namedEvent)) {
                    // "A browser that stops reading would … . Each socket therefore is closed with code 1013": an
                    // outcome that refers back to the sentence naming the event is that event's outcome.
                    states.add(QuestionFocus.Kind.CONSEQUENCE);
                    eventShare = namedEvent;
                }
                namedEvent = focus.eventShare(index, terms);
                // A number next to what a how-many question counts is its answer: it weighs twice.
                boolean counts = focus.counts(index, quotable.whole());
                boolean hasNumber = states.contains(QuestionFocus.Kind.AMOUNT) || counts;
                // A bound on the amount asked for is the answer to what is allowed, unless the previous answer gave it:
                // the follow-up asks about something else.
                boolean bound = hasNumber && !said.contains(quotable.text())
                        && focus.statesLimit(index, quotable.whole());
                // In a follow-up, a sentence the previous answer quoted counts less, unless it may be what the
                // follow-up asks: it states the kind of thing asked for, or names a word the visitor just used. One
                // that was quoted only up to its number was not said: its number is new.
                boolean repeats = said.contains(quotable.text()) && said.hasNumbersOf(quotable.whole())
                        && states.isEmpty() && !(understanding.asksWhy() && Reasons.weight(quotable.text()) > 0)
                        && understanding.ownTerms().stream().noneMatch(terms::contains);
                // Overlap, damped for length as BM25 does; the sentence's own similarity in meaning, and a
                // little of its passage's, carry sentences that paraphrase the question; a passage's first
                // sentence usually states its point.
                double score = overlap / (0.6 + 0.4 * quotable.words() / TYPICAL_WORDS)
                        + MEANING * meaning + source.passage().similarity()
                        + (quotable.position() == 0 ? 0.4 : 0)
                        + (hasNumber ? AMOUNT : 0)
                        + (counts ? AMOUNT : 0)
                        + (bound ? AMOUNT : 0)
                        + focus.bonus(states)
                        + (states.contains(QuestionFocus.Kind.CONSEQUENCE) ? QuestionFocus.WEIGHT * eventShare : 0)
                        + (understanding.asksWhy() ? Reasons.weight(quotable.text()) : 0)
                        - order * 0.3
                        - (repeats ? SAID : 0);
                Candidate candidate = new Candidate(quotable, source, order, terms, score, hasNumber, counts,
                        overlap > 0, states, repeats, false);
                candidates.add(candidate);
            }
            bySource.add(candidates);
        }
        return bySource;
    }

    /** The share of the question's key terms, by weight, that the text names. */
    static double named(KnowledgeIndex index, Understanding understanding, String text) {
        Set<String> terms = index.terms(text);
        double named = 0;
        double all = 0;
        for (String term : understanding.terms()) {
            double weight = index.idf(term) * understanding.weight(term);
            all += weight;
            named += terms.contains(term) ? weight : 0;
        }
        return all == 0 ? 0 : named / all;
    }
}
