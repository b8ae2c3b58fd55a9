package dev.glassbox.server.local;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes an answer by quoting, never inventing. The best passage is always quoted first, with its
 * sentence that best covers the question; more sentences follow, in order of relevance (those that name a key term
 * the answer lacks first), only when they score close to that first one. A sentence that opens by referring back ("It", "So", "This") comes with
 * the sentence before it or not at all; near-repeats are skipped; questions after an amount get a
 * sentence with a number when the passages have one.
 */
final class ExtractiveComposer {
    private static final int MAX_SENTENCES = 4;
    /** What stating the kind of amount a question asks for (a price, a duration) adds to a sentence's score. */
    private static final double AMOUNT = 3;
    /** What a sentence's similarity in meaning to the question weighs against its overlap of rare terms. */
    private static final double MEANING = 6;
    private static final int MAX_WORDS = 110;
    /** A further sentence must score at least this share of the first one. */
    private static final double CLOSE_TO_BEST = 0.55;
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
    /**
     * Once the answer states the amount asked for, a sentence that states it less precisely (and scores below
     * {@link #RUNNER_UP}) is quoted only when it names key terms the answer lacks worth this share of the question's.
     */
    private static final double NOVEL = 0.25;
    /** A sentence scoring at least this share of the first may answer another part of the question: it is kept. */
    private static final double RUNNER_UP = 0.8;
    private static final double REDUNDANT_OVERLAP = 0.5;
    /** Typical sentence length in the knowledge base, for length normalisation. */
    private static final double TYPICAL_WORDS = 22;
    private static final int SHOWN_REJECTIONS = 8;
    /** How many sentences after an opening that gives none of what the question asks may lead to one that does. */
    private static final int READ_ON = 2;
    /** A sentence that continues a chosen one in its passage reads on naturally: it needs this much less of the bar. */
    private static final double CONTINUATION = 0.5;
    /** The share of the question's key terms a table row's name and columns must hold to be quoted ({@link #named}). */
    private static final double ROW_NAMED = 0.5;
    /** Words that give a reason, for why-questions. */
    private static final java.util.regex.Pattern REASON = java.util.regex.Pattern.compile(
            "\\b(?:because|since|so that|so|therefore|otherwise|would|instead|in order to|to keep|to avoid|"
                    + "reason|cannot|which is why|means|keeps|avoids|prevents|saves|needs no|only way|"
                    + "too (?:slow|costly|expensive|big|large))\\b", java.util.regex.Pattern.CASE_INSENSITIVE);
    /**
     * A sentence that says why the one before it is so ("This keeps …", "So …", "That avoids …"): for a
     * why-question, the reason itself. It comes with the sentence it explains (it is dangling).
     */
    private static final java.util.regex.Pattern EXPLAINS = java.util.regex.Pattern.compile(
            "^(?:So\\b|(?:This|That|It|Which)\\b.{0,30}\\b(?:keeps|avoids|means|makes|prevents|saves|is why|is "
                    + "because)\\b)");
    /** The words that make a question a question of amount, not what it says of its subject. */
    private static final String ASKING = "how much many long big large often what which who when where why do does did "
            + "is are was were be can could may might will would should shall must the a an";
    /** A price: "$350 a month", "$0.24 per hour". */
    private static final Pattern PRICED = Pattern.compile("\\$\\s?\\d");
    /** What giving a reason adds to a sentence's score when the question asks why; explaining, twice that. */
    private static final double REASON_WEIGHT = 2;
    /**
     * What a word the visitor just used in a follow-up weighs when a long sentence is cut, against one carried over
     * from the earlier question ({@link Understanding#CONTEXT_WEIGHT}).
     */
    static final double OWN_WORDS = 3;
    /** What having been quoted in the conversation's previous answer takes off a sentence's score in a follow-up. */
    static final double SAID = 4;
    /** An opener that refers back by naming what it refers to: "Both functions", "These limits", "The other one". */
    private static final Pattern REFERRING = Pattern.compile("(both|either|neither|the two|these|those|this|that|"
            + "such|the other|each of the|all of the)\\s+([\\p{L}-]+)",
            Pattern.CASE_INSENSITIVE);
    /** "these cases", "those limits" inside a sentence: what it names is in the sentence before. */
    private static final Pattern REFERS_INSIDE = Pattern.compile("(?i)(?<=\\s)(?:these|those)\\s+(?!two\\b|three\\b)"
            + "(\\p{L}+)");
    /** What introduces the pair "Both …" refers to. */
    private static final Pattern PAIR = Pattern.compile("(?i)\\b(?:two|both|pair)\\b");

    /** A passage to quote from, with the number its {@code [n]} markers use. */
    record Source(Passage passage, int reference) {
    }

    /** A quoted sentence, the reference it came from, its score and why it was chosen. */
    record Sentence(String text, int reference, double score, String why) {
    }

    /** A sentence that was considered and left out, and why. */
    record Rejection(String text, int reference, double score, String why) {
    }

    /** What was chosen, in answer order, and the best of what was not. */
    record Composition(List<Sentence> sentences, List<Rejection> rejected) {
    }

    /** {@code keyTerms}: whether it contains any of the question's key terms. */
    /**
     * {@code keyTerms}: whether it contains any of the question's key terms; {@code states}: which of the kinds
     * of thing the question asks for it states; {@code said}: whether the conversation's previous answer
     * already quoted it; {@code antecedent}: a sentence of the section's earlier passage, quoted only before the
     * sentence that refers back to it; {@code counts}: whether it gives the number of what the question asks the
     * number of ({@link Focus#counts}).
     */
    private record Candidate(Quotables.Quotable quotable, Source source, int sourceOrder, Set<String> terms,
                             double score, boolean hasNumber, boolean counts, boolean keyTerms,
                             Set<Focus.Kind> states, boolean said, boolean antecedent) {
        int words() {
            return quotable.words();
        }

        /** Whether it has no verb of its own ({@link Quotables#hasOwnVerb}): it cannot open an answer. */
        boolean fragment() {
            Quotables.Quotable q = quotable;
            return q.row() == null && !q.fallback() && q.joint() == null && !Quotables.hasOwnVerb(q.whole());
        }

        /**
         * Whether it is a line of a code block or of a table without its columns' names, which says too little on its
         * own to be quoted from a further passage; a table row the question asks for names its columns.
         */
        boolean line() {
            return quotable.fallback() && quotable.row() == null;
        }

        /** Its score before the penalty for having been said in the previous answer. */
        double unsaidScore() {
            return said ? score + SAID : score;
        }
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
    Composition compose(KnowledgeIndex index, Understanding understanding, List<Source> quoted, List<Source> reserve,
                        String previousAnswer) {
        List<Source> sources = new ArrayList<>(quoted);
        sources.addAll(reserve);
        int reserved = quoted.size();
        Set<String> wanted = new HashSet<>(understanding.terms());
        Focus focus = Focus.of(index, understanding);
        Said said = new Said(previousAnswer);
        // A long sentence is cut to the part with the amount asked for: one the previous answer did not give.
        Pattern sought = said.unsaid(focus.sought());
        List<List<Candidate>> bySource = new ArrayList<>();
        List<Candidate> all = new ArrayList<>();
        for (int order = 0; order < sources.size(); order++) {
            List<Candidate> candidates = new ArrayList<>();
            Source source = sources.get(order);
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
                Set<Focus.Kind> states = focus.stated(quotable.whole(), terms);
                double eventShare = focus.eventShare(index, terms);
                if (quotable.dangling() && focus.outcomeOfPrevious(quotable.whole(), namedEvent)) {
                    // "A browser that stops reading would … . Each socket therefore is closed with code 1013": an
                    // outcome that refers back to the sentence naming the event is that event's outcome.
                    states.add(Focus.Kind.CONSEQUENCE);
                    eventShare = namedEvent;
                }
                namedEvent = focus.eventShare(index, terms);
                // A number next to what a how-many question counts is its answer: it weighs twice.
                boolean counts = focus.counts(index, quotable.whole());
                boolean hasNumber = states.contains(Focus.Kind.AMOUNT) || counts;
                // A bound on the amount asked for is the answer to what is allowed, unless the previous answer gave it:
                // the follow-up asks about something else.
                boolean bound = hasNumber && !said.contains(quotable.text())
                        && focus.statesLimit(index, quotable.whole());
                // In a follow-up, a sentence the previous answer quoted counts less, unless it may be what the
                // follow-up asks: it states the kind of thing asked for, or names a word the visitor just used. One
                // that was quoted only up to its number was not said: its number is new.
                boolean repeats = said.contains(quotable.text()) && said.hasNumbersOf(quotable.whole())
                        && states.isEmpty() && !(understanding.asksWhy() && reason(quotable.text()) > 0)
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
                        + (states.contains(Focus.Kind.CONSEQUENCE) ? Focus.WEIGHT * eventShare : 0)
                        + (understanding.asksWhy() ? reason(quotable.text()) : 0)
                        - order * 0.3
                        - (repeats ? SAID : 0);
                Candidate candidate = new Candidate(quotable, source, order, terms, score, hasNumber, counts,
                        overlap > 0, states, repeats, false);
                candidates.add(candidate);
                all.add(candidate);
            }
            bySource.add(candidates);
        }
        List<Candidate> ranked = new ArrayList<>(all);
        ranked.sort(Comparator.comparingDouble(Candidate::score).reversed());
        Picker picker = new Picker(index, bySource, wanted);
        // The answer opens with the best passage's best sentence that names what the question asks about and
        // reads on its own; when the best passage has none (its point is made by a sentence that leans on the
        // passage before it), with the next passages' best such sentence; else with whatever reads on its own.
        List<Candidate> fromBest = ranked.stream().filter(c -> c.sourceOrder() == 0).toList();
        if (fromBest.isEmpty()) {
            return new Composition(List.of(), List.of());
        }
        // A sentence of a further quoted passage opens instead when it states what the question asks for more
        // precisely than the best passage's opening would (it counts what a how-many question counts; it states
        // the amount asked for) and scores nearly as high, or states it as precisely (or states as much of it) and
        // scores clearly higher: the passage judged best need not hold the sentence that best answers.
        List<Candidate> openers = fromBest.stream().filter(c -> c.keyTerms() && !c.said() && !c.fragment()).toList();
        Candidate opening = openers.isEmpty() ? null : openers.get(0);
        Candidate leader = mostPrecise(ranked.stream().filter(c -> c.sourceOrder() > 0 && c.sourceOrder() < reserved
                && c.keyTerms() && !c.said() && !c.line()).toList(), focus);
        // For a why-question a reason is what is asked for: a sentence giving one states it more precisely than one
        // that gives none.
        boolean reasons = leader != null && opening != null && understanding.asksWhy()
                && reason(leader.quotable().text()) > 0 && reason(opening.quotable().text()) == 0;
        boolean leads = opening != null && leader != null
                && (reasons || focus.precision(leader) > focus.precision(opening)
                        ? leader.score() * LEADS >= opening.score()
                        : focus.precision(leader) == focus.precision(opening)
                        && leader.score() >= (focus.precision(leader) > 0 ? LEADS : LEADS_ON_SCORE) * opening.score()
                        && focus.rank(leader) >= focus.rank(opening));
        // A passage held in reserve is quoted from only by a sentence that outscores the opening; one that does and
        // states what the question asks for, which the opening does not, opens instead.
        Candidate held = opening == null || leads ? null : ranked.stream().filter(c -> c.sourceOrder() >= reserved
                && c.keyTerms() && !c.said() && !c.line() && c.score() > opening.score()
                && focus.rank(c) > focus.rank(opening)).findFirst().orElse(null);
        // Else the best passage's sentence that states what is asked most precisely, of those close to its best.
        Candidate precise = leads || held != null ? null : mostPrecise(openers, focus);
        // In a follow-up, what the previous answer said opens the answer only when nothing new does.
        Candidate first = Optional.ofNullable(leads && picker.pick(leader, (reasons ? "gives a reason, which the "
                        + "question asks for, with a score close to" : focus.precision(leader) > 0
                        ? "states " + focus.what(leader) + ", which the question asks for, more precisely or with a "
                                + "clearly higher score than" : "scored " + format(leader.score()) + ", clearly more than")
                        + " the best passage's best sentence (" + format(opening.score()) + ")", true) ? leader : null)
                .or(() -> Optional.ofNullable(held != null && picker.pick(held, "states " + focus.what(held)
                        + ", which the question asks for and the best passage's best sentence (" + format(opening.score())
                        + ") does not, and scores higher, though its passage was held in reserve", true) ? held : null))
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
        if (first == null) {
            first = fromBest.stream().filter(c -> !c.quotable().dangling()).findFirst().orElse(fromBest.get(0));
            picker.force(first, "best sentence of the best passage that stands on its own");
        }
        double bar = first.score() * CLOSE_TO_BEST;
        picker.bar = bar;
        if (picker.picked.stream().noneMatch(c -> c.sourceOrder() == 0)) {
            // The best passage is quoted in every answer: when a further passage opens, its best sentence comes next
            // if it scores close to the opening, or whatever it scores when the opening won on its score alone.
            boolean byScore = first == leader && focus.precision(leader) == 0;
            fromBest.stream().filter(c -> c.keyTerms() && !c.said() && (c.score() >= bar || byScore)).filter(c -> picker.pick(c,
                    "best sentence of the best passage, after a further passage's sentence that opens the answer",
                    false)).findFirst();
        }
        readOn(first, picker, bySource, focus, understanding, index, wanted);
        // What the question asks for (a number, a value, a name, a place, a condition) comes next when the
        // opening states none of it, or less precisely: the best sentence that states it more precisely, if it
        // names a key term and scores at least half the bar. (A method is only weighed: too many sentences look
        // like one.)
        int opened = focus.rank(first);
        if (!focus.kinds().isEmpty() && opened < Focus.PRECISEST) {
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
                    .sorted(Comparator.comparingDouble((Candidate c) -> c.score() + (saysIt.test(c) ? AMOUNT : 0))
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
                picker.reject(candidate, "the answer already has " + MAX_SENTENCES + " sentences");
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
        if (focus.kinds().contains(Focus.Kind.AMOUNT) && picker.picked.stream().noneMatch(Candidate::hasNumber)) {
            // The number is the answer: it is quoted even past the word cap, even if the previous answer said it.
            ranked.stream().filter(c -> c.hasNumber() && !picker.has(c) && c.sourceOrder() < reserved
                    && c.unsaidScore() >= bar / 2).findFirst()
                    .ifPresent(c -> picker.pick(c, "states a number, and the question asks how much", true));
        }
        if (understanding.asksWhy()) {
            // The strongest reason the passages give is quoted, even past the caps, with what it explains.
            double given = picker.picked.stream().mapToDouble(c -> reason(c.quotable().text())).max().orElse(0);
            ranked.stream().filter(c -> !picker.has(c) && c.sourceOrder() < reserved && c.score() >= bar / 2
                            && reason(c.quotable().text()) > given)
                    .sorted(Comparator.comparingDouble((Candidate c) -> reason(c.quotable().text())).reversed())
                    .filter(c -> picker.pick(c, "gives a reason, and the question asks why", true)).findFirst();
        }
        List<Sentence> sentences = new ArrayList<>();
        for (int i = 0; i < picker.picked.size(); i++) {
            Candidate c = picker.picked.get(i);
            // A long sentence is cut to the part with what the follow-up asks, in the visitor's own new words.
            java.util.function.ToDoubleFunction<String> weight = t -> wanted.contains(t) ? index.idf(t)
                    * (understanding.followUp() && understanding.ownTerms().contains(t) ? OWN_WORDS
                    : understanding.weight(t)) : 0;
            Quotables.Row row = c.quotable().row();
            String text = row != null ? row.sentence(askedCell(row, weight, index, sought))
                    : Excerpt.of(c.quotable().whole(), weight, index::terms, sought, i == 0);
            int last = sentences.size() - 1;
            String joint = c.quotable().joint();
            if (joint != null && i > 0 && picker.picked.get(i - 1) == picker.previous(c)) {
                // A piece without a verb is read on from the piece before it, as the passage has it.
                Sentence before = sentences.get(last);
                String joined = joint.equals("; ") ? before.text().replaceFirst("\\.$", "") + "; " + continuing(text)
                        : before.text() + joint + text;
                sentences.set(last, new Sentence(joined, before.reference(), before.score(), before.why()));
            } else {
                // The selection step says why the answer does not open with the passage judged best.
                String why = i == 0 && c.sourceOrder() > 0 ? "opens instead of the best passage ["
                        + sources.get(0).reference() + "]: " + picker.why.get(i) : picker.why.get(i);
                sentences.add(new Sentence(text, c.source().reference(), c.score(), why));
            }
        }
        List<Rejection> rejected = picker.rejected.stream().limit(SHOWN_REJECTIONS).toList();
        return new Composition(sentences, rejected);
    }

    /**
     * Of the candidates (best first) that score close to the best, the one that states what the question asks for
     * most precisely, the best on a tie; null when there are none. A passage's top sentence may be a neighbour of the
     * answer: "a daily budget … 1 USD" answers a daily cap, not the monthly figure beside it that scores higher.
     */
    private static Candidate mostPrecise(List<Candidate> candidates, Focus focus) {
        Candidate best = null;
        for (Candidate c : candidates) {
            if (c.score() >= CLOSE_TO_BEST * candidates.get(0).score()
                    && (best == null || focus.precision(c) > focus.precision(best))) {
                best = c;
            }
        }
        return best;
    }

    /**
     * When the opening only restates the question ({@link Premise}) and gives none of what it asks (the reason of a
     * why-question, the outcome of a what-happens one, the response or the amount asked for, or whether), its passage
     * reads on: the next sentences, up to the one that gives it, follow it,
     * whatever they score. "The server turns off permessage-deflate." is no answer to why it does; the sentence after
     * it is.
     */
    private static void readOn(Candidate first, Picker picker, List<List<Candidate>> bySource, Focus focus,
                               Understanding understanding, KnowledgeIndex index, Set<String> wanted) {
        boolean why = understanding.asksWhy();
        boolean outcome = focus.kinds().contains(Focus.Kind.CONSEQUENCE);
        boolean response = focus.kinds().contains(Focus.Kind.RESPONSE);
        boolean amount = focus.measured();
        java.util.function.Predicate<Candidate> gives = c -> why ? reason(c.quotable().text()) > 0
                : outcome ? c.states().contains(Focus.Kind.CONSEQUENCE) || Focus.outcome(c.quotable().whole())
                : response ? c.states().contains(Focus.Kind.RESPONSE)
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

    /** Collects the answer's sentences in order, keeping each dangling one behind its predecessor. */
    private static final class Picker {
        private final KnowledgeIndex index;
        private final List<List<Candidate>> bySource;
        private final List<Candidate> picked = new ArrayList<>();
        private final List<String> why = new ArrayList<>();
        private final List<Rejection> rejected = new ArrayList<>();
        /** What was chosen only because it continues a chosen sentence: what follows it does not read on. */
        private final Set<Candidate> continuations = new HashSet<>();
        private int words;
        /** The question's key terms that the chosen sentences contain. */
        private final Set<String> covered = new HashSet<>();
        private final Set<String> wanted;
        /** The score a further sentence needs; set once the first sentence is chosen. */
        private double bar;

        Picker(KnowledgeIndex index, List<List<Candidate>> bySource, Set<String> wanted) {
            this.index = index;
            this.bySource = bySource;
            this.wanted = wanted;
        }

        Set<String> coveredTerms() {
            return covered;
        }

        /** Whether the candidate names one of these key terms that no chosen sentence does. */
        boolean adds(Candidate candidate, Set<String> terms) {
            return !covered.containsAll(wantedOf(candidate, terms));
        }

        boolean has(Candidate candidate) {
            return picked.contains(candidate);
        }

        /**
         * The candidate's score, raised when it continues a chosen sentence of its paragraph or list item (the
         * list's next item says something else).
         */
        double effective(Candidate candidate) {
            Candidate before = previous(candidate);
            boolean continues = before != null && has(before) && !continuations.contains(before)
                    && !candidate.quotable().opens();
            return candidate.score() + (continues ? CONTINUATION * bar : 0);
        }

        boolean full() {
            return picked.size() >= MAX_SENTENCES;
        }

        /**
         * Adds the candidate (and what it refers back to) unless a rule says no; true if it was added.
         *
         * @param uncapped whether it is added even past the answer's word cap (the first sentence, the number asked for)
         */
        boolean pick(Candidate candidate, String reason, boolean uncapped) {
            if (picked.isEmpty() && candidate.fragment()) {
                reject(candidate, "has no verb of its own (only in brackets or a relative clause), so it cannot "
                        + "open the answer");
                return false;
            }
            List<Candidate> run = new ArrayList<>();
            run.add(candidate);
            // Pull in the sentences it refers back to, back to one that stands on its own, unless already
            // quoted: a fact in "So …" after "It …" is worth the sentences that make it readable.
            Candidate current = candidate;
            while (leansBack(current) && current.quotable().position() > 0 && run.size() < MAX_SENTENCES) {
                Candidate before = bySource.get(current.sourceOrder()).get(current.quotable().position() - 1);
                if (has(before)) {
                    break;
                }
                run.add(0, before);
                current = before;
            }
            Candidate antecedent = antecedent(run.get(0));
            if (antecedent != null && !has(antecedent)) {
                run.add(0, antecedent);
            }
            if (leansBack(run.get(0)) && !has(previous(run.get(0)))
                    && (antecedent == null || !has(antecedent))) {
                Matcher inside = REFERS_INSIDE.matcher(run.get(0).quotable().text());
                reject(candidate, run.get(0).quotable().dangling() || !inside.find() ? "opens with \""
                        + opener(candidate) + "\", which needs the sentences before it" : "names something by \""
                        + inside.group() + "\", which the sentences before it name");
                return false;
            }
            int runWords = run.stream().mapToInt(Candidate::words).sum();
            if (candidate.quotable().text().endsWith(":")) {
                // A lead-in is quoted with the list items it introduces, as many as fit.
                List<Candidate> passage = bySource.get(candidate.sourceOrder());
                for (int p = candidate.quotable().position() + 1; p < passage.size()
                        && words + runWords + passage.get(p).words() <= MAX_WORDS; p++) {
                    run.add(passage.get(p));
                    runWords += passage.get(p).words();
                }
                if (run.get(run.size() - 1) == candidate) {
                    reject(candidate, "introduces a list, and none of its items fits");
                    return false;
                }
            }
            if (!uncapped && words + runWords > MAX_WORDS) {
                reject(candidate, "would make the answer longer than " + MAX_WORDS + " words");
                return false;
            }
            for (Candidate c : run) {
                if (redundant(c)) {
                    reject(candidate, "repeats what a chosen sentence says");
                    return false;
                }
            }
            for (Candidate c : run) {
                force(c, c == candidate ? reason : run.indexOf(c) < run.indexOf(candidate)
                        ? "needed before the next sentence, which refers back to it" : "an item of the list just introduced");
            }
            return true;
        }

        /** Adds the candidate; one that continues a chosen sentence goes right after it, so it reads on. */
        void force(Candidate candidate, String reason) {
            Candidate before = previous(candidate);
            int at = before != null && has(before) ? picked.indexOf(before) + 1 : picked.size();
            picked.add(at, candidate);
            why.add(at, reason);
            covered.addAll(wantedOf(candidate, wanted));
            words += candidate.words();
        }

        private Candidate previous(Candidate candidate) {
            int position = candidate.quotable().position();
            // A table row reads on from nothing (and the rows the question does not name are no candidates).
            return position == 0 || candidate.antecedent() || candidate.quotable().row() != null ? null
                    : bySource.get(candidate.sourceOrder()).get(position - 1);
        }

        /**
         * For a passage's first sentence that refers back ("Both functions …", "These limits …", "It …", "… in those
         * bursts") when the chunker cut its section: the sentence of the section's earlier passages it refers to. That
         * is the nearest one that names the thing referred to ("functions"; "bursts"; "two" for "Both"), or, for a bare
         * pronoun, the sentence just before. Null when there is none that stands on its own, or no need.
         */
        private Candidate antecedent(Candidate candidate) {
            Quotables.Quotable first = candidate.quotable();
            // "The server used … in those bursts": what it names by "those" is in the sentences before, unless the
            // sentence named it itself ("a hash of the passages … holds these passages").
            Matcher inside = REFERS_INSIDE.matcher(first.text());
            boolean namesBack = !first.dangling() && leansBack(candidate) && inside.find()
                    && index.terms(first.text().substring(0, inside.start())).stream()
                    .noneMatch(index.terms(inside.group(1))::contains);
            if (candidate.antecedent() || first.position() > 0 || !first.dangling() && !namesBack
                    || first.joint() != null || !Character.isUpperCase(first.text().charAt(0))
                    || !Quotables.hasVerb(first.text())) {
                return null;
            }
            List<Quotables.Quotable> before = index.sectionBefore(candidate.source().passage().chunk());
            if (before.isEmpty()) {
                return null;
            }
            Matcher opener = REFERRING.matcher(first.text());
            boolean refers = namesBack || opener.lookingAt();
            boolean pair = !namesBack && refers && opener.group(1).matches("(?i)both|either|neither|the two");
            // "This keeps …", "These are …": a pronoun, not a thing named.
            boolean pronoun = !refers || !namesBack && !pair && opener.group(1).matches("(?i)th(?:is|at|ese|ose)")
                    && Quotables.hasVerb("it " + opener.group(2));
            Set<String> named = pronoun ? Set.of() : index.terms(namesBack ? inside.group(1) : opener.group(2));
            Quotables.Quotable found = null;
            if (pronoun) {
                found = before.get(before.size() - 1);
            } else {
                for (int i = before.size() - 1; i >= 0 && found == null; i--) {
                    Quotables.Quotable q = before.get(i);
                    Set<String> terms = index.terms(q.text());
                    if (pair && PAIR.matcher(q.text()).find() || named.stream().anyMatch(terms::contains)) {
                        found = q;
                    }
                }
            }
            if (found == null || found.dangling()) {
                return null;
            }
            return new Candidate(found, candidate.source(), candidate.sourceOrder(), index.terms(found.text()),
                    candidate.score(), false, false, false, Set.of(), false, true);
        }

        void reject(Candidate candidate, String reason) {
            rejected.add(new Rejection(candidate.quotable().text(), candidate.source().reference(),
                    candidate.score(), reason));
        }

        private boolean redundant(Candidate candidate) {
            for (Candidate other : picked) {
                Set<String> shared = new HashSet<>(candidate.terms());
                shared.retainAll(other.terms());
                Set<String> union = new HashSet<>(candidate.terms());
                union.addAll(other.terms());
                if (!union.isEmpty() && (double) shared.size() / union.size() >= REDUNDANT_OVERLAP) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Whether the sentence needs the one before it: it opens by referring back, or names something by "these" or
     * "those" ("The suite checks these cases"), which the sentence before it lists.
     */
    private static boolean leansBack(Candidate candidate) {
        if (candidate.quotable().dangling()) {
            return true;
        }
        if (candidate.quotable().row() != null) {
            return false;
        }
        String text = candidate.quotable().text();
        Matcher inside = REFERS_INSIDE.matcher(text);
        // "these metrics: …" names what follows it, not what came before.
        return !candidate.antecedent() && inside.find() && text.indexOf(':', inside.end()) < 0;
    }

    /**
     * What a sentence adds to an answer that states the amount asked for more precisely than it does: the share of
     * the question's key terms, by weight, that it names and the answer lacks; 1 when the answer states the
     * amount no more precisely, or no amount.
     */
    private static double adds(Candidate candidate, Picker picker, Focus focus, Understanding understanding,
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

    /** The question's key terms that the candidate contains. */
    private static Set<String> wantedOf(Candidate candidate, Set<String> wanted) {
        Set<String> terms = new HashSet<>(candidate.terms());
        terms.retainAll(wanted);
        return terms;
    }

    /** The share of the question's key terms, by weight, that the text names. */
    private static double named(KnowledgeIndex index, Understanding understanding, String text) {
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

    /**
     * The cell of a table row the question asks for: the one whose value (with its column's name) weighs most in
     * the question's terms, the amount asked for counting most; the first on a tie.
     */
    private static int askedCell(Quotables.Row row, java.util.function.ToDoubleFunction<String> weight,
                                 KnowledgeIndex index, Pattern sought) {
        int best = 0;
        double bestWeight = -1;
        for (int i = 0; i < row.cells().size(); i++) {
            String cell = row.cell(i);
            double w = index.terms(cell).stream().mapToDouble(weight).sum()
                    + (sought != null && sought.matcher(row.cells().get(i)).find() ? AMOUNT : 0);
            if (w > bestWeight) {
                best = i;
                bestWeight = w;
            }
        }
        return best;
    }

    /**
     * What a sentence's giving a reason is worth to a why-question: more when it explains the sentence before it,
     * and more when it puts a price on it ("about $350 a month, which alone would break the idle target"), the
     * reason a design choice is usually made for, over a side reason.
     */
    private static double reason(String text) {
        double reason = EXPLAINS.matcher(text).find() ? 2 * REASON_WEIGHT : REASON.matcher(text).find() ? REASON_WEIGHT
                : 0;
        return reason > 0 && PRICED.matcher(text).find() ? reason + 2 * REASON_WEIGHT : reason;
    }

    /** A clause as it reads inside its sentence: "A CloudWatch alarm" as "a CloudWatch alarm", "AWS" as is. */
    private static String continuing(String clause) {
        boolean word = clause.length() > 1 && !Character.isUpperCase(clause.charAt(1));
        return word ? Character.toLowerCase(clause.charAt(0)) + clause.substring(1) : clause;
    }

    private static String opener(Candidate candidate) {
        String[] words = candidate.quotable().text().split("\\s+", 2);
        return words[0];
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /**
     * What kind of thing the question asks for, read from the visitor's own words, and whether a sentence
     * states it: an amount (a price, a duration, a size, a count), a setting's value, a method, a condition,
     * a place, a name, a list of what something covers, or what follows from an event ({@code event}: the terms of
     * what happens in it, {@link #predicate}; {@code rate}: the term an outcome of an event that goes past a rate must
     * name, else empty; {@code limit}: whether it asks for the amount allowed, which a bound states). A reason is
     * weighed apart ({@link #reason}).
     */
    record Focus(Set<Kind> kinds, Pattern amount, Set<Measures.Measure> measures, String question,
                 Set<String> counted, Set<String> numbered, Pattern numberOf, Set<String> event, Set<String> rate,
                 AmountQualifier qualifier, boolean limit) {
        enum Kind {
            AMOUNT("the amount", true),
            VALUE("a value", true),
            METHOD("how it is done", false),
            CONDITION("when it happens", false),
            PLACE("where", true),
            /** Where a thing is set is the setting that sets it: an environment variable or a command-line flag. */
            SETTING("the setting", true),
            NAME("names", true),
            LIST("what it covers", false),
            CONSEQUENCE("what follows from the event asked about", true),
            /** What an endpoint or a request gets back: a status code, an error code. */
            RESPONSE("the response", true);

            final String what;
            /** Whether it is a thing (a number, a name, a place) worth a sentence of a passage not close to the best. */
            final boolean concrete;

            Kind(String what, boolean concrete) {
                this.what = what;
                this.concrete = concrete;
            }
        }

        /** "How is …", "How does …": how something is done, not how much of it there is. */
        private static final Pattern ASKS_METHOD = Pattern.compile("^\\W*(?:(?:and|so|but|then|ok|okay)\\W+)?how\\b"
                + "(?!\\s+(?:much|many|long|often|fast|big|large|soon|far|old|small|slow(?:ly)?|quick(?:ly)?)\\b)"
                + "|\\bin what way\\b|\\bwhat (?:keeps|makes sure|ensures|checks)\\b", Pattern.CASE_INSENSITIVE);
        /** A method stated as a check ("a test fails when …") or a means ("by ranking …"). */
        private static final String CHECK = "\\b(?:check(?:s|ed)?|tests?|tested|verif(?:y|ies|ied)|compar(?:e|es|ed)|"
                + "fails? (?:when|if|unless))\\b|\\b(?:by|through|via) (?:[\\w-]+ ){0,2}?[\\w-]+ing\\b";
        private static final Pattern CHECKS = Pattern.compile(CHECK, Pattern.CASE_INSENSITIVE);
        private static final Pattern STATES_METHOD = Pattern.compile(CHECK + "|\\b(?:comput(?:e|es|ed)|measur(?:e|es|ed)|"
                + "rank(?:s|ed|ing)|fus(?:e|es|ed|ing)|works? out|worked out)\\b", Pattern.CASE_INSENSITIVE);
        /** "How do I …", "How can you …": how to do something, answered by an instruction, a setting or a command. */
        private static final Pattern ASKS_HOW_TO = Pattern.compile("\\bhow (?:do|can|could|should|would) (?:i|you|we|"
                + "one)\\b|\\bhow to\\b", Pattern.CASE_INSENSITIVE);
        private static final Pattern STATES_HOW_TO = Pattern.compile("^(?:Set|Run|Use|Start|Build|Open|Add|Pass|Call|"
                + "Send|Point|Change|Edit|Install)\\b|\\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\\b|\\./[\\w-]+|\\bjava -jar\\b");
        private static final Pattern ASKS_CONDITION = Pattern.compile("^\\W*(?:(?:and|so|but|then)\\W+)?when\\b|"
                + "\\bin (?:which|what) cases?\\b|\\bunder what\\b|"
                + "\\bwhat (?:triggers|causes)\\b", Pattern.CASE_INSENSITIVE);
        /** Who does something in an event ("a visitor sends …", "I open …"): not what the event is about. */
        private static final Pattern PERSON = Pattern.compile("(?i)\\b(?:i|you|we|they|he|she|someone|somebody|"
                + "people|visitors?|users?|clients?|browsers?)\\b");
        /** How far an event goes ("too many", "too fast"): no term of what happens. */
        private static final String DEGREE = "too many much very so more less";
        /** "Too fast", "so often", "again and again": an event that goes past a rate. */
        private static final Pattern TOO_OFTEN = Pattern.compile("(?i)\\b(?:too|so|very) (?:fast|quickly|quick|often|"
                + "frequently|rapidly|soon)\\b|\\bagain and again\\b|\\bover and over\\b|\\bin quick succession\\b|"
                + "\\b(?:quickly|rapidly|in a row|back to back|one after (?:another|the other))\\b");
        /** The docs' word for how fast something may be done. */
        private static final String RATE = "rate";
        private static final Pattern PREPOSITION = Pattern.compile("(?i)in|on|at|for|from|with|while|during|"
                + "after|before|when|if|because|to|of|by|through|inside|within");
        /** A size, a duration or a price, as an event states a bound ("over 32 KB"), not what it counts. */
        private static final Pattern BOUND = Pattern.compile("(?i)\\$\\s?\\d[\\d,.]*|(?<![\\w.,])\\d[\\d,.]*\\s*(?:[KMG]i?B|kB|"
                + "bytes?|ms|milliseconds?|s|seconds?|minutes?|hours?|days?)\\b");
        /**
         * "What happens when …", "what is the effect of …", "what happens to a socket that stops reading": the event it
         * names is in a group; what something happens to is the event's subject.
         */
        private static final Pattern ASKS_CONSEQUENCE = Pattern.compile("(?i)\\bwhat happens\\b(?:\\s+[\\w'-]+){0,4}?"
                + "\\s+(?:if|when|whenever|once|after|as soon as)\\s+(.+)|\\bwhat (?:is|are|would be) the (?:result|"
                + "outcome|effect|consequence)s? (?:of|if|when)\\s+(.+)|\\bwhat happens to\\s+(.+)");
        /**
         * An outcome: something ends, stops, fails, is refused, told, skipped or pushed out (goes first), or gets an
         * error code in lower case ("rate_limited"; not a setting such as GLASSBOX_MODEL_ID).
         */
        private static final Pattern OUTCOME = Pattern.compile("(?i)(?<!-)\\b(?:gets?|got|ends?|ended|stops?|stopped|"
                + "clos(?:es|ed)|close (?:its|the|a|their|every|each)|cancel(?:s|led)?|refuse[sd]?|rejecte?d?s?|fail(?:s|ed)?|is told|told|returns?|"
                + "retr(?:y|ies|ied)|drop(?:s|ped)|los(?:es|t)|waits?|expires?|throttled?|busy|errors?|is cut off|"
                + "disconnected|goes on|keeps running|is billed|is stopped|is resumed|goes first|push(?:es|ed)? out|"
                + "forgets?|forgotten|evict(?:s|ed)?|skip(?:s|ped)?)\\b|(?-i:\\b[a-z]+_[a-z_]+\\b)");
        /** "What does /readyz return?", "which status …": what comes back, not what the thing is. */
        private static final Pattern ASKS_RESPONSE = Pattern.compile("(?i)\\bwhat (?:do|does|did|will|would) (?:\\S+ )"
                + "{1,5}?(?:return|answer|respond|reply|give back|send back)s?\\b|\\b(?:what|which) (?:http )?(?:status|"
                + "response|error)(?: codes?)?\\b");
        /**
         * A status code (a number from 100 to 599 that counts nothing: "answers 503", "gets 413"), an error code
         * ("too_large") or a close code ("code 1013").
         */
        private static final Pattern STATES_RESPONSE = Pattern.compile("(?<![\\d,.$])[1-5]\\d\\d(?![\\d,.]\\d)(?!\\s*(?:%|"
                + "[\\p{L}-]*(?:ms|s|seconds?|minutes?|hours?|days?|[KMG]i?B|bytes?|tokens?|words?|characters?|million|"
                + "thousand|times|x)\\b))|\\b[a-z]+_[a-z_]+\\b|\\bcode \\d{4}\\b");
        private static final Pattern STATES_CONDITION = Pattern.compile("\\b(?:when|whenever|if|unless|until|once|"
                + "as soon as|after|before)\\b", Pattern.CASE_INSENSITIVE);
        private static final Pattern ASKS_PLACE = Pattern.compile("\\bwhere\\b|\\b(?:which|what) (?:folder|file|"
                + "directory|bucket|table|region|path)\\b", Pattern.CASE_INSENSITIVE);
        /**
         * "Where is the heap set?", "how is the port configured?", "which setting controls it?": the setting is asked
         * for, not a place (a sentence naming a file states none of it).
         */
        private static final Pattern ASKS_SETTING = Pattern.compile("\\bwhere (?:is|are|was|were|do|does|can|could|"
                + "should) (?:\\S+ ){0,10}?(?:set|configured|changed|chosen|specified|defined|controlled|adjusted|"
                + "tuned)\\b|\\bhow (?:is|are) (?:\\S+ ){0,10}?(?:set|configured|changed|chosen|specified|controlled)\\b|"
                + "\\b(?:which|what) (?:environment )?(?:settings?|variables?|flags?|options?)\\b",
                Pattern.CASE_INSENSITIVE);
        /** An environment variable ("GLASSBOX_PORT") or a command-line flag ("-Xmx512m", "--target"). */
        private static final Pattern STATES_SETTING = Pattern.compile("\\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\\b|"
                + "(?<![\\w-])--?[A-Za-z][\\w.-]*");
        private static final Pattern STATES_PLACE = Pattern.compile("[\\w.-]+/[\\w./-]+|\\b[\\w-]+\\.(?:md|json|yml|"
                + "yaml|jar|java|js|html|css|sh|txt|properties)\\b|\\b(?:in|under|into|on|from) (?:the |a |its |their "
                + "|each |one )?(?:[\\w-]+ ){0,3}?(?:folder|file|directory|bucket|region|memory|disk|repository)s?\\b"
                + "|\\bDynamoDB table\\b|\\bport \\d+|\\bin (?:DynamoDB|S3|CloudWatch|memory)\\b");
        private static final Pattern ASKS_VALUE = Pattern.compile("\\b(?:set to|what value|(?:the|its|their) "
                + "defaults?|default (?:value|setting)s?|defaults? to|unless (?:I|you|we) (?:change|set))\\b",
                Pattern.CASE_INSENSITIVE);
        private static final Pattern DIGIT = Pattern.compile("\\d");
        private static final Pattern STATES_VALUE = Pattern.compile("\\d|\\bby default\\b|\\bdefaults? (?:to|is)\\b|=");
        private static final Pattern ASKS_NAME = Pattern.compile("^\\W*(?:(?:and|so|but|then)\\W+)?(?:which(?! (?:port|"
                + "number|version|size|year|day|time|limit)s?\\b)|who)\\b|"
                + "\\bwhat (?:is|are) (?:the |its |their )?names?\\b|\\b(?:called|named)\\b|\\bwhat (?:[\\w-]+ ){0,2}?"
                + "(?:models?|tools?|services?|databases?|librar(?:y|ies)|files?|class(?:es)?|backends?|languages?|"
                + "regions?|runtimes?|frameworks?|metrics?|settings?|variables?|commands?|kinds?|types?|steps?|"
                + "alarms?|events?|codes?|formats?|protocols?|encodings?|standards?|algorithms?|licen[cs]es?)\\b|\\b(?:another|other|fourth|third|second|fifth|sixth|remaining)\\b",
                Pattern.CASE_INSENSITIVE);
        /** "What does the test cover?", "What are the limits?": a list of what something covers or holds. */
        private static final Pattern ASKS_LIST = Pattern.compile("\\bwhat (?:do|does|did|will) (?:[\\w'-]+ ){1,4}?"
                + "(?:cover|check|test|include|contain|hold|list|keep|store|record|log|watch|show|catch|protect)s?\\b|"
                + "\\bwhat (?:are|were) (?:the|its|their)\\b|\\bwhat (?:else|all)\\b|\\blist\\b",
                Pattern.CASE_INSENSITIVE);
        /** A sentence that lists: three items or more, or a lead-in to its list. */
        private static final Pattern STATES_LIST = Pattern.compile("(?:[^,;]+[,;]){2,}[^,;]*\\b(?:and|or)\\b|:$");
        /**
         * A name: a word in camel case or capitals, a setting or file name, code, or a capitalised word
         * after the sentence's first.
         */
        private static final Pattern NAMED = Pattern.compile("(?<=[\\s(\"'])(?:`[^`]+`|[\\w-]*[a-z][A-Z][\\w-]*|"
                + "[A-Z][A-Z0-9]+(?:_[A-Z0-9]+)*|[\\w-]+_[\\w-]+|[\\w-]+\\.(?:md|json|yml|jar|java|js|html)|"
                + "[A-Z][a-z][\\w-]*)");
        /** The share of an event's terms ({@link #eventShare}) a sentence names when it is about that event. */
        private static final double NAMES_EVENT = 0.5;
        /** What stating what the question asks for (other than an amount or a reason) adds to a sentence's score. */
        static final double WEIGHT = 2;
        /** "The biggest message", "the maximum size": a limit, which a number states. */
        private static final Pattern ASKS_LIMIT = Pattern.compile("\\b(?:maximum|minimum|max|min|biggest|largest|"
                + "longest|smallest|shortest|highest|lowest|fewest|how old|upper bound|up to how)\\b",
                Pattern.CASE_INSENSITIVE);
        /** A question word with "is" cut to "'s": "what's", "where’s". */
        private static final Pattern CUT_IS = Pattern.compile("(?i)\\b(what|which|who|where|when|how)['’]s\\b");
        /** "How many files may the folder hold?", "how long can an answer run?": the amount allowed, a limit. */
        private static final Pattern ASKS_ALLOWED = Pattern.compile("(?i)\\b(?:may|can|could|allowed|permitted)\\b");
        /**
         * A number stated as a bound: "at most 32", "more than 1,000", "up to 4,096", "a limit of 64", "a 10-second
         * timeout".
         */
        private static final Pattern STATES_LIMIT = Pattern.compile("(?i)\\b(?:at (?:most|least)|up to|(?:no )?(?:more|"
                + "fewer|less|larger|longer|bigger|greater|higher) than|over|beyond|past|maximum|minimum|max|limit(?:ed)?"
                + "(?: to| of)?|cap(?:ped)?(?: at)?|exceeds?)\\s+(?:\\S+\\s+)?\\(?\\d|\\d[\\d,.]*(?:-\\p{L}+)?\\s+(?:\\S+\\s+)?"
                + "(?:timeout|limit|cap|budget|quota|maximum)\\b");
        /** How many words from a bound's first word may hold the amount it bounds ("at most 32 open WebSockets"). */
        private static final int LIMIT_REACH = 7;
        /** A unit after a number: the number measures something rather than counting it ("1 MB", "30 seconds"). */
        private static final Pattern UNIT = Pattern.compile("(?i)(?:[KMG]i?B|kB|bytes?|ms|milliseconds?|s|seconds?|"
                + "minutes?|hours?|days?|weeks?|months?|years?|%|percent)\\W*");
        /** A word of what a how-many question counts: not a verb, a preposition, an article or a pronoun. */
        private static final String COUNTED_WORD = "((?!(?:can|could|do|does|did|is|are|was|were|will|would|should|"
                + "may|might|must|per|of|in|on|at|for|from|to|than|the|a|an|i|you|we|it|they|there)\\b)[\\w-]+)";
        /**
         * "How many pings …", and "too many WebSockets" or "more WebSockets than it may" of a what-happens question,
         * whose answer is the limit's sentence: up to two words after it name what is counted.
         */
        private static final Pattern ASKS_COUNT = Pattern.compile("(?i)\\b(?:(?:how|too) many|more(?= [\\w-]+ than\\b)) "
                + COUNTED_WORD + "(?: " + COUNTED_WORD + ")?");
        /** A number that counts: digits, or a number word ("seven CloudWatch alarms"). */
        private static final Pattern COUNT = Pattern.compile("(?i)\\(?(?:\\d[\\d,]*|one|two|three|four|five|six|"
                + "seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|dozen)\\)?");
        private static final Pattern BRACKETED = Pattern.compile("\\(\\d[\\d,]*\\)[.,;:]?");
        private static final Pattern ONE = Pattern.compile("(?i)\\(?(?:1|one)\\)?");
        /** How many words may stand between a count and what it counts ("32 open WebSockets"). */
        private static final int COUNT_REACH = 2;
        /** "Which port …", "what version …": a thing named by the number that follows it ("port 8080"). */
        private static final Pattern ASKS_NUMBERED = Pattern.compile("(?i)\\b(?:which|what) (?:(?:is|are|was|were) )?(?:(?:the|its|their) )?"
                + "(?:[\\w-]+ )?(port|"
                + "version|release|code)\\b");
        private static final Pattern NUMBER = Pattern.compile("\\(?\\d[\\d.,]*\\)?[.,;:]?");

        static Focus of(KnowledgeIndex index, Understanding understanding) {
            String asked = spelledOut(understanding.query());
            String question = spelledOut(understanding.asked());
            Set<Kind> kinds = java.util.EnumSet.noneOf(Kind.class);
            boolean method = ASKS_METHOD.matcher(asked).find();
            Pattern amount = understanding.amount();
            if (amount == null && !method && ASKS_LIMIT.matcher(question).find()) {
                amount = DIGIT;
            }
            String happens = event(question);
            String outcomeOf = happens == null ? "" : happens;
            Matcher bound = BOUND.matcher(outcomeOf);
            // A what-happens question asks the outcome, not an amount, even when its event names one ("a model not in
            // the price list", "a frame over 32 KB"). An outcome that names only the event's bound (of another thing
            // with the same bound) is not the event's.
            String eventBound = bound.find() ? bound.group() : null;
            if (!outcomeOf.isEmpty()) {
                amount = null;
            }
            if (amount != null && !method) {
                kinds.add(Kind.AMOUNT);
            }
            if (ASKS_VALUE.matcher(asked).find()) {
                kinds.add(Kind.VALUE);
            }
            if (method && !understanding.asksWhy()) {
                kinds.add(Kind.METHOD);
            }
            if (ASKS_CONDITION.matcher(asked).find()) {
                kinds.add(Kind.CONDITION);
            }
            Set<String> event = Set.of();
            Set<String> rate = Set.of();
            if (happens != null) {
                kinds.add(Kind.CONSEQUENCE);
                Set<String> terms = new HashSet<>(index.terms(predicate(happens)));
                // What the event happens to counts too ("the daily budget runs out"), unless it is a person.
                terms.addAll(index.terms(subject(happens)));
                terms.removeAll(index.terms(DEGREE));
                if (eventBound != null && !index.terms(eventBound).containsAll(terms)) {
                    terms.removeAll(index.terms(eventBound));
                }
                // A number names no event: "10" of "more than 10 pings" is in "after 10 minutes" too.
                if (terms.stream().anyMatch(t -> !t.matches("[\\d.,]+"))) {
                    terms.removeIf(t -> t.matches("[\\d.,]+"));
                }
                if (TOO_OFTEN.matcher(happens).find()) {
                    // Asking too fast or too often is going past a rate: its outcome is what the rate limit says, not
                    // what another limit of the same message says ("a longer question gets too_large").
                    rate = index.terms(RATE);
                    terms.addAll(rate);
                }
                event = Set.copyOf(terms);
            }
            if (ASKS_SETTING.matcher(asked).find()) {
                kinds.add(Kind.SETTING);
            } else if (ASKS_PLACE.matcher(asked).find()) {
                kinds.add(Kind.PLACE);
            }
            if (ASKS_RESPONSE.matcher(asked).find()) {
                kinds.add(Kind.RESPONSE);
            }
            if (ASKS_NAME.matcher(asked).find()) {
                kinds.add(Kind.NAME);
            }
            if (ASKS_LIST.matcher(asked).find()) {
                kinds.add(Kind.LIST);
            }
            Set<String> counted = new HashSet<>();
            Matcher count = ASKS_COUNT.matcher(question);
            boolean howMany = count.find();
            if (howMany) {
                counted.addAll(index.terms(count.group(1)));
                if (count.group(2) != null) {
                    counted.addAll(index.terms(count.group(2)));
                }
            }
            Matcher numbered = ASKS_NUMBERED.matcher(question);
            boolean names = numbered.find();
            Set<String> named = names ? index.terms(numbered.group(1)) : Set.of();
            // The same as a pattern over the words of a sentence, for cutting a long one to the part that holds it.
            Pattern numberOf = !counted.isEmpty() ? Pattern.compile("(?i)" + COUNT.pattern() + "\\s+(?:\\S+\\s+){0,"
                    + COUNT_REACH + "}?" + stem(count.group(count.group(2) == null ? 1 : 2)) + "\\w*")
                    : names ? Pattern.compile("(?i)\\b" + stem(numbered.group(1)) + "\\w*\\s+\\(?\\d") : null;
            Set<Measures.Measure> measures = amount == null ? Set.of()
                    : Measures.asked(amount, understanding.standaloneQuery(), howMany);
            AmountQualifier qualifier = amount == null || amount.pattern().equals(DIGIT.pattern()) ? null
                    : AmountQualifier.of(index, question, measures.contains(Measures.Measure.MONEY));
            boolean limit = kinds.contains(Kind.AMOUNT) && (ASKS_LIMIT.matcher(question).find()
                    || ASKS_ALLOWED.matcher(question).find());
            return new Focus(kinds, amount, measures, understanding.standaloneQuery(), Set.copyOf(counted),
                    Set.copyOf(named), numberOf, event, rate, qualifier, limit);
        }

        /**
         * The event the question asks the outcome of, or null: what {@link #ASKS_CONSEQUENCE} names, unless it is what
         * something happens to and no event ("a file bigger than a megabyte" names a thing, and what is said of it
         * answers, not what follows).
         */
        private static String event(String question) {
            Matcher asks = ASKS_CONSEQUENCE.matcher(question);
            if (!asks.find()) {
                return null;
            }
            for (int group = 1; group < asks.groupCount(); group++) {
                if (asks.group(group) != null) {
                    return asks.group(group);
                }
            }
            String subject = asks.group(asks.groupCount());
            return verb(subject.split("\\s+")) < 0 ? null : subject;
        }

        /** The question with "what's" read as "what is", as the patterns of what it asks expect. */
        private static String spelledOut(String question) {
            return CUT_IS.matcher(question).replaceAll("$1 is");
        }

        /**
         * What an event says happens, without what it happens to or where: "sends too many questions" of "a visitor
         * sends too many questions in the cloud", "fails" of "the Lambda invoke fails". From its first verb to the
         * first preposition after it; the whole event when it has no verb.
         */
        static String predicate(String event) {
            String[] words = event.replaceAll("[?.!]+$", "").split("\\s+");
            int verb = verb(words);
            if (verb < 0) {
                return event;
            }
            int end = verb + 1;
            while (end < words.length && !PREPOSITION.matcher(words[end]).matches()) {
                end++;
            }
            return String.join(" ", java.util.Arrays.copyOfRange(words, verb, end));
        }

        /** What an event happens to, unless a person: "the daily budget" of "the daily budget runs out"; else "". */
        static String subject(String event) {
            String[] words = event.split("\\s+");
            int verb = verb(words);
            String subject = verb < 0 ? "" : String.join(" ", java.util.Arrays.copyOfRange(words, 0, verb));
            return PERSON.matcher(subject).find() ? "" : subject;
        }

        /** Where an event's first verb is, from its second word on, or -1. */
        private static int verb(String[] words) {
            for (int verb = 1; verb < words.length; verb++) {
                if (Quotables.hasVerb(String.join(" ", java.util.Arrays.copyOfRange(words, 0, verb + 1)))) {
                    return verb;
                }
            }
            return -1;
        }

        /**
         * Whether a sentence that refers back states what follows from the event asked about because the sentence
         * before it names most of that event ({@code namedBefore}: the share it names, {@link #eventShare}).
         */
        boolean outcomeOfPrevious(String sentence, double namedBefore) {
            return kinds.contains(Kind.CONSEQUENCE) && namedBefore >= NAMES_EVENT && OUTCOME.matcher(sentence).find();
        }

        /**
         * The share of the event's terms, weighed by how rare they are, that a sentence with these terms names: an
         * outcome of the event asked about names what it happens to and what happens, not only one common word.
         */
        double eventShare(KnowledgeIndex index, Set<String> terms) {
            double named = 0;
            double all = 0;
            for (String term : event) {
                all += index.idf(term);
                named += terms.contains(term) ? index.idf(term) : 0;
            }
            return all == 0 ? 0 : named / all;
        }

        /** A word without its plural ending, quoted for a pattern: "pings" as "ping", "WebSockets" as "WebSocket". */
        private static String stem(String word) {
            return Pattern.quote(word.replaceFirst("(?i)(?<=\\w{3})e?s$", ""));
        }

        /**
         * Whether the sentence gives the number of what the question asks the number of: a number just before
         * what a how-many question counts ("at most 32 WebSockets", "seven CloudWatch alarms") or in brackets just
         * after it ("more HTTP connections than allowed (64)"), or just after
         * what a which-port question names ("port 8080").
         */
        boolean counts(KnowledgeIndex index, String sentence) {
            if (qualified(sentence, index.terms(sentence))) {
                return true;
            }
            if (counted.isEmpty() && numbered.isEmpty()) {
                return false;
            }
            String[] words = sentence.split("\\s+");
            for (int i = 0; i < words.length; i++) {
                if (i + 1 < words.length && NUMBER.matcher(words[i + 1]).matches()
                        && index.terms(words[i]).stream().anyMatch(numbered::contains)) {
                    return true;
                }
                if (counted.isEmpty()) {
                    continue;
                }
                if (index.terms(words[i]).stream().anyMatch(counted::contains)) {
                    // The count in brackets after what it counts: "more HTTP connections than allowed (64)".
                    for (int j = i + 1; j < words.length && j <= i + 1 + COUNT_REACH; j++) {
                        if (BRACKETED.matcher(words[j]).matches()) {
                            return true;
                        }
                    }
                }
                if (!COUNT.matcher(words[i]).matches() || i + 1 < words.length && UNIT.matcher(words[i + 1]).matches()) {
                    continue;
                }
                for (int j = i + 1; j < words.length && j <= i + 1 + COUNT_REACH; j++) {
                    // More than one of a thing is said in the plural: "20 token messages" counts messages.
                    boolean modifies = !ONE.matcher(words[i]).matches() && !words[j].matches("(?i).*s\\W*");
                    if (!modifies && index.terms(words[j]).stream().anyMatch(counted::contains)) {
                        return true;
                    }
                }
            }
            return false;
        }

        /**
         * Whether the sentence states the amount asked for as the question qualifies it ({@link AmountQualifier}: for
         * the quantity it names, or all counted together): as precise as a how-many question's count.
         */
        boolean qualified(String sentence, Set<String> terms) {
            return qualifier != null && qualifier.fits(sentence, terms) && Measures.states(amount, measures, sentence);
        }

        /**
         * Whether the sentence states its amount as a bound ("at most 32 WebSockets") when the question asks for the
         * amount allowed ("How many WebSockets may one address open?"): a limit, not a figure once measured.
         */
        boolean statesLimit(KnowledgeIndex index, String sentence) {
            Matcher bound = STATES_LIMIT.matcher(sentence);
            while (limit && bound.find()) {
                // The bound must be on what is asked: "at most 2 answers" is no limit on how many questions.
                String[] after = sentence.substring(bound.start()).split("\\s+");
                String bounded = String.join(" ", java.util.Arrays.copyOf(after, Math.min(after.length, LIMIT_REACH)));
                if (counted.isEmpty() ? Measures.states(amount, measures, bounded) : counts(index, bounded)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether the sentence says what follows from something: it ends, fails, is refused, gets an error code. */
        static boolean outcome(String sentence) {
            return OUTCOME.matcher(sentence).find();
        }

        /** Which of the kinds the question asks for the sentence (whose terms are given) states. */
        Set<Kind> stated(String sentence, Set<String> terms) {
            Set<Kind> stated = java.util.EnumSet.noneOf(Kind.class);
            for (Kind kind : kinds) {
                boolean states = switch (kind) {
                    case AMOUNT -> amount != null && Measures.states(amount, measures, sentence)
                            && (qualifier == null || !qualifier.otherPeriod(sentence));
                    case VALUE -> STATES_VALUE.matcher(sentence).find();
                    case METHOD -> STATES_METHOD.matcher(sentence).find()
                            || ASKS_HOW_TO.matcher(question).find() && STATES_HOW_TO.matcher(sentence).find();
                    case CONDITION -> STATES_CONDITION.matcher(sentence).find();
                    case PLACE -> STATES_PLACE.matcher(sentence).find();
                    case SETTING -> STATES_SETTING.matcher(sentence).find();
                    case NAME -> names(sentence) > 0;
                    case LIST -> STATES_LIST.matcher(sentence).find();
                    case RESPONSE -> STATES_RESPONSE.matcher(sentence).find();
                    // An outcome of the event asked about: it names what happens in the event too.
                    case CONSEQUENCE -> OUTCOME.matcher(sentence).find() && terms.stream().anyMatch(event::contains)
                            && (rate.isEmpty() || terms.stream().anyMatch(rate::contains));
                };
                if (states) {
                    stated.add(kind);
                }
            }
            return stated;
        }

        /**
         * What a number that answers looks like (the number of what the question counts or names, an amount, a
         * setting's value), for cutting a long sentence; or null.
         */
        Pattern sought() {
            return numberOf != null ? numberOf : kinds.contains(Kind.AMOUNT) ? amount
                    : kinds.contains(Kind.VALUE) ? DIGIT : null;
        }

        /**
         * The kind asked for that the candidate states clearly enough to be chosen for it, or null. A method
         * counts only as a check ("a test fails when …") or a means ("by ranking …"): too many sentences
         * mention computing or measuring something.
         */
        private Kind answers(Candidate candidate) {
            for (Kind kind : candidate.states()) {
                if (kind != Kind.METHOD || CHECKS.matcher(candidate.quotable().whole()).find()) {
                    return kind;
                }
            }
            return null;
        }

        /**
         * How precisely the candidate states what the question asks for: 2 when it counts what a how-many
         * question counts, 1 when it states an amount with the unit asked for (a price, a duration, a size) or an
         * outcome of the event a what-happens question names, else 0. (Any number, a name or a place is told by its
         * look, too loosely to reorder an answer.)
         */
        private int precision(Candidate candidate) {
            return candidate.counts() ? 2 : candidate.states().contains(Kind.AMOUNT) && measured()
                    || candidate.states().contains(Kind.CONSEQUENCE) ? 1 : 0;
        }

        /** The most precise {@link #rank}. */
        static final int PRECISEST = 3;

        /**
         * How precisely the candidate states any of what the question asks for: {@link #precision} above 0, or
         * 1 when it states any kind asked for ({@link #answers}), else 0.
         */
        private int rank(Candidate candidate) {
            int precision = precision(candidate);
            return precision > 0 ? precision + 1 : answers(candidate) != null ? 1 : 0;
        }

        /** What the candidate states of what the question asks for, in words. */
        private String what(Candidate candidate) {
            return qualified(candidate.quotable().whole(), candidate.terms()) ? Kind.AMOUNT.what + " (" + Measures.describe(measures)
                    + ") for what the question names" : candidate.counts() ? "the number of what the question asks about"
                    : candidate.states().contains(Kind.AMOUNT) && (measured() || answers(candidate) == Kind.AMOUNT)
                    ? Kind.AMOUNT.what + " (" + Measures.describe(measures) + ")"
                    : candidate.states().contains(Kind.CONSEQUENCE) ? Kind.CONSEQUENCE.what : answers(candidate).what;
        }

        /** Whether the amount asked for has a unit (a price, a duration, a size), not just any number. */
        private boolean measured() {
            return amount != null && !amount.pattern().equals(DIGIT.pattern());
        }

        /** What stating any of those kinds adds to a sentence's score, once (an amount is weighed apart, as {@link ExtractiveComposer#AMOUNT}). */
        double bonus(Set<Kind> stated) {
            return stated.stream().anyMatch(k -> k != Kind.AMOUNT) ? WEIGHT : 0;
        }

        /** How many names the sentence gives that the question does not. */
        private int names(String sentence) {
            Set<String> names = new HashSet<>();
            Matcher name = NAMED.matcher(sentence);
            String lower = question.toLowerCase(Locale.ROOT);
            while (name.find()) {
                if (!lower.contains(name.group().toLowerCase(Locale.ROOT))) {
                    names.add(name.group());
                }
            }
            return names.size();
        }
    }

    /** What the conversation's previous answer said, by runs of words, so that a sentence it quoted is known. */
    static final class Said {
        private static final int RUN = 5;
        private static final Pattern NUMBER = Pattern.compile("\\d[\\d,.]*\\d|\\d");
        private final String previous;

        Said(String previousAnswer) {
            this.previous = previousAnswer.replaceAll("\\s+", " ");
        }

        /** What the pattern matches, but not at a number the previous answer gave; the pattern if it gave none. */
        Pattern unsaid(Pattern amount) {
            List<String> given = new ArrayList<>();
            Matcher number = NUMBER.matcher(previous);
            while (number.find()) {
                given.add(Pattern.quote(number.group()));
            }
            if (amount == null || given.isEmpty()) {
                return amount;
            }
            return Pattern.compile("(?<![\\d.,])(?!(?:" + String.join("|", given) + ")(?!\\d))(?:" + amount.pattern()
                    + ")", amount.flags());
        }

        /** Whether the previous answer states every number the sentence does. */
        boolean hasNumbersOf(String sentence) {
            Matcher number = NUMBER.matcher(sentence);
            while (number.find()) {
                if (!previous.contains(number.group())) {
                    return false;
                }
            }
            return true;
        }

        /** Whether the previous answer quoted most of the sentence. */
        boolean contains(String sentence) {
            if (previous.isEmpty()) {
                return false;
            }
            String[] words = sentence.split("\\s+");
            int runs = 0;
            int found = 0;
            for (int i = 0; i + RUN <= words.length; i += RUN) {
                runs++;
                if (previous.contains(String.join(" ", java.util.Arrays.asList(words).subList(i, i + RUN)))) {
                    found++;
                }
            }
            return runs > 0 && found * 2 >= runs;
        }
    }
}
