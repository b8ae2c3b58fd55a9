package dev.glassbox.server.local;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes an answer by quoting, never inventing: picks the sentences of the retrieved passages that
 * share the most telling words with the question, skips near-repeats, and keeps them in the order
 * they stand in their sources.
 */
final class ExtractiveComposer {
    private static final int MAX_SENTENCES = 4;
    private static final int MAX_WORDS = 110;
    private static final int MIN_SENTENCE_WORDS = 4;
    private static final double REDUNDANT_OVERLAP = 0.5;
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z0-9\"'(\\[`])");
    private static final Pattern LIST_MARKER = Pattern.compile("^(?:[-*+]|\\d+[.)])\\s+");

    /** A passage to quote from, with the number its {@code [n]} markers use. */
    record Source(Passage passage, int reference) {
    }

    /** A quoted sentence and the reference it came from. */
    record Sentence(String text, int reference) {
    }

    private record Candidate(String text, int reference, int sourceOrder, int position, Set<String> terms,
                             double score, int words) {
    }

    /** The sentences to answer with, in reading order; never empty when a source has text. */
    List<Sentence> compose(KnowledgeIndex index, String question, List<Source> sources) {
        Set<String> questionTerms = index.terms(question);
        List<Candidate> candidates = new ArrayList<>();
        for (int order = 0; order < sources.size(); order++) {
            Source source = sources.get(order);
            int position = 0;
            for (String sentence : sentences(source.passage().chunk().text())) {
                Set<String> terms = index.terms(sentence);
                double overlap = 0;
                for (String term : terms) {
                    if (questionTerms.contains(term)) {
                        overlap += index.idf(term);
                    }
                }
                // The passage's similarity carries sentences of a relevant passage that paraphrase
                // rather than repeat the question; leading sentences usually state the point.
                double score = overlap + 2 * source.passage().similarity() + (position == 0 ? 0.5 : 0);
                candidates.add(new Candidate(sentence, source.reference(), order, position, terms, score,
                        sentence.split("\\s+").length));
                position++;
            }
        }
        candidates.sort(Comparator.comparingDouble(Candidate::score).reversed());
        List<Candidate> picked = new ArrayList<>();
        int words = 0;
        for (Candidate candidate : candidates) {
            if (picked.size() == MAX_SENTENCES) {
                break;
            }
            if (!picked.isEmpty() && words + candidate.words() > MAX_WORDS || redundant(candidate, picked)) {
                continue;
            }
            picked.add(candidate);
            words += candidate.words();
        }
        picked.sort(Comparator.comparingInt(Candidate::sourceOrder).thenComparingInt(Candidate::position));
        return picked.stream().map(c -> new Sentence(c.text(), c.reference())).toList();
    }

    /** The quotable sentences of a passage: list markers dropped; code, table rows and fragments skipped. */
    private static List<String> sentences(String text) {
        List<String> sentences = new ArrayList<>();
        boolean inCode = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("```") || line.startsWith("~~~")) {
                inCode = !inCode;
                continue;
            }
            String block = LIST_MARKER.matcher(line.strip()).replaceFirst("");
            if (inCode || block.chars().filter(c -> c == '|').count() >= 2) {
                continue;
            }
            for (String sentence : SENTENCE_END.split(block)) {
                String trimmed = sentence.strip();
                if (trimmed.split("\\s+").length >= MIN_SENTENCE_WORDS) {
                    sentences.add(trimmed);
                }
            }
        }
        return sentences;
    }

    private static boolean redundant(Candidate candidate, List<Candidate> picked) {
        for (Candidate other : picked) {
            Set<String> shared = new HashSet<>(candidate.terms());
            shared.retainAll(other.terms());
            Set<String> all = new HashSet<>(candidate.terms());
            all.addAll(other.terms());
            if (!all.isEmpty() && (double) shared.size() / all.size() >= REDUNDANT_OVERLAP) {
                return true;
            }
        }
        return false;
    }
}
