package dev.glassbox.server.local;

import dev.glassbox.core.agent.Citation;
import dev.glassbox.core.agent.Reference;
import dev.glassbox.core.agent.TraceStep;
import dev.glassbox.core.agent.Usage;
import dev.glassbox.core.rag.StandaloneQuery;
import dev.glassbox.server.local.compose.ExtractiveComposer;
import dev.glassbox.server.local.gate.PassageChoice;
import dev.glassbox.server.local.knowledge.KnowledgeBase;
import dev.glassbox.server.local.knowledge.KnowledgeIndex;
import dev.glassbox.server.local.knowledge.Passage;
import dev.glassbox.server.local.knowledge.Retrieval;
import dev.glassbox.server.local.understanding.Understanding;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One local answer worked out before its first word streams: its trace steps, each handed on as soon as it
 * ends with its real duration (so the pipeline can tell when it started), and the answer as word-sized pieces
 * with their citations. Built on a worker thread (it embeds the question); streamed by {@link LocalAnswer}.
 */
public record AnswerPlan(List<AnswerPlan.Piece> pieces, Usage usage) {
    private static final Pattern WORD = Pattern.compile("\\s*\\S+");
    private static final int SHOWN_QUERY_CHARS = 120;
    /** The marker closing each quoted sentence of an answer. */
    private static final Pattern CITED = Pattern.compile("\\s*\\[\\d+]\\s*");

    /** A streamed piece of text, followed by the citation it completes, if any. */
    public record Piece(String text, Citation citation) {
    }

    /**
     * @param question the visitor's normalised question
     * @param understood what to search for: the question, or a follow-up rewritten to stand alone
     * @param previousAnswer the answer before a follow-up, else empty
     * @param steps takes each trace step, in order, when it ends
     */
    public static AnswerPlan of(KnowledgeBase knowledge, KnowledgeIndex index, String question, StandaloneQuery understood,
                         String previousAnswer, Consumer<TraceStep> steps) {
        long started = System.nanoTime();
        String standaloneQuery = understood.query();
        Understanding understanding = Understanding.of(index, question, standaloneQuery, understood.followUp(),
                understood.meant(), understood.asked());
        steps.accept(understandingStep(understanding, understood.meant(), msSince(started)));
        switch (understanding.intent()) {
            case GREETING -> {
                return reply(steps, "Hello! I am the Glassbox agent. I answer questions about Glassbox from its own "
                        + "documentation and show my work in the trace panel. Ask me how it works, what it costs, "
                        + "how it is built, tested and deployed, or why it was designed this way.");
            }
            case THANKS -> {
                return reply(steps, "You are welcome! Ask me anything else about Glassbox: how it works, what it "
                        + "costs, or why it was built this way.");
            }
            case INSTRUCTION -> {
                return decline(steps, understanding, null, 0, "the message gives the agent instructions or a role to "
                        + "play, which it does not follow", "I do not follow instructions or play roles given in a "
                        + "message, so I will not answer that as asked. I only quote the Glassbox knowledge base; "
                        + "nothing was searched. If you have a question about Glassbox, ask it on its own: how it "
                        + "works, what it costs, or why it was built this way.");
            }
            case ABOUT_INSTRUCTIONS -> {
                return decline(steps, understanding, null, 0, "the question asks about the agent's own instructions "
                        + "or conversation, not about Glassbox", "I could not find a question about Glassbox in that: "
                        + "it asks about my own instructions. I have no hidden prompt to show; I only quote the "
                        + "Glassbox knowledge base, and the trace panel shows every step I take. Nothing was "
                        + "searched. Ask me how Glassbox works, what it costs, or why it was built this way.");
            }
            default -> {
                // a question: search below
            }
        }
        Retrieval retrieval = knowledge.retrieve(index, standaloneQuery, previousAnswer);
        List<Passage> passages = retrieval.passages();
        List<Reference> references = passages.stream().map(Passage::toReference).toList();
        steps.accept(retrievalStep(standaloneQuery, references, retrieval));

        long selecting = System.nanoTime();
        PassageChoice choice = PassageChoice.of(index, understanding, retrieval.asked(), passages, previousAnswer);
        StandaloneQuery leaning = understood.besideThePrevious();
        if (choice.declineReason() != null && leaning != null && understanding.unknownNames().isEmpty()) {
            // "where is the report?" found nothing alone: it may be the report the previous answer spoke of. The trace
            // shows both searches.
            return of(knowledge, index, question, leaning, previousAnswer, steps);
        }
        if (choice.declineReason() != null) {
            return notFound(steps, understanding, choice, msSince(selecting), choice.declineReason(), standaloneQuery,
                    passages);
        }
        String said = said(index, question, understood, understanding, previousAnswer, passages);
        ExtractiveComposer.Composition composition = new ExtractiveComposer().compose(index, understanding,
                choice.sources(), choice.reserve(), said);
        if (composition.sentences().isEmpty()) {
            // A chosen passage may hold nothing quotable (one endless word, a row of symbols): an empty answer says
            // nothing, so the visitor hears that nothing answers, and why.
            return notFound(steps, understanding, choice, msSince(selecting), "no passage found has a sentence that "
                    + "can be quoted", standaloneQuery, passages);
        }
        Set<Integer> cited = composition.sentences().stream().map(ExtractiveComposer.Sentence::reference)
                .collect(Collectors.toSet());
        List<ExtractiveComposer.Source> used = new ArrayList<>(choice.sources());
        choice.reserve().stream().filter(s -> cited.contains(s.reference())).forEach(used::add);
        List<Map<String, Object>> assessed = choice.assessed().stream()
                .map(row -> quotedOrNot(row, composition.sentences())).toList();
        steps.accept(selectionStep(assessed, cited.size(), composition, choice.incidentalNames(), msSince(selecting)));

        long composing = System.nanoTime();
        List<Piece> pieces = quote(composition.sentences(), references);
        long wordsRead = used.stream()
                .mapToLong(s -> s.passage().chunk().text().split("\\s+").length).sum();
        long words = pieces.stream().filter(p -> p.citation() == null).count();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sentences", composition.sentences().size());
        details.put("words", words);
        details.put("citations", composition.sentences().size());
        details.put("passages", cited.size());
        details.put("order", "by relevance; a sentence that refers back follows the sentence it needs");
        steps.accept(new TraceStep(TraceStep.Kind.COMPOSITION, "Composed the answer from "
                + count(composition.sentences().size(), "quoted sentence"), msSince(composing), details));
        return new AnswerPlan(pieces, new Usage(wordsRead, pieces.size()));
    }

    /**
     * What the previous answer said that this answer should not say again, as the composer holds it back. A follow-up's
     * point is what it says that the previous question did not ("under load", "per answer", "memory"): a sentence the
     * previous answer quoted that speaks of the point may answer again ({@link #notAbout}), the others are repeats, when
     * the follow-up is asked anew ("and on Lambda?", "under load?"). One that asks only for a property ("on which
     * architecture?", "can I change it?") may hear all of it again. Any other may hear again only a sentence that says most of its
     * point ({@link #notMostlyAbout}), which the previous answer may have said in passing ("what's the limit it has to stay under?" after an
     * answer that ended "… stays under 25 MB"), and one without a point of its own ("why?", "tell me more") none of it.
     */
    private static String said(KnowledgeIndex index, String question, StandaloneQuery understood,
                               Understanding understanding, String previousAnswer, List<Passage> passages) {
        Set<String> point = new HashSet<>(index.contentTerms(question));
        point.removeAll(index.contentTerms(understood.previous()));
        if (understood.asksAnew()) {
            Set<String> asked = new HashSet<>(point.isEmpty() ? understanding.ownTerms() : point);
            // "and on Lambda?": a sentence about the cloud may use any of its names.
            asked.addAll(index.terms(String.join(" ", StandaloneQuery.placeNames(question))));
            return notAbout(index, previousAnswer, asked, passages);
        }
        // A property is stated by its value ("arm64" for "on which architecture?"), seldom by its name: a sentence the
        // previous answer quoted may state it whatever its words.
        return StandaloneQuery.asksOnlyForAProperty(question) ? "" : notMostlyAbout(index, previousAnswer, point);
    }

    /**
     * The previous answer's quoted sentences that are not about what a follow-up asks ({@code asked}, analyzed
     * terms), by their own words or the headings of the passage they were quoted from. The previous answer may have
     * stated the cloud's limit beside the local one: asked for the cloud's, that sentence is the answer, not a
     * repetition. All of the previous answer when nothing is asked.
     */
    static String notAbout(KnowledgeIndex index, String previousAnswer, Set<String> asked, List<Passage> passages) {
        if (asked.isEmpty()) {
            return previousAnswer;
        }
        StringBuilder said = new StringBuilder();
        for (String sentence : CITED.split(previousAnswer)) {
            boolean about = index.terms(sentence).stream().anyMatch(asked::contains) || passages.stream()
                    .filter(p -> p.pieces().stream().anyMatch(piece -> piece.quotedAt(sentence) >= 0))
                    .anyMatch(p -> index.terms(p.chunk().title()).stream().anyMatch(asked::contains));
            if (!about && !sentence.isBlank()) {
                said.append(sentence.strip()).append(' ');
            }
        }
        return said.toString().strip();
    }

    /**
     * The previous answer's quoted sentences that say less than most of what a follow-up adds ({@code point}, analyzed
     * terms): "stays under 25 MB" says "stay" and "under" of "what's the limit it has to stay under?", and may answer
     * it again; a sentence that only shares "answer" with "what is its time limit for one answer?" is a repeat. All of
     * the previous answer when the follow-up adds nothing.
     */
    private static String notMostlyAbout(KnowledgeIndex index, String previousAnswer, Set<String> point) {
        StringBuilder said = new StringBuilder();
        for (String sentence : CITED.split(previousAnswer)) {
            Set<String> says = new HashSet<>(index.terms(sentence));
            says.retainAll(point);
            if (2 * says.size() <= point.size() && !sentence.isBlank()) {
                said.append(sentence.strip()).append(' ');
            }
        }
        return said.toString().strip();
    }

    private static AnswerPlan reply(Consumer<TraceStep> steps, String text) {
        List<Piece> pieces = new ArrayList<>();
        words(text, pieces, new StringBuilder());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sentences", 0);
        details.put("words", pieces.size());
        details.put("citations", 0);
        details.put("note", "small talk is answered without a search");
        steps.accept(new TraceStep(TraceStep.Kind.COMPOSITION, "Replied without searching", 0L, details));
        return new AnswerPlan(pieces, new Usage(0, pieces.size()));
    }

    /** Declines a question nothing in the knowledge base answers, saying why, what was searched and what was closest. */
    private static AnswerPlan notFound(Consumer<TraceStep> steps, Understanding understanding, PassageChoice choice,
                                       long durationMs, String reason, String standaloneQuery, List<Passage> passages) {
        String closest = passages.isEmpty() ? "" : " The closest passage was \"" + lastHeading(
                passages.get(0).chunk().title()) + "\" in " + passages.get(0).chunk().source()
                + ", which does not answer it.";
        return decline(steps, understanding, choice, durationMs, reason, "I could not find anything about that in the "
                + "Glassbox knowledge base, so I will not guess: " + reason + ". I searched for \""
                + shown(standaloneQuery) + "\"." + closest + " Try asking about how Glassbox works, what it "
                + "costs, how it is built and deployed, or why it was designed this way.");
    }

    private static AnswerPlan decline(Consumer<TraceStep> steps, Understanding understanding, PassageChoice choice,
                                      long durationMs, String reason, String text) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", reason);
        details.put("searched", choice == null ? null : understanding.standaloneQuery());
        details.put("unknownNames", understanding.unknownNames());
        if (choice != null) {
            details.put("passages", choice.assessed());
        }
        steps.accept(new TraceStep(TraceStep.Kind.DECLINE, "Declined to answer", durationMs, details));
        List<Piece> pieces = new ArrayList<>();
        words(text, pieces, new StringBuilder());
        return new AnswerPlan(pieces, new Usage(0, pieces.size()));
    }

    private static TraceStep understandingStep(Understanding understanding, List<String> meant, long durationMs) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("query", understanding.query());
        details.put("standaloneQuery", understanding.standaloneQuery());
        details.put("followUp", understanding.followUp());
        details.put("intent", understanding.intent().wireName());
        details.put("terms", understanding.terms());
        // The stems are what passages are matched by; the words are what the visitor wrote.
        details.put("keyWords", understanding.keyWords());
        if (understanding.action() != null) {
            details.put("deed", understanding.action().asks());
        }
        if (!meant.isEmpty()) {
            details.put("meant", meant);
        }
        details.put("unknownNames", understanding.unknownNames());
        details.put("asksForAmount", understanding.asksForQuantity());
        return new TraceStep(TraceStep.Kind.UNDERSTANDING, "Read the question", durationMs, details);
    }

    private static TraceStep retrievalStep(String query, List<Reference> references, Retrieval retrieval) {
        List<Map<String, Object>> fused = new ArrayList<>();
        for (int i = 0; i < retrieval.passages().size(); i++) {
            Passage passage = retrieval.passages().get(i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("reference", i + 1);
            row.put("source", passage.chunk().source());
            row.put("title", passage.chunk().title());
            row.put("bm25Rank", passage.keywordRank() > 0 ? passage.keywordRank() : null);
            row.put("vectorRank", passage.vectorRank());
            row.put("fusedScore", Math.round(passage.fusedScore() * 10_000) / 10_000.0);
            fused.add(row);
        }
        TraceStep step = TraceStep.retrieval(query, references, retrieval.durationMs())
                .withDetail("keywordTerms", retrieval.keywordTerms())
                .withDetail("meaningQuery", retrieval.meaningQuery());
        if (!retrieval.followedOn().isEmpty()) {
            // A follow-up is ranked by meaning with the passages the previous answer quoted blended in.
            step = step.withDetail("meaningAlsoOf", ranked(retrieval.followedOn()));
        }
        return step
                .withDetail("bm25", ranked(retrieval.byKeywords()))
                .withDetail("vector", ranked(retrieval.byMeaning()))
                .withDetail("fused", fused);
    }

    private static List<Map<String, Object>> ranked(List<Retrieval.Ranked> ranking) {
        return ranking.stream().map(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("rank", r.rank());
            row.put("source", r.source());
            row.put("title", r.title());
            return row;
        }).toList();
    }

    private static TraceStep selectionStep(List<Map<String, Object>> assessed, int passages,
                                           ExtractiveComposer.Composition composition, List<String> incidentalNames,
                                           long durationMs) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (!incidentalNames.isEmpty()) {
            // Names the knowledge base never mentions that only set the scene: answered anyway, and said so.
            details.put("incidentalNames", incidentalNames);
        }
        details.put("passages", assessed);
        details.put("chosen", composition.sentences().stream()
                .map(s -> sentence(s.reference(), s.text(), s.score(), s.why())).toList());
        details.put("rejected", composition.rejected().stream()
                .map(r -> sentence(r.reference(), r.text(), r.score(), r.why())).toList());
        return new TraceStep(TraceStep.Kind.SELECTION, "Chose " + count(passages, "passage") + " and "
                + count(composition.sentences().size(), "sentence") + " to quote", durationMs, details);
    }

    /**
     * A passage's verdict as the answer bears it out: the choice judged passages before the composer picked
     * sentences, so a passage chosen as close to the best may have had none quoted, and one held in reserve may
     * have been quoted after all, for the reason its first quoted sentence gives.
     */
    private static Map<String, Object> quotedOrNot(Map<String, Object> row, List<ExtractiveComposer.Sentence> chosen) {
        String verdict = (String) row.get("verdict");
        boolean judgedQuoted = verdict.startsWith("quoted");
        ExtractiveComposer.Sentence quoted = chosen.stream()
                .filter(s -> s.reference() == (Integer) row.get("reference")).findFirst().orElse(null);
        if (judgedQuoted == (quoted != null)) {
            return row;
        }
        String judged = verdict.substring(verdict.indexOf(':') + 1).strip();
        Map<String, Object> shown = new LinkedHashMap<>(row);
        shown.put("verdict", quoted != null ? "quoted: held in reserve (" + judged + "), but a sentence of it was "
                + "picked: " + quoted.why()
                : "not quoted: chosen (" + judged + "), but none of its sentences was picked; see the rejected "
                + "sentences");
        return shown;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static Map<String, Object> sentence(int reference, String text, double score, String why) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("reference", reference);
        row.put("text", text);
        row.put("score", PassageChoice.round(score));
        row.put("why", why);
        return row;
    }

    /** The chosen sentences as word-sized pieces; each sentence ends with its {@code [n]} marker. */
    private static List<Piece> quote(List<ExtractiveComposer.Sentence> sentences, List<Reference> references) {
        List<Piece> pieces = new ArrayList<>();
        int citations = 0;
        StringBuilder answer = new StringBuilder();
        int previousReference = -1;
        for (ExtractiveComposer.Sentence sentence : sentences) {
            String separator = answer.length() == 0 ? "" : sentence.reference() == previousReference ? " " : "\n\n";
            int start = answer.length() + separator.length();
            words(separator + sentence.text(), pieces, answer);
            int end = answer.length();
            String marker = " [" + sentence.reference() + "]";
            answer.append(marker);
            Reference cited = references.get(sentence.reference() - 1);
            pieces.add(new Piece(marker, new Citation(citations++, start, end, List.of(cited))));
            previousReference = sentence.reference();
        }
        return pieces;
    }

    private static void words(String text, List<Piece> pieces, StringBuilder answer) {
        Matcher word = WORD.matcher(text);
        while (word.find()) {
            pieces.add(new Piece(word.group(), null));
        }
        answer.append(text);
    }

    private static String shown(String query) {
        return query.length() > SHOWN_QUERY_CHARS ? query.substring(0, SHOWN_QUERY_CHARS) + "…" : query;
    }

    private static String lastHeading(String title) {
        int cut = title.lastIndexOf(" › ");
        return cut < 0 ? title : title.substring(cut + 3);
    }

    private static long msSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
