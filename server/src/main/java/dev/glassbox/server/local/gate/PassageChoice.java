package dev.glassbox.server.local.gate;

import dev.glassbox.server.local.compose.ExtractiveComposer;
import dev.glassbox.server.local.knowledge.KnowledgeChunk;
import dev.glassbox.server.local.knowledge.KnowledgeIndex;
import dev.glassbox.server.local.knowledge.Lexicon;
import dev.glassbox.server.local.knowledge.MarkdownChunker;
import dev.glassbox.server.local.knowledge.Passage;
import dev.glassbox.server.local.knowledge.Retrieval;
import dev.glassbox.server.local.knowledge.WordMeanings;
import dev.glassbox.server.local.understanding.Understanding;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Decides whether the retrieved passages answer the question, and which to quote. Three signals are
 * combined: a passage's similarity to the question, how much of the question's content (its key terms,
 * weighted by how rare they are, and when that declines by how much they carry the question's meaning) the
 * passage covers, and names in the question the knowledge base never mentions. The best passage
 * by similarity and coverage is quoted first; others only when close to it.
 *
 * @param sources the passages to quote, best first; empty when declining
 * @param assessed every retrieved passage with its signals and verdict, for the trace
 * @param declineReason why nothing is quoted, or null
 * @param reserve the passages similar enough to answer but not close to the best: the composer quotes one of their
 *     sentences only when it states what the question asks for and the quoted passages have none that does
 * @param incidentalNames the names no passage contains that were not declined for, as they carry little of what the
 *     question means ({@link #INCIDENTAL}): "a fresh ubuntu box" in a question about the Java version to build with
 */
public record PassageChoice(List<ExtractiveComposer.Source> sources, List<Map<String, Object>> assessed,
                     String declineReason, List<ExtractiveComposer.Source> reserve, List<String> incidentalNames) {
    /** Below this cosine similarity a passage is about something else, whatever words it shares. */
    static final double SIMILARITY_FLOOR = 0.22;
    /** Below this similarity a passage must also share enough of the question's key terms. */
    static final double WEAK_SIMILARITY = 0.30;
    /**
     * Whether a passage is close enough to the question to be quoted at all, by its similarity as a whole or
     * its closest sentence's ({@link Passage#meaning}): a long passage about several things is as close as the
     * sentence that answers.
     */
    private static boolean answers(double similarity, double coverage) {
        return similarity >= WEAK_SIMILARITY || similarity >= SIMILARITY_FLOOR && coverage >= WEAK_COVERAGE;
    }

    /** The share of the question's key terms, by rarity, that a weakly similar passage must contain. */
    static final double WEAK_COVERAGE = 0.4;
    /** A passage sharing less than this share of the key terms misses the point, unless strongly similar. */
    static final double COVERAGE_FLOOR = 0.15;
    /**
     * At this cosine similarity a passage says what the question asks in other words: the question's own
     * words ("computer" for the docs' "machine") need not be in it.
     */
    static final double STRONG_SIMILARITY = 0.5;
    /** How far behind the best a further passage may be and still be quoted. */
    static final double CLOSE_MARGIN = 0.12;
    private static final int QUOTED_PASSAGES = 3;
    /**
     * What a passage of a file the previous answer quoted gains when a follow-up names nothing new
     * ("Where?", "For how long?"): such a follow-up asks more about what that answer said.
     */
    static final double FOLLOWS_ON = 0.15;

    /**
     * Below this cosine similarity of its word to the question as a whole, a key term is incidental to the question
     * ("hood" in "what does it use under the hood?", "forever" in "does it hang on to my chats forever?") and does
     * not count; from {@link #POINT} on it is the point of the question ("password", "voice", "salary") and counts
     * fully, in between in proportion. An everyday word the docs never use is as rare to them as a product name;
     * only its place in what the question means tells the two apart. So too for a name in lower case that no passage
     * contains: below this it only sets the scene ("a flaky wifi", "someone who likes to tinker", "a fresh ubuntu
     * box") and the question is not declined for it; the names a question asks about ("voice", "kubernetes") lie above.
     */
    static final double INCIDENTAL = 0.3;
    static final double POINT = 0.5;
    /** How many of the words the closest passage lacks a decline names. */
    private static final int NAMED_LACKS = 2;

    /**
     * @param asked the embedding of the question ({@link Retrieval#asked})
     * @param previousAnswer the conversation's previous answer when the question is a follow-up, else empty
     */
    public static PassageChoice of(KnowledgeIndex index, Understanding understanding, float[] asked, List<Passage> passages,
                            String previousAnswer) {
        Set<String> followedOn = understanding.followUp() && understanding.ownTerms().isEmpty()
                ? quotedFiles(passages, previousAnswer) : Set.of();
        double[][] weights = weights(index, understanding, asked);
        Coverage[] covered = new Coverage[passages.size()];
        double[] coverage = new double[passages.size()];
        double[] relevance = new double[passages.size()];
        int best = -1;
        double topFused = passages.stream().mapToDouble(Passage::fusedScore).max().orElse(1);
        for (int i = 0; i < passages.size(); i++) {
            Passage passage = passages.get(i);
            covered[i] = coverage(index, understanding, passage.chunk(), weights);
            coverage[i] = covered[i].byMeaning(Weight.RARITY);
            // Ranked by the visitor's own words: a passage saying them in other words may answer, but one that
            // uses them is the likelier answer. Where keywords and meaning agree (the fused score) counts too, a little.
            relevance[i] = passage.meaning(KnowledgeIndex.PIECE_WEIGHT) + 0.3 * covered[i].sectionWords()
                    + 0.1 * passage.fusedScore() / topFused
                    + (followedOn.contains(passage.chunk().source()) ? FOLLOWS_ON : 0);
        }
        // The most relevant passage that answers and covers the question's specific terms; when the most
        // relevant one that answers misses them, a less relevant one that covers them answers instead. When none
        // covers them, the most relevant one that covers them weighed by how much each carries the question's
        // meaning answers: what it lacks may be words incidental to the question.
        int closest = -1;
        double closestSpecific = 0;
        int bestByPoint = -1;
        boolean missesDeed = false;
        for (int i = 0; i < passages.size(); i++) {
            Passage passage = passages.get(i);
            double meaning = passage.meaning(KnowledgeIndex.PIECE_WEIGHT);
            if (!answers(meaning, coverage[i])) {
                continue;
            }
            double specific = covered[i].byMeaning(Weight.SPECIFICITY);
            double point = covered[i].byMeaning(Weight.POINT);
            if (closest < 0 || relevance[i] > relevance[closest]) {
                closest = i;
                closestSpecific = point;
            }
            boolean covers = specific >= COVERAGE_FLOOR || meaning >= STRONG_SIMILARITY;
            boolean coversPoint = point >= COVERAGE_FLOOR || meaning >= STRONG_SIMILARITY;
            // A passage about the thing a question asks how to change does not answer unless it describes the deed.
            if ((covers || coversPoint) && !understanding.describesAction(index, passage.chunk())) {
                missesDeed = true;
                continue;
            }
            if (covers && (best < 0 || relevance[i] > relevance[best])) {
                best = i;
            }
            if (coversPoint && (bestByPoint < 0 || relevance[i] > relevance[bestByPoint])) {
                bestByPoint = i;
            }
        }
        if (best < 0) {
            best = bestByPoint;
        }
        String decline = null;
        // A capital marks a name the visitor means ("Phi", "Google"), however little the word means to the embedder.
        Map<Boolean, List<String>> sceneSetting = understanding.unknownNames().stream().collect(Collectors.partitioningBy(
                name -> name.equals(name.toLowerCase(Locale.ROOT)) && cosine(index.meaningOf(name), asked) < INCIDENTAL));
        List<String> incidentalNames = sceneSetting.get(true);
        List<String> unknownNames = sceneSetting.get(false);
        if (!unknownNames.isEmpty()) {
            decline = "the knowledge base never mentions " + String.join(" or ", unknownNames);
            best = closest;
        } else if (closest < 0) {
            decline = "no passage is similar enough to the question";
        } else if (best < 0 && missesDeed) {
            decline = understanding.action().unmet();
            best = closest;
        } else if (best < 0) {
            decline = "the closest passage contains only " + Math.round(closestSpecific * 100)
                    + "% of the question's key terms, weighed by how specific they are and by how much they carry the "
                    + "question's meaning" + lacking(index, understanding, passages.get(closest).chunk(), asked);
            best = closest;
        }
        List<ExtractiveComposer.Source> sources = new ArrayList<>();
        List<ExtractiveComposer.Source> reserve = new ArrayList<>();
        List<Map<String, Object>> assessed = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        if (best >= 0) {
            order.add(best);
        }
        for (int i = 0; i < passages.size(); i++) {
            if (i != best) {
                order.add(i);
            }
        }
        for (int i : order) {
            Passage passage = passages.get(i);
            String verdict;
            if (decline != null) {
                verdict = "not quoted: declining";
            } else if (i == best) {
                verdict = "quoted first: most similar and covering the question best";
            } else if (!answers(passage.meaning(KnowledgeIndex.PIECE_WEIGHT), coverage[i])) {
                verdict = "not quoted: too little similarity (" + ExtractiveComposer.format(
                        passage.meaning(KnowledgeIndex.PIECE_WEIGHT))
                        + ") for the key terms it contains";
            } else if (relevance[i] < relevance[best] - CLOSE_MARGIN) {
                verdict = "not quoted: relevance " + ExtractiveComposer.format(relevance[i])
                        + " is not close to the best (" + ExtractiveComposer.format(relevance[best]) + ")";
            } else if (sources.size() >= QUOTED_PASSAGES) {
                verdict = "not quoted: " + QUOTED_PASSAGES + " passages are enough";
            } else {
                verdict = "quoted: close to the best";
            }
            if (verdict.startsWith("quoted")) {
                sources.add(new ExtractiveComposer.Source(passage, i + 1));
            } else if (decline == null && answers(passage.meaning(KnowledgeIndex.PIECE_WEIGHT), coverage[i])) {
                reserve.add(new ExtractiveComposer.Source(passage, i + 1));
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("reference", i + 1);
            row.put("source", passage.chunk().source());
            row.put("title", passage.chunk().title());
            row.put("similarity", round(passage.similarity()));
            row.put("coverage", round(coverage[i]));
            row.put("relevance", round(relevance[i]));
            row.put("verdict", verdict);
            assessed.add(row);
        }
        return new PassageChoice(sources, assessed, decline, reserve, incidentalNames);
    }

    /** The files of the retrieved passages that the answer quotes. */
    private static Set<String> quotedFiles(List<Passage> passages, String answer) {
        Set<String> files = new HashSet<>();
        for (Passage passage : passages) {
            if (passage.pieces().stream().anyMatch(piece -> piece.quotedAt(answer) >= 0)) {
                files.add(passage.chunk().source());
            }
        }
        return files;
    }

    /**
     * The share of the question's key terms, weighted ({@link Weight}, and in a follow-up by whether the visitor just
     * used them), that a passage contains (1 when there are none): for each weighing, as words or words of the same
     * meaning ({@link WordMeanings#credit}), so that a passage saying "conversation" covers a visitor's "chat"; and by
     * rarity, as words of its section ({@link #sectionText}), which ranks it.
     *
     * @param byMeaning the share for each {@link Weight}, by its ordinal
     */
    private record Coverage(double[] byMeaning, double sectionWords) {
        double byMeaning(Weight by) {
            return byMeaning[by.ordinal()];
        }
    }

    /** How a key term weighs in a coverage. */
    private enum Weight {
        /** By its idf. */
        RARITY,
        /** By its {@link #specificity}. */
        SPECIFICITY,
        /** By its specificity and by how much it carries the question's meaning ({@link #centrality}). */
        POINT
    }

    /**
     * A passage's text under its section's headings, without the file's title: the file's title is every passage's
     * of that file, so it tells none of them apart ("Architecture" does not make a passage about logging answer
     * "Which CPU architecture …?").
     */
    static String sectionText(KnowledgeChunk chunk) {
        int cut = chunk.title().indexOf(MarkdownChunker.SEPARATOR);
        return (cut < 0 ? "" : chunk.title().substring(cut + MarkdownChunker.SEPARATOR.length())) + "\n" + chunk.text();
    }

    /**
     * Each key term's weight by each {@link Weight} (by its ordinal, then the term's place), worked out once for the
     * question rather than for every passage.
     *
     * @param asked the question's embedding, which {@link Weight#POINT} weighs terms by; when none of its words carries
     *     the question's meaning on its own ("what if a bunch of folks ask stuff at the same second?"), the words
     *     cannot tell whether a passage misses its point, and it is covered: its similarity decides
     */
    private static double[][] weights(KnowledgeIndex index, Understanding understanding, float[] asked) {
        List<String> terms = understanding.terms();
        double[][] weights = new double[Weight.values().length][terms.size()];
        for (int t = 0; t < terms.size(); t++) {
            String term = terms.get(t);
            // A circumstance weighs nothing: its weights stay 0.
            if (circumstance(index, term, understanding.words().get(term))) {
                continue;
            }
            for (Weight by : Weight.values()) {
                weights[by.ordinal()][t] = (by == Weight.RARITY ? index.idf(term) : specificity(index, term))
                        * (by == Weight.POINT ? centrality(understanding.meanings().get(term), asked) : 1)
                        * understanding.weight(term);
            }
        }
        return weights;
    }

    /**
     * Whether a key term no passage contains only describes the visitor's circumstances: a number ("my windows 10
     * machine from 2015"), a word that grades ("old", "bigger") or says how ("quickly"). No passage could say it,
     * so it tells none apart, and it is not what the question asks about: counted, it would decline a question the
     * rest of whose words a passage answers. A noun the docs never use ("voice", "salary") still counts.
     */
    private static boolean circumstance(KnowledgeIndex index, String term, String word) {
        return !index.uses(term) && word != null && (NUMBER.matcher(word).matches() || Lexicon.gradable(word)
                || Lexicon.adverb(word));
    }

    private static final Pattern NUMBER = Pattern.compile("\\d[\\d.,]*");

    /**
     * A passage's {@link Coverage}: which key terms it says, in words or in words of the same meaning, is worked out
     * once for every weighing, as comparing a term's meaning with each of the passage's words is the costly part.
     */
    private static Coverage coverage(KnowledgeIndex index, Understanding understanding, KnowledgeChunk chunk,
                                     double[][] weights) {
        List<String> terms = understanding.terms();
        Set<String> says = index.terms(chunk.indexedText());
        Set<String> sectionSays = index.terms(sectionText(chunk));
        double[] said = new double[weights.length];
        double[] total = new double[weights.length];
        double sectionWords = 0;
        for (int t = 0; t < terms.size(); t++) {
            String term = terms.get(t);
            double credit = says.contains(term) ? 1
                    : WordMeanings.credit(index.closeness(understanding.meanings().get(term), chunk));
            for (int by = 0; by < weights.length; by++) {
                total[by] += weights[by][t];
                said[by] += weights[by][t] * credit;
            }
            if (sectionSays.contains(term)) {
                sectionWords += weights[Weight.RARITY.ordinal()][t];
            }
        }
        double[] byMeaning = new double[weights.length];
        for (int by = 0; by < weights.length; by++) {
            byMeaning[by] = share(said[by], total[by]);
        }
        return new Coverage(byMeaning, share(sectionWords, total[Weight.RARITY.ordinal()]));
    }

    /** A part's share of a total, 1 of nothing. */
    private static double share(double part, double total) {
        return total == 0 ? 1 : part / total;
    }

    /**
     * How specific a term is: its idf, squared, so that words many passages contain ("answer", "question")
     * count little beside the question's rare words. A question whose specific words no passage contains
     * ("voice", "password") is then barely covered by passages that share its generic ones.
     */
    static double specificity(KnowledgeIndex index, String term) {
        double idf = index.idf(term);
        return idf * idf;
    }

    /**
     * What the passage lacks that weighs most in the question's meaning, for a decline: '; it lacks "salary"', the
     * visitor's words of at most {@link #NAMED_LACKS} terms it neither contains nor says in a word of the same meaning,
     * heaviest first; empty when none carries any.
     */
    private static String lacking(KnowledgeIndex index, Understanding understanding, KnowledgeChunk chunk,
                                  float[] asked) {
        Set<String> says = index.terms(chunk.indexedText());
        Map<String, Double> weights = new LinkedHashMap<>();
        for (String term : understanding.terms()) {
            float[] meaning = understanding.meanings().get(term);
            double weight = specificity(index, term) * centrality(meaning, asked);
            if (weight > 0 && !says.contains(term) && WordMeanings.credit(index.closeness(meaning, chunk)) == 0) {
                weights.merge(understanding.words().get(term), weight, Math::max);
            }
        }
        List<String> words = weights.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(NAMED_LACKS)
                .map(word -> "\"" + word.getKey() + "\"").toList();
        return words.isEmpty() ? "" : "; it lacks " + String.join(" and ", words);
    }

    /** How much a word carries the question's meaning, from 0 (incidental) to 1 (its point; {@link #INCIDENTAL}). */
    static double centrality(float[] word, float[] question) {
        return Math.max(0, Math.min(1, (cosine(word, question) - INCIDENTAL) / (POINT - INCIDENTAL)));
    }

    /** The cosine similarity of two embeddings, which the embedder makes unit vectors. */
    static double cosine(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    public static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
