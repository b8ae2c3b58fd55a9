package dev.glassbox.server.local.compose;

import dev.glassbox.server.local.knowledge.KnowledgeIndex;
import dev.glassbox.server.local.knowledge.Passage;
import dev.glassbox.server.local.understanding.Understanding;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes an answer by quoting, never inventing: decides which scored sentences ({@link SentenceScorer}) the answer
 * quotes and in what order. It opens with the best passage's sentence that best answers ({@link OpeningChoice});
 * more sentences follow, in order of relevance (those that name a key term the answer lacks first), only when they
 * score close to that first one, and what the question asks for (a number, a reason) is added when the answer lacks
 * it. {@link SentencePicker} keeps each sentence that refers back with the one it needs, {@link QuotedSentences}
 * cuts long ones to what answers.
 */
public final class ExtractiveComposer {
    /** A further sentence must score at least this share of the first one. */
    static final double CLOSE_TO_BEST = 0.55;
    /**
     * Once the answer states the amount asked for, a sentence that states it less precisely (and scores below
     * {@link #RUNNER_UP}) is quoted only when it names key terms the answer lacks worth this share of the question's.
     */
    private static final double NOVEL = 0.25;
    /** A sentence scoring at least this share of the first may answer another part of the question: it is kept. */
    private static final double RUNNER_UP = 0.8;
    private static final int SHOWN_REJECTIONS = 8;
    /** How many sentences after an opening that gives none of what the question asks may lead to one that does. */
    static final int READ_ON = 2;
    /** The words that make a question a question of amount, not what it says of its subject. */
    private static final String ASKING = "how much many long big large often what which who when where why do does did "
            + "is are was were be can could may might will would should shall must the a an";
    /** A passage to quote from, with the number its {@code [n]} markers use. */
    public record Source(Passage passage, int reference) {
    }

    /** A quoted sentence, the reference it came from, its score and why it was chosen. */
    public record Sentence(String text, int reference, double score, String why) {
    }

    /** A sentence that was considered and left out, and why. */
    public record Rejection(String text, int reference, double score, String why) {
    }

    /** What was chosen, in answer order, and the best of what was not. */
    public record Composition(List<Sentence> sentences, List<Rejection> rejected) {
    }

    Composition compose(KnowledgeIndex index, Understanding understanding, List<Source> sources) {
        return compose(index, understanding, sources, List.of(), "");
    }

    /**
     * @param quoted the passages to quote, best first
     * @param reserve passages similar enough but not close to the best: one of their sentences is quoted only when
     *     it states what the question asks for, the answer so far does not, and it scores close to the best
     * @param previousAnswer the conversation's previous answer when the question follows up on it, else empty:
     *     what it already said is quoted again only when it is what the question asks for
     */
    public Composition compose(KnowledgeIndex index, Understanding understanding, List<Source> quoted, List<Source> reserve,
                        String previousAnswer) {
        List<Source> sources = new ArrayList<>(quoted);
        sources.addAll(reserve);
        int reserved = quoted.size();
        Set<String> wanted = new HashSet<>(understanding.terms());
        QuestionFocus focus = QuestionFocus.of(index, understanding);
        PreviousAnswer said = new PreviousAnswer(previousAnswer);
        // A long sentence is cut to the part with the amount asked for: one the previous answer did not give.
        Pattern sought = said.unsaid(focus.sought());
        List<List<Candidate>> bySource = new SentenceScorer(index, understanding, focus, said).score(sources);
        List<Candidate> ranked = new ArrayList<>(bySource.stream().flatMap(List::stream).toList());
        ranked.sort(Comparator.comparingDouble(Candidate::score).reversed());
        SentencePicker picker = new SentencePicker(index, bySource, wanted);
        // The answer opens with the best passage's best sentence that names what the question asks about and
        // reads on its own; when the best passage has none (its point is made by a sentence that leans on the
        // passage before it), with the next passages' best such sentence; else with whatever reads on its own.
        List<Candidate> fromBest = ranked.stream().filter(c -> c.sourceOrder() == 0).toList();
        if (fromBest.isEmpty()) {
            return new Composition(List.of(), List.of());
        }
        OpeningChoice.Opening opening = OpeningChoice.choose(index, ranked, bySource, fromBest, reserved, focus, understanding, picker);
        Candidate first = opening.first();
        double bar = first.score() * CLOSE_TO_BEST;
        picker.bar = bar;
        if (picker.picked.stream().noneMatch(c -> c.sourceOrder() == 0)) {
            // The best passage is quoted in every answer: when a further passage opens, its best sentence comes next
            // if it scores close to the opening, or whatever it scores when the opening won on its score alone.
            fromBest.stream().filter(c -> c.keyTerms() && !c.said() && (c.score() >= bar || opening.wonOnScore())).filter(c -> picker.pick(c,
                    "best sentence of the best passage, after a further passage's sentence that opens the answer",
                    false)).findFirst();
        }
        readOn(first, picker, bySource, focus, understanding, index, wanted);
        // What the question asks for (a number, a value, a name, a place, a condition) comes next when the
        // opening states none of it, or less precisely: the best sentence that states it more precisely, if it
        // names a key term and scores at least half the bar. (A method is only weighed: too many sentences look
        // like one.)
        int opened = focus.rank(first);
        if (!focus.kinds().isEmpty() && opened < QuestionFocus.PRECISEST) {
            // A sentence of the best passage itself needs less when the opening states none of it.
            double needed = opened == 0 ? bar / 4 : bar / 2;
            ranked.stream().filter(c -> focus.rank(c) > opened && c.keyTerms() && !picker.has(c)
                            && (c.sourceOrder() == 0 ? c.unsaidScore() >= needed
                                    : c.sourceOrder() < reserved || focus.precision(c) == 2 ? c.unsaidScore() >= bar / 2
                                    : c.unsaidScore() >= bar && (c.counts() || focus.answers(c).concrete))
                            && !(c.sourceOrder() > 0 && c.line()))
                    .filter(c -> picker.pick(c, "states " + focus.what(c) + ", which the question asks for"
                            + (c.sourceOrder() < reserved ? "" : ", and none of the quoted passages' sentences does"),
                            focus.qualified(c.quotable().whole(), c.terms())))
                    .findFirst();
        }
        if (focus.measured()) {
            // Each quoted passage that states the kind of amount asked for gives its own figure, before sentences that
            // only read on from a chosen one: two bounds of one area ("the server stops an answer after 120 s", "a
            // stopping server gives answers 5 s") are rival answers, and the visitor's may be the second. A figure
            // whose sentence uses the question's own verb ("needs" for "How much memory does the server need?") is the
            // one asked for, not a neighbouring bound ("an idle server used"): it goes first, and it is added even
            // when its passage already gave another figure.
            Set<String> says = new HashSet<>(index.terms(understanding.asked()));
            says.removeAll(wanted);
            says.removeAll(index.terms(ASKING));
            java.util.function.Predicate<Candidate> saysIt = c -> c.terms().stream().anyMatch(says::contains);
            Set<Integer> figured = new HashSet<>();
            picker.picked.stream().filter(c -> focus.precision(c) > 0 && (says.isEmpty() || saysIt.test(c)))
                    .forEach(c -> figured.add(c.sourceOrder()));
            List<Candidate> figures = ranked.stream().filter(c -> c.sourceOrder() < reserved && focus.precision(c) > 0
                            && c.keyTerms() && !c.said() && c.score() >= bar && !picker.has(c)
                            && (saysIt.test(c) || picker.picked.stream().noneMatch(p -> p.sourceOrder() == c.sourceOrder()
                                    && focus.precision(p) > 0)))
                    .sorted(Comparator.comparingDouble((Candidate c) -> c.score() + (saysIt.test(c) ? SentenceScorer.AMOUNT : 0))
                            .reversed())
                    .toList();
            for (Candidate c : figures) {
                if (figured.add(c.sourceOrder())) {
                    picker.pick(c, "states " + focus.what(c) + ", which the question asks for, " + (saysIt.test(c)
                            ? "in the question's own words" : "in another passage close to the best") + ": it may be the "
                            + "figure the question means", false);
                }
            }
        }
        List<Candidate> remaining = new ArrayList<>(ranked);
        remaining.removeIf(picker::has);
        // Of the sentences that pass the bar, those that name a key term the answer lacks come first: one that repeats
        // only the answer's terms may not say what the rest of the question asks, and the word cap may leave room for
        // only one of them. (A why-question asks a reason, not more of its terms; a follow-up's terms are partly the
        // earlier question's, and what the previous answer said weighs there instead.)
        Set<String> keyTerms = understanding.asksWhy() || understanding.followUp() ? Set.of() : wanted;
        Comparator<Candidate> next = Comparator.comparing((Candidate c) -> picker.effective(c) >= bar
                        && picker.adds(c, keyTerms)).thenComparingDouble(picker::effective);
        while (!remaining.isEmpty()) {
            Candidate candidate = Collections.max(remaining, next);
            remaining.remove(candidate);
            double score = picker.effective(candidate);
            if (picker.has(candidate)) {
                continue;
            }
            if (candidate.sourceOrder() >= reserved && candidate.score() < first.score()) {
                // A passage held in reserve is quoted from only by a sentence that outscores the opening.
                continue;
            } else if (picker.full()) {
                picker.reject(candidate, "the answer already has " + SentencePicker.MAX_SENTENCES + " sentences");
            } else if (candidate.sourceOrder() > 0 && focus.measured() && !candidate.hasNumber()
                    && Measures.measuresAny(candidate.quotable().whole())) {
                // "A memory budget of 64 MB" is no answer to how long something is kept, however well it scores.
                picker.reject(candidate, "comes from a further passage and states another kind of amount than "
                        + Measures.describe(focus.measures()) + ", which the question asks for");
            } else if (candidate.sourceOrder() > 0 && (!candidate.keyTerms() || candidate.line())) {
                picker.reject(candidate, candidate.keyTerms() ? "a code line, or a table line without its columns' "
                        + "names, of a further passage"
                        : "comes from a further passage and names none of the question's key terms");
            } else if (score < bar) {
                picker.reject(candidate, "scored " + format(score) + ", not close to the best ("
                        + format(first.score()) + ")");
            } else if (score == candidate.score() && score < RUNNER_UP * first.score()
                    && adds(candidate, picker, focus, understanding, index) < NOVEL) {
                picker.reject(candidate, "adds nothing the question asks for: the answer states the amount asked "
                        + "for already, more precisely, and this names too few key terms the answer lacks");
            } else if (score > candidate.score() && candidate.score() < bar) {
                if (picker.pick(candidate, "continues the sentence before it and scored " + format(score), false)) {
                    picker.continuations.add(candidate);
                }
            } else {
                picker.pick(candidate, "scored " + format(score) + (candidate.sourceOrder() < reserved
                        ? ", close to the best" : ", more than the opening, though its passage was held in reserve")
                        + (picker.adds(candidate, keyTerms) ? ", and names a key term the answer lacked" : ""), false);
            }
        }
        if (focus.kinds().contains(QuestionFocus.Kind.AMOUNT) && picker.picked.stream().noneMatch(Candidate::hasNumber)) {
            // The number is the answer: it is quoted even past the word cap, even if the previous answer said it.
            ranked.stream().filter(c -> c.hasNumber() && !picker.has(c) && c.sourceOrder() < reserved
                    && c.unsaidScore() >= bar / 2).findFirst()
                    .ifPresent(c -> picker.pick(c, "states a number, and the question asks how much", true));
        }
        if (understanding.asksWhy()) {
            // The strongest reason the passages give is quoted, even past the caps, with what it explains.
            double given = picker.picked.stream().mapToDouble(c -> Reasons.weight(c.quotable().text())).max().orElse(0);
            ranked.stream().filter(c -> !picker.has(c) && c.sourceOrder() < reserved && c.score() >= bar / 2
                            && Reasons.weight(c.quotable().text()) > given)
                    .sorted(Comparator.comparingDouble((Candidate c) -> Reasons.weight(c.quotable().text())).reversed())
                    .filter(c -> picker.pick(c, "gives a reason, and the question asks why", true)).findFirst();
        }
        List<Sentence> sentences = QuotedSentences.of(picker, sources.get(0), index, understanding, wanted, sought);
        List<Rejection> rejected = picker.rejected.stream().limit(SHOWN_REJECTIONS).toList();
        return new Composition(sentences, rejected);
    }

    /**
     * When the opening only restates the question ({@link Premise}) and gives none of what it asks (the reason of a
     * why-question, the outcome of a what-happens one, the response or the amount asked for, or whether), its passage
     * reads on: the next sentences, up to the one that gives it, follow it,
     * whatever they score. "The server turns off permessage-deflate." is no answer to why it does; the sentence after
     * it is.
     */
    private static void readOn(Candidate first, SentencePicker picker, List<List<Candidate>> bySource, QuestionFocus focus,
                               Understanding understanding, KnowledgeIndex index, Set<String> wanted) {
        boolean why = understanding.asksWhy();
        boolean outcome = focus.kinds().contains(QuestionFocus.Kind.CONSEQUENCE);
        boolean response = focus.kinds().contains(QuestionFocus.Kind.RESPONSE);
        boolean amount = focus.measured();
        java.util.function.Predicate<Candidate> gives = c -> why ? Reasons.weight(c.quotable().text()) > 0
                : outcome ? c.states().contains(QuestionFocus.Kind.CONSEQUENCE) || QuestionFocus.outcome(c.quotable().whole())
                : response ? c.states().contains(QuestionFocus.Kind.RESPONSE)
                : amount ? c.hasNumber() : c != first;
        boolean asks = why || outcome || response || amount || Premise.asksWhether(understanding.asked());
        if (!asks || gives.test(first) || !Premise.restates(index, wanted, first.terms())) {
            return;
        }
        List<Candidate> passage = bySource.get(first.sourceOrder());
        List<Candidate> run = new ArrayList<>();
        for (int p = first.quotable().position() + 1; p <= first.quotable().position() + READ_ON; p++) {
            int at = p;
            Candidate next = passage.stream().filter(c -> c.quotable().position() == at).findFirst().orElse(null);
            if (next == null || next.quotable().opens() || next.quotable().row() != null || next.quotable().fallback()) {
                return;
            }
            run.add(next);
            if (gives.test(next)) {
                String what = why ? "the reason" : outcome ? "what follows" : response ? "the response"
                        : amount ? "the amount" : "whether, and what follows";
                for (Candidate c : run) {
                    if (!picker.has(c) && !picker.pick(c, c == next ? "gives " + what + ", which the question asks and "
                            + "the opening does not state: it only names what the question asks about"
                            : "reads on from the opening to the sentence that gives " + what, c == next)) {
                        return;
                    }
                }
                return;
            }
        }
    }

    /**
     * What a sentence adds to an answer that states the amount asked for more precisely than it does: the share of
     * the question's key terms, by weight, that it names and the answer lacks; 1 when the answer states the
     * amount no more precisely, or no amount.
     */
    private static double adds(Candidate candidate, SentencePicker picker, QuestionFocus focus, Understanding understanding,
                               KnowledgeIndex index) {
        int stated = picker.picked.stream().mapToInt(focus::rank).max().orElse(0);
        if (stated < 2 || focus.rank(candidate) >= stated) {
            return 1;
        }
        double added = 0;
        double total = 0;
        for (String term : understanding.terms()) {
            double weight = index.idf(term) * understanding.weight(term);
            total += weight;
            if (candidate.terms().contains(term) && !picker.coveredTerms().contains(term)) {
                added += weight;
            }
        }
        return total == 0 ? 1 : added / total;
    }

    public static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

}
