package dev.glassbox.server.local.compose;

import dev.glassbox.server.local.knowledge.Excerpt;
import dev.glassbox.server.local.knowledge.KnowledgeIndex;
import dev.glassbox.server.local.knowledge.Quotables;
import dev.glassbox.server.local.understanding.Understanding;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

/**
 * The chosen sentences as the answer quotes them: a long sentence cut to the part that answers ({@link Excerpt}), a
 * table row to the cell asked for, a piece without a verb joined to the piece before it.
 */
final class QuotedSentences {
    /**
     * What a word the visitor just used in a follow-up weighs when a long sentence is cut, against one carried over
     * from the earlier question ({@link Understanding#CONTEXT_WEIGHT}).
     */
    private static final double OWN_WORDS = 3;

    private QuotedSentences() {
    }

    /**
     * @param best the passage judged best, named when another passage's sentence opens instead
     * @param sought what a number that answers looks like, for cutting a long sentence to it; or null
     */
    static List<ExtractiveComposer.Sentence> of(SentencePicker picker, ExtractiveComposer.Source best,
                                                KnowledgeIndex index, Understanding understanding, Set<String> wanted,
                                                Pattern sought) {
        List<ExtractiveComposer.Sentence> sentences = new ArrayList<>();
        for (int i = 0; i < picker.picked.size(); i++) {
            Candidate c = picker.picked.get(i);
            // A long sentence is cut to the part with what the follow-up asks, in the visitor's own new words.
            ToDoubleFunction<String> weight = t -> wanted.contains(t) ? index.idf(t)
                    * (understanding.followUp() && understanding.ownTerms().contains(t) ? OWN_WORDS
                    : understanding.weight(t)) : 0;
            Quotables.Row row = c.quotable().row();
            String text = row != null ? row.sentence(askedCell(row, weight, index, sought))
                    : Excerpt.of(c.quotable().whole(), weight, index::terms, sought, i == 0);
            int last = sentences.size() - 1;
            String joint = c.quotable().joint();
            if (joint != null && i > 0 && picker.picked.get(i - 1) == picker.previous(c)) {
                // A piece without a verb is read on from the piece before it, as the passage has it.
                ExtractiveComposer.Sentence before = sentences.get(last);
                String joined = joint.equals("; ") ? before.text().replaceFirst("\\.$", "") + "; " + continuing(text)
                        : before.text() + joint + text;
                sentences.set(last, new ExtractiveComposer.Sentence(joined, before.reference(), before.score(), before.why()));
            } else {
                // The selection step says why the answer does not open with the passage judged best.
                String why = i == 0 && c.sourceOrder() > 0 ? "opens instead of the best passage ["
                        + best.reference() + "]: " + picker.why.get(i) : picker.why.get(i);
                sentences.add(new ExtractiveComposer.Sentence(text, c.source().reference(), c.score(), why));
            }
        }
        return sentences;
    }

    /**
     * The cell of a table row the question asks for: the one whose value (with its column's name) weighs most in
     * the question's terms, the amount asked for counting most; the first on a tie.
     */
    private static int askedCell(Quotables.Row row, ToDoubleFunction<String> weight,
                                 KnowledgeIndex index, Pattern sought) {
        int best = 0;
        double bestWeight = -1;
        for (int i = 0; i < row.cells().size(); i++) {
            String cell = row.cell(i);
            double w = index.terms(cell).stream().mapToDouble(weight).sum()
                    + (sought != null && sought.matcher(row.cells().get(i)).find() ? SentenceScorer.AMOUNT : 0);
            if (w > bestWeight) {
                best = i;
                bestWeight = w;
            }
        }
        return best;
    }


    /** A clause as it reads inside its sentence: "A CloudWatch alarm" as "a CloudWatch alarm", "AWS" as is. */
    private static String continuing(String clause) {
        boolean word = clause.length() > 1 && !Character.isUpperCase(clause.charAt(1));
        return word ? Character.toLowerCase(clause.charAt(0)) + clause.substring(1) : clause;
    }
}
