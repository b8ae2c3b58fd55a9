package dev.glassbox.server.local;

import dev.glassbox.core.agent.AgentFailure;
import dev.glassbox.core.agent.AgentListener;
import dev.glassbox.core.agent.Citation;
import dev.glassbox.core.agent.Reference;
import dev.glassbox.core.agent.StopReason;
import dev.glassbox.core.agent.TraceStep;
import dev.glassbox.core.agent.Usage;
import dev.glassbox.core.log.Log;
import dev.glassbox.core.protocol.ErrorCode;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One answer of the local agent, from retrieved passages to the last streamed word. */
final class LocalAnswer {
    private static final Logger LOG = Logger.getLogger(LocalAnswer.class.getName());
    /** Below this cosine similarity a passage is about something else; the answer will not quote it. */
    static final double SIMILARITY_FLOOR = 0.30;
    private static final int QUOTED_PASSAGES = 3;
    private static final Pattern WORD = Pattern.compile("\\s*\\S+");

    private final Vertx vertx;
    private final KnowledgeIndex index;
    private final String question;
    private final AgentListener listener;
    private final long paceMs;
    private final ExtractiveComposer composer = new ExtractiveComposer();
    private volatile boolean cancelled;
    private long timer = -1;

    /** A streamed piece of text, followed by the citation it completes, if any. */
    private record Piece(String text, Citation citation) {
    }

    LocalAnswer(Vertx vertx, KnowledgeIndex index, String question, AgentListener listener, long paceMs) {
        this.vertx = vertx;
        this.index = index;
        this.question = question;
        this.listener = listener;
        this.paceMs = paceMs;
    }

    void cancel() {
        cancelled = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    void fail(Throwable cause) {
        Log.error(LOG, "local retrieval failed", cause);
        listener.onFailure(AgentFailure.of(ErrorCode.INTERNAL, "Searching the knowledge base failed.", true));
    }

    void compose(Retrieval retrieval) {
        if (cancelled) {
            return;
        }
        long started = System.nanoTime();
        List<Passage> passages = retrieval.passages();
        List<Reference> references = passages.stream().map(Passage::toReference).toList();
        listener.onTrace(TraceStep.retrieval(question, references, retrieval.durationMs()));
        List<ExtractiveComposer.Source> sources = new ArrayList<>();
        for (int i = 0; i < passages.size() && sources.size() < QUOTED_PASSAGES; i++) {
            if (passages.get(i).similarity() >= SIMILARITY_FLOOR) {
                sources.add(new ExtractiveComposer.Source(passages.get(i), i + 1));
            }
        }
        listener.onTrace(TraceStep.reasoning(sources.isEmpty() ? "Nothing relevant found" : "Chose what to quote",
                reasoning(passages, sources)));
        List<Piece> pieces = sources.isEmpty() ? notFound() : quote(composer.compose(index, question, sources), references);
        long wordsRead = sources.stream()
                .mapToLong(s -> s.passage().chunk().text().split("\\s+").length).sum();
        stream(pieces, 0, new Usage(wordsRead, pieces.size()), started);
    }

    private void stream(List<Piece> pieces, int next, Usage usage, long started) {
        timer = -1;
        int i = next;
        do {
            if (cancelled) {
                return;
            }
            Piece piece = pieces.get(i);
            listener.onText(piece.text());
            if (piece.citation() != null) {
                listener.onCitation(piece.citation());
            }
            i++;
        } while (i < pieces.size() && paceMs == 0);
        if (i < pieces.size()) {
            int following = i;
            timer = vertx.setTimer(paceMs, t -> stream(pieces, following, usage, started));
            return;
        }
        listener.onUsage(usage);
        listener.onTrace(TraceStep.model(LocalAgentBackend.MODEL, usage, (System.nanoTime() - started) / 1_000_000));
        listener.onComplete(StopReason.COMPLETE);
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

    private List<Piece> notFound() {
        String shown = question.length() > 120 ? question.substring(0, 120) + "…" : question;
        List<Piece> pieces = new ArrayList<>();
        words("I could not find anything about that in the Glassbox knowledge base, so I will not guess. "
                + "I searched for \"" + shown + "\"; the closest passages are listed in the trace, and none of "
                + "them is close enough to quote. Try asking about how Glassbox works, what it costs, how it "
                + "is built and deployed, or why it was designed this way.", pieces, new StringBuilder());
        return pieces;
    }

    private static void words(String text, List<Piece> pieces, StringBuilder answer) {
        Matcher word = WORD.matcher(text);
        while (word.find()) {
            pieces.add(new Piece(word.group(), null));
        }
        answer.append(text);
    }

    private String reasoning(List<Passage> passages, List<ExtractiveComposer.Source> sources) {
        StringBuilder text = new StringBuilder("Ranked the knowledge base by meaning (cosine similarity of "
                + Embedder.MODEL_NAME + " embeddings) and by keywords (Lucene BM25), and fused the two rankings "
                + "by reciprocal rank. ");
        if (sources.isEmpty()) {
            text.append("No passage reached the ").append(format(SIMILARITY_FLOOR)).append(" similarity floor");
            if (!passages.isEmpty()) {
                text.append("; the closest was ").append(describe(passages.get(0), 1));
            }
            return text.append(". Saying so instead of quoting unrelated text.").toString();
        }
        text.append("Quoting the ").append(sources.size()).append(sources.size() == 1 ? " passage" : " passages")
                .append(" at or above the ").append(format(SIMILARITY_FLOOR)).append(" similarity floor: ");
        for (int i = 0; i < sources.size(); i++) {
            text.append(i == 0 ? "" : "; ").append(describe(sources.get(i).passage(), sources.get(i).reference()));
        }
        long below = passages.stream().filter(p -> p.similarity() < SIMILARITY_FLOOR).count();
        text.append('.');
        if (below > 0) {
            text.append(' ').append(below).append(below == 1 ? " passage was" : " passages were")
                    .append(" below the floor and not quoted.");
        }
        return text.append(" Within them, the sentences sharing the rarest words with the question were picked.")
                .toString();
    }

    private static String describe(Passage passage, int reference) {
        return "[" + reference + "] " + passage.chunk().source() + " › " + lastHeading(passage.chunk().title())
                + " (similarity " + format(passage.similarity()) + ", meaning rank " + passage.vectorRank()
                + ", " + (passage.keywordRank() > 0 ? "keyword rank " + passage.keywordRank() : "no keyword match")
                + ")";
    }

    private static String lastHeading(String title) {
        int cut = title.lastIndexOf(" › ");
        return cut < 0 ? title : title.substring(cut + 3);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
