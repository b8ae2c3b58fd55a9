package dev.glassbox.server.local.compose;

import dev.glassbox.server.local.knowledge.Quotables;
import java.util.Set;

/**
 * A sentence (list item, table row) of a passage to quote, with its score against the question.
 * {@code keyTerms}: whether it contains any of the question's key terms; {@code states}: which of the kinds
 * of thing the question asks for it states; {@code said}: whether the conversation's previous answer
 * already quoted it; {@code antecedent}: a sentence of the section's earlier passage, quoted only before the
 * sentence that refers back to it; {@code counts}: whether it gives the number of what the question asks the
 * number of ({@link QuestionFocus#counts}).
 */
record Candidate(Quotables.Quotable quotable, ExtractiveComposer.Source source, int sourceOrder, Set<String> terms,
                 double score, boolean hasNumber, boolean counts, boolean keyTerms,
                 Set<QuestionFocus.Kind> states, boolean said, boolean antecedent) {
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
        return said ? score + SentenceScorer.SAID : score;
    }
}
