package dev.glassbox.server.local;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes an answer by quoting, never inventing. The best passage is always quoted first, with its
 * sentence that best covers the question; more sentences follow, in order of relevance, only when they
 * score close to that first one. A sentence that opens by referring back ("It", "So", "This") comes with
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
    private static final double REDUNDANT_OVERLAP = 0.5;
    /** Typical sentence length in the knowledge base, for length normalisation. */
    private static final double TYPICAL_WORDS = 22;
    private static final int SHOWN_REJECTIONS = 8;
    /** A sentence that continues a chosen one in its passage reads on naturally: it needs this much less of the bar. */
    private static final double CONTINUATION = 0.5;
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
    /** What giving a reason adds to a sentence's score when the question asks why; explaining, twice that. */
    private static final double REASON_WEIGHT = 2;

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
    private record Candidate(Quotables.Quotable quotable, Source source, int sourceOrder, Set<String> terms,
                             double score, boolean hasNumber, boolean keyTerms) {
        int words() {
            return quotable.words();
        }
    }

    Composition compose(KnowledgeIndex index, Understanding understanding, List<Source> sources) {
        Set<String> wanted = new HashSet<>(understanding.terms());
        List<List<Candidate>> bySource = new ArrayList<>();
        List<Candidate> all = new ArrayList<>();
        for (int order = 0; order < sources.size(); order++) {
            List<Candidate> candidates = new ArrayList<>();
            Source source = sources.get(order);
            List<Quotables.Quotable> pieces = source.passage().pieces();
            for (int p = 0; p < pieces.size(); p++) {
                Quotables.Quotable quotable = pieces.get(p);
                double meaning = source.passage().pieceSimilarities()[p];
                Set<String> terms = index.terms(quotable.text());
                double overlap = 0;
                for (String term : terms) {
                    if (wanted.contains(term)) {
                        overlap += index.idf(term) * understanding.weight(term);
                    }
                }
                boolean hasNumber = understanding.asksForQuantity()
                        && understanding.amount().matcher(quotable.text()).find();
                // Overlap, damped for length as BM25 does; the sentence's own similarity in meaning, and a
                // little of its passage's, carry sentences that paraphrase the question; a passage's first
                // sentence usually states its point.
                double score = overlap / (0.6 + 0.4 * quotable.words() / TYPICAL_WORDS)
                        + MEANING * meaning + source.passage().similarity()
                        + (quotable.position() == 0 ? 0.4 : 0)
                        + (hasNumber ? AMOUNT : 0)
                        + (understanding.asksWhy() ? reason(quotable.text()) : 0)
                        - order * 0.3;
                Candidate candidate = new Candidate(quotable, source, order, terms, score, hasNumber, overlap > 0);
                candidates.add(candidate);
                all.add(candidate);
            }
            bySource.add(candidates);
        }
        List<Candidate> ranked = new ArrayList<>(all);
        ranked.sort(Comparator.comparingDouble(Candidate::score).reversed());
        Picker picker = new Picker(bySource);
        // The answer opens with the best passage's best sentence that names what the question asks about and
        // reads on its own; when the best passage has none (its point is made by a sentence that leans on the
        // passage before it), with the next passages' best such sentence; else with whatever reads on its own.
        List<Candidate> fromBest = ranked.stream().filter(c -> c.sourceOrder() == 0).toList();
        if (fromBest.isEmpty()) {
            return new Composition(List.of(), List.of());
        }
        Candidate first = fromBest.stream()
                .filter(c -> c.keyTerms() && picker.pick(c, "best sentence of the best passage", true))
                .findFirst()
                .or(() -> ranked.stream().filter(c -> c.sourceOrder() > 0 && c.keyTerms() && picker.pick(c,
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
        List<Candidate> remaining = new ArrayList<>(ranked);
        remaining.removeIf(picker::has);
        while (!remaining.isEmpty()) {
            Candidate candidate = remaining.get(0);
            for (Candidate c : remaining) {
                if (picker.effective(c) > picker.effective(candidate)) {
                    candidate = c;
                }
            }
            remaining.remove(candidate);
            double score = picker.effective(candidate);
            if (picker.has(candidate)) {
                continue;
            }
            if (picker.full()) {
                picker.reject(candidate, "the answer already has " + MAX_SENTENCES + " sentences");
            } else if (candidate.sourceOrder() > 0 && (!candidate.keyTerms() || candidate.quotable().fallback())) {
                picker.reject(candidate, candidate.keyTerms() ? "a table or code line of a further passage"
                        : "comes from a further passage and names none of the question's key terms");
            } else if (score < bar) {
                picker.reject(candidate, "scored " + format(score) + ", not close to the best ("
                        + format(first.score()) + ")");
            } else {
                picker.pick(candidate, score > candidate.score() ? "continues the sentence before it and scored "
                        + format(score) : "scored " + format(score) + ", close to the best", false);
            }
        }
        if (understanding.asksForQuantity() && picker.picked.stream().noneMatch(Candidate::hasNumber)) {
            // The number is the answer: it is quoted even past the word cap.
            ranked.stream().filter(c -> c.hasNumber() && !picker.has(c) && c.score() >= bar / 2).findFirst()
                    .ifPresent(c -> picker.pick(c, "states a number, and the question asks how much", true));
        }
        if (understanding.asksWhy()) {
            // The strongest reason the passages give is quoted, even past the caps, with what it explains.
            double given = picker.picked.stream().mapToDouble(c -> reason(c.quotable().text())).max().orElse(0);
            ranked.stream().filter(c -> !picker.has(c) && c.score() >= bar / 2 && reason(c.quotable().text()) > given)
                    .sorted(Comparator.comparingDouble((Candidate c) -> reason(c.quotable().text())).reversed())
                    .filter(c -> picker.pick(c, "gives a reason, and the question asks why", true)).findFirst();
        }
        List<Sentence> sentences = new ArrayList<>();
        for (int i = 0; i < picker.picked.size(); i++) {
            Candidate c = picker.picked.get(i);
            String text = Excerpt.of(c.quotable().whole(),
                    t -> wanted.contains(t) ? index.idf(t) * understanding.weight(t) : 0, index::terms,
                    understanding.amount(), i == 0);
            int last = sentences.size() - 1;
            String joint = c.quotable().joint();
            if (joint != null && i > 0 && picker.picked.get(i - 1) == picker.previous(c)) {
                // A piece without a verb is read on from the piece before it, as the passage has it.
                Sentence before = sentences.get(last);
                String joined = joint.equals("; ") ? before.text().replaceFirst("\\.$", "") + "; " + continuing(text)
                        : before.text() + joint + text;
                sentences.set(last, new Sentence(joined, before.reference(), before.score(), before.why()));
            } else {
                sentences.add(new Sentence(text, c.source().reference(), c.score(), picker.why.get(i)));
            }
        }
        List<Rejection> rejected = picker.rejected.stream().limit(SHOWN_REJECTIONS).toList();
        return new Composition(sentences, rejected);
    }

    /** Collects the answer's sentences in order, keeping each dangling one behind its predecessor. */
    private static final class Picker {
        private final List<List<Candidate>> bySource;
        private final List<Candidate> picked = new ArrayList<>();
        private final List<String> why = new ArrayList<>();
        private final List<Rejection> rejected = new ArrayList<>();
        private int words;
        /** The score a further sentence needs; set once the first sentence is chosen. */
        private double bar;

        Picker(List<List<Candidate>> bySource) {
            this.bySource = bySource;
        }

        boolean has(Candidate candidate) {
            return picked.contains(candidate);
        }

        /** The candidate's score, raised when it follows a chosen sentence of its passage. */
        double effective(Candidate candidate) {
            Candidate before = previous(candidate);
            return candidate.score() + (before != null && has(before) ? CONTINUATION * bar : 0);
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
            List<Candidate> run = new ArrayList<>();
            run.add(candidate);
            // Pull in the sentences it refers back to, back to one that stands on its own, unless already
            // quoted: a fact in "So …" after "It …" is worth the sentences that make it readable.
            Candidate current = candidate;
            while (current.quotable().dangling() && current.quotable().position() > 0 && run.size() < MAX_SENTENCES) {
                Candidate before = bySource.get(current.sourceOrder()).get(current.quotable().position() - 1);
                if (has(before)) {
                    break;
                }
                run.add(0, before);
                current = before;
            }
            if (run.get(0).quotable().dangling() && !has(previous(run.get(0)))) {
                reject(candidate, "opens with \"" + opener(candidate) + "\", which needs the sentences before it");
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
            words += candidate.words();
        }

        private Candidate previous(Candidate candidate) {
            int position = candidate.quotable().position();
            return position == 0 ? null : bySource.get(candidate.sourceOrder()).get(position - 1);
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

    /** What a sentence's giving a reason is worth to a why-question. */
    private static double reason(String text) {
        return EXPLAINS.matcher(text).find() ? 2 * REASON_WEIGHT : REASON.matcher(text).find() ? REASON_WEIGHT : 0;
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
}
