package dev.glassbox.server.local.compose;

import dev.glassbox.server.local.knowledge.KnowledgeIndex;
import dev.glassbox.server.local.understanding.Understanding;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * Chooses the sentence that opens an answer: the best passage's best sentence that names what the question asks
 * about and reads on its own, unless a sentence of another passage states what the question asks for more precisely
 * or scores clearly higher; in a follow-up, what the previous answer said opens only when nothing new does.
 */
final class OpeningChoice {
    /**
     * How much higher than the best passage's best sentence a further passage's must score to open the answer
     * when both state what the question asks for equally precisely; how much lower it may score when it states it
     * more precisely.
     */
    private static final double LEADS = 1.25;
    /**
     * How much higher a further passage's sentence must score to open the answer when neither it nor the best
     * passage's best sentence states what the question asks for more precisely: the best passage was judged on all
     * its text, a sentence only on its own words, so it takes a clear lead.
     */
    private static final double LEADS_ON_SCORE = 1.5;
    /** How much more of the question's key terms, by rarity, a further passage must hold to need no lead in score. */
    private static final double COVERS_MORE = 0.3;

    /** The opening sentence, and whether a further passage's sentence won it on its score alone. */
    record Opening(Candidate first, boolean wonOnScore) {
    }

    private OpeningChoice() {
    }

    /**
     * Picks the opening into the picker.
     *
     * @param ranked every candidate, best first
     * @param bySource the candidates of each source, in its passage's order
     * @param fromBest the best passage's candidates, best first (not empty)
     * @param reserved how many sources are quoted; the rest are held in reserve
     */
    static Opening choose(KnowledgeIndex index, List<Candidate> ranked, List<List<Candidate>> bySource, List<Candidate> fromBest,
                          int reserved, QuestionFocus focus, Understanding understanding, SentencePicker picker) {
        // A sentence of a further quoted passage opens instead when it states what the question asks for more
        // precisely than the best passage's opening would (it counts what a how-many question counts; it states
        // the amount asked for) and scores nearly as high, or states it as precisely (or states as much of it) and
        // scores clearly higher: the passage judged best need not hold the sentence that best answers.
        List<Candidate> openers = fromBest.stream().filter(c -> c.keyTerms() && !c.said() && !c.fragment()).toList();
        Candidate opening = openers.isEmpty() ? null : openers.get(0);
        Candidate leader = mostPrecise(ranked.stream().filter(c -> c.sourceOrder() > 0 && c.sourceOrder() < reserved
                && c.keyTerms() && !c.said() && !c.line()).toList(), focus::precision);
        // For a why-question a reason is what is asked for: a sentence giving one states it more precisely than one
        // that gives none.
        boolean reasons = leader != null && opening != null && understanding.asksWhy()
                && Reasons.weight(leader.quotable().text()) > 0 && Reasons.weight(opening.quotable().text()) == 0;
        // A further passage that holds clearly more of the question's key terms than the best one needs no lead in score
        // when both sentences state what is asked as precisely: the best passage was ranked first on its meaning as a
        // whole, which incidental words can carry ("How long does a shutdown wait for answers that are still running?"
        // is closest to how long an answer may run, while "Stop the server" holds its words and its 5 seconds).
        boolean coversMore = opening != null && leader != null && SentenceScorer.named(index, understanding,
                leader.source().passage().chunk().indexedText()) >= SentenceScorer.named(index, understanding,
                opening.source().passage().chunk().indexedText()) + COVERS_MORE;
        boolean leads = opening != null && leader != null
                && (reasons || focus.precision(leader) > focus.precision(opening)
                        ? leader.score() * LEADS >= opening.score()
                        : focus.precision(leader) == focus.precision(opening)
                        && leader.score() >= (focus.precision(leader) == 0 ? LEADS_ON_SCORE : coversMore ? 1 : LEADS)
                                * opening.score()
                        && focus.rank(leader) >= focus.rank(opening));
        // A passage held in reserve is quoted from only by a sentence that outscores the opening; one that does and
        // states what the question asks for, which the opening does not, opens instead.
        Candidate held = opening == null || leads ? null : ranked.stream().filter(c -> c.sourceOrder() >= reserved
                && c.keyTerms() && !c.said() && !c.line() && c.score() > opening.score()
                && focus.rank(c) > focus.rank(opening)).findFirst().orElse(null);
        // A passage held in reserve whose best sentence names what the question is about far better than the opening
        // ("Stop the server with Ctrl-C" for "how long do running answers get when I press Ctrl-C?") and reads on to a
        // sentence that states what is asked as precisely opens: its next sentences follow it.
        Candidate base = leads ? leader : opening;
        Candidate leadsIn = base == null || held != null ? null : ranked.stream().filter(c -> c.sourceOrder() >= reserved
                && c.keyTerms() && !c.said() && !c.line() && !c.fragment() && !c.quotable().dangling()
                && c.score() >= LEADS_ON_SCORE * base.score() && focus.rank(c) < focus.rank(base)
                && readsOnTo(c, bySource, focus) >= focus.rank(base)).findFirst().orElse(null);
        // Else the best passage's sentence that states what is asked most precisely (a setting asked for, too), of
        // those close to its best.
        Candidate precise = leads || held != null ? null : mostPrecise(openers, focus::precisionInPassage);
        // When none of the best passage's sentences close to its best states the place, setting or response asked
        // for, another passage's sentence that does and scores nearly as high opens: "Where are the embeddings
        // cached?" is answered by "Embeddings are cached … in the cache folder", not by "A failed embedding-cache
        // save leaves no temporary file behind", however well that names the question's words.
        // (When the question has no key terms, "What is Glassbox?", any of the best passage's sentences would open.)
        List<Candidate> usual = openers.isEmpty() && understanding.terms().isEmpty() ? fromBest : openers;
        Candidate wouldOpen = leads || held != null || usual.isEmpty() ? null : precise != null ? precise : usual.get(0);
        Candidate pinpointed = wouldOpen == null || usual.stream().anyMatch(c -> focus.pinpoints(c)
                && c.score() >= ExtractiveComposer.CLOSE_TO_BEST * usual.get(0).score()) ? null
                : ranked.stream().filter(c -> c.sourceOrder() > 0 && !c.said() && !c.line()
                        // A definition names what it defines, which may be no key term ("Glassbox").
                        && (c.keyTerms() || c.states().contains(QuestionFocus.Kind.DEFINITION))
                        && !c.fragment() && focus.pinpoints(c) && focus.precision(c) >= focus.precision(wouldOpen)
                        && c.score() * LEADS >= wouldOpen.score()).findFirst().orElse(null);
        // In a follow-up, what the previous answer said opens the answer only when nothing new does.
        Candidate chosen = Optional.ofNullable(leadsIn != null && picker.pick(leadsIn, "names what the question is "
                        + "about with a score far above the sentence that would have opened (" + ExtractiveComposer.format(
                        base.score()) + "), and its passage reads on to " + focus.what(base) + ", though it was held in "
                        + "reserve", true) ? leadsIn : null)
                .or(() -> Optional.ofNullable(leads && picker.pick(leader, (reasons ? "gives a reason, which the "
                        + "question asks for, with a score close to" : focus.precision(leader) > 0
                        ? "states " + focus.what(leader) + ", which the question asks for, more precisely or with a "
                                + "clearly higher score than" : "scored " + ExtractiveComposer.format(leader.score()) + ", clearly more than")
                        + " the best passage's best sentence (" + ExtractiveComposer.format(opening.score()) + ")", true) ? leader : null))
                .or(() -> Optional.ofNullable(held != null && picker.pick(held, "states " + focus.what(held)
                        + ", which the question asks for and the best passage's best sentence (" + ExtractiveComposer.format(opening.score())
                        + ") does not, and scores higher, though its passage was held in reserve", true) ? held : null))
                .or(() -> Optional.ofNullable(pinpointed != null && picker.pick(pinpointed, "states "
                        + focus.what(pinpointed) + ", which the question asks for and no sentence of the best passage "
                        + "close to its best (" + ExtractiveComposer.format(wouldOpen.score()) + ") states, with a score "
                        + "close to it", true) ? pinpointed : null))
                .or(() -> Optional.ofNullable(precise != null && precise != opening && picker.pick(precise, "states "
                        + focus.what(precise) + ", which the question asks for, most precisely of the best passage's "
                        + "sentences that score close to its best", true) ? precise : null))
                .or(() -> fromBest.stream()
                        .filter(c -> c.keyTerms() && !c.said()
                                && picker.pick(c, "best sentence of the best passage", true))
                        .findFirst())
                .or(() -> ranked.stream().filter(c -> c.sourceOrder() > 0 && c.sourceOrder() < reserved
                        && c.keyTerms() && !c.said()
                        && picker.pick(c, "best sentence of a further passage: the best passage's sentences that name "
                                + "the question's key terms were said in the previous answer or cannot open it (see the "
                                + "rejected sentences)", true)).findFirst())
                .or(() -> fromBest.stream()
                        .filter(c -> c.keyTerms() && picker.pick(c, "best sentence of the best passage", true))
                        .findFirst())
                .or(() -> ranked.stream().filter(c -> c.sourceOrder() > 0 && c.sourceOrder() < reserved
                        && c.keyTerms() && picker.pick(c,
                        "best sentence of a further passage: none of the best passage's sentences that name the "
                                + "question's key terms reads on its own", true)).findFirst())
                .or(() -> fromBest.stream().filter(c -> picker.pick(c, "best sentence of the best passage", true))
                        .findFirst())
                .orElse(null);
        if (chosen == null) {
            chosen = fromBest.stream().filter(c -> !c.quotable().dangling()).findFirst().orElse(fromBest.get(0));
            picker.force(chosen, "best sentence of the best passage that stands on its own");
        }
        return new Opening(chosen, chosen == leader && focus.precision(leader) == 0);
    }

    /**
     * The best {@link QuestionFocus#rank} of the candidate and of the sentences that read on from it, as far as the
     * composer reads on from an opening: not past a new paragraph or list item, a table row or a code line.
     */
    private static int readsOnTo(Candidate candidate, List<List<Candidate>> bySource, QuestionFocus focus) {
        int best = focus.rank(candidate);
        List<Candidate> passage = bySource.get(candidate.sourceOrder());
        for (int p = candidate.quotable().position() + 1; p <= candidate.quotable().position()
                + ExtractiveComposer.READ_ON; p++) {
            int at = p;
            Candidate next = passage.stream().filter(c -> c.quotable().position() == at).findFirst().orElse(null);
            if (next == null || next.quotable().opens() || next.quotable().row() != null || next.quotable().fallback()) {
                break;
            }
            best = Math.max(best, focus.rank(next));
        }
        return best;
    }

    /**
     * Of the candidates (best first) that score close to the best, the one that states what the question asks for
     * most precisely, the best on a tie; null when there are none. A passage's top sentence may be a neighbour of the
     * answer: "a daily budget … 1 USD" answers a daily cap, not the monthly figure beside it that scores higher.
     */
    private static Candidate mostPrecise(List<Candidate> candidates, ToIntFunction<Candidate> precision) {
        Candidate best = null;
        for (Candidate c : candidates) {
            if (c.score() >= ExtractiveComposer.CLOSE_TO_BEST * candidates.get(0).score()
                    && (best == null || precision.applyAsInt(c) > precision.applyAsInt(best))) {
                best = c;
            }
        }
        return best;
    }
}
