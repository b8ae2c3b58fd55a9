package dev.glassbox.server.local.compose;

import dev.glassbox.server.local.knowledge.KnowledgeIndex;
import dev.glassbox.server.local.knowledge.Quotables;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Collects the answer's sentences in order, keeping each dangling one behind its predecessor. */
final class SentencePicker {
    /** The most sentences an answer quotes. */
    static final int MAX_SENTENCES = 4;
    /** About the most words an answer quotes: only its opening and the number asked for may go past it. */
    private static final int MAX_WORDS = 110;
    /** The share of their terms two sentences share when one only repeats the other. */
    private static final double REDUNDANT_OVERLAP = 0.5;
    /** A sentence that continues a chosen one in its passage reads on naturally: it needs this much less of the bar. */
    private static final double CONTINUATION = 0.5;
    /** An opener that refers back by naming what it refers to: "Both functions", "These limits", "The other one". */
    private static final Pattern REFERRING = Pattern.compile("(both|either|neither|the two|these|those|this|that|"
            + "such|the other|each of the|all of the)\\s+([\\p{L}-]+)",
            Pattern.CASE_INSENSITIVE);
    /** "these cases", "those limits" inside a sentence: what it names may be in the sentence before. */
    private static final Pattern REFERS_INSIDE = Pattern.compile("(?i)(?<=\\s)(?:these|those)\\s+(?!two\\b|three\\b)"
            + "(\\p{L}+)");
    /** What introduces the pair "Both …" refers to. */
    private static final Pattern PAIR = Pattern.compile("(?i)\\b(?:two|both|pair)\\b");

    private final KnowledgeIndex index;
    private final List<List<Candidate>> bySource;
    final List<Candidate> picked = new ArrayList<>();
    final List<String> why = new ArrayList<>();
    final List<ExtractiveComposer.Rejection> rejected = new ArrayList<>();
    /** What was chosen only because it continues a chosen sentence: what follows it does not read on. */
    final Set<Candidate> continuations = new HashSet<>();
    private int words;
    /** The question's key terms that the chosen sentences contain. */
    private final Set<String> covered = new HashSet<>();
    private final Set<String> wanted;
    /** The score a further sentence needs; set once the first sentence is chosen. */
    double bar;

    SentencePicker(KnowledgeIndex index, List<List<Candidate>> bySource, Set<String> wanted) {
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
            Matcher inside = refersBack(run.get(0).quotable().text());
            reject(candidate, run.get(0).quotable().dangling() || inside == null ? "opens with \""
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

    Candidate previous(Candidate candidate) {
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
        // "The server used … in those bursts": what it names by "those" is in the sentences before.
        Matcher inside = first.dangling() || candidate.antecedent() || first.row() != null ? null
                : refersBack(first.text());
        boolean namesBack = inside != null;
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
        rejected.add(new ExtractiveComposer.Rejection(candidate.quotable().text(), candidate.source().reference(),
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

    /**
     * Whether the sentence needs the one before it: it opens by referring back, or names something by "these" or
     * "those" ("The suite checks these cases"), which the sentence before it lists ({@link #refersBack}).
     */
    private boolean leansBack(Candidate candidate) {
        if (candidate.quotable().dangling()) {
            return true;
        }
        if (candidate.quotable().row() != null) {
            return false;
        }
        return !candidate.antecedent() && refersBack(candidate.quotable().text()) != null;
    }

    /**
     * The sentence's first "these …" or "those …" that names what the sentences before it name, or null. Not one
     * whose word the sentence itself said before it ("a hash of the passages … holds these passages", "pings idle
     * sockets and closes those idle"), nor one after a semicolon, whose clause before it names them ("… shuts down
     * gracefully; performance.md lists these limits"), nor "these metrics: …", which names what follows it.
     */
    private Matcher refersBack(String text) {
        Matcher inside = REFERS_INSIDE.matcher(text);
        while (inside.find()) {
            String before = text.substring(0, inside.start());
            if (before.indexOf(';') < 0 && text.indexOf(':', inside.end()) < 0
                    && index.terms(before).stream().noneMatch(index.terms(inside.group(1))::contains)) {
                return inside;
            }
        }
        return null;
    }

    /** The question's key terms that the candidate contains. */
    private static Set<String> wantedOf(Candidate candidate, Set<String> wanted) {
        Set<String> terms = new HashSet<>(candidate.terms());
        terms.retainAll(wanted);
        return terms;
    }

    private static String opener(Candidate candidate) {
        String[] words = candidate.quotable().text().split("\\s+", 2);
        return words[0];
    }
}
