package dev.glassbox.server.local;

import dev.glassbox.core.agent.AgentBackend;
import dev.glassbox.core.agent.AgentFailure;
import dev.glassbox.core.agent.AgentListener;
import dev.glassbox.core.agent.AgentRequest;
import dev.glassbox.core.agent.AgentStream;
import dev.glassbox.core.agent.TraceStep;
import dev.glassbox.core.protocol.ErrorCode;
import dev.glassbox.core.rag.StandaloneQuery;
import dev.glassbox.server.local.knowledge.KnowledgeBase;
import dev.glassbox.server.local.knowledge.KnowledgeIndex;
import dev.glassbox.server.local.understanding.Asides;
import dev.glassbox.server.local.understanding.MessageText;
import io.vertx.core.Vertx;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded agent: reads the question, searches the knowledge folder (hybrid retrieval), chooses what
 * to quote or declines, then streams an extractive answer word by word with {@code [n]} citations and
 * a trace of every step. Needs no account and no network.
 */
public final class LocalAgentBackend implements AgentBackend {
    public static final String NAME = "local";
    public static final String MODEL = "extractive-composer";
    /**
     * Words of a question the local agent reads: three times the longest it is tested with. Planning costs CPU
     * for each word, so 4,000 characters of words cost up to eight times a usual question; this keeps the
     * most costly question at about three times.
     */
    static final int MAX_WORDS = 60;
    /** A word as the agent's analysers count it: a run of letters or digits, or each Chinese or Japanese character. */
    private static final Pattern WORD = Pattern.compile(
            "[\\p{IsIdeographic}\\p{IsHiragana}\\p{IsKatakana}]|[\\p{L}\\p{N}&&[^\\p{IsIdeographic}\\p{IsHiragana}\\p{IsKatakana}]]+");

    private final Vertx vertx;
    private final KnowledgeBase knowledge;
    private final long paceMs;
    private final Planners planners;

    /** @param paceMs pause between streamed words, so streaming looks as it would from a model; 0 = none */
    public LocalAgentBackend(Vertx vertx, KnowledgeBase knowledge, long paceMs) {
        this.vertx = vertx;
        this.knowledge = knowledge;
        this.paceMs = paceMs;
        this.planners = new Planners(vertx, "glassbox-planner", Runtime.getRuntime().availableProcessors(),
                Planners.LIMIT);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public AgentStream answer(AgentRequest request, AgentListener listener) {
        if (words(request.question()) > MAX_WORDS) {
            listener.onFailure(AgentFailure.of(ErrorCode.TOO_LARGE, "The question has more than " + MAX_WORDS
                    + " words, the most the local agent reads; please ask in fewer words.", false));
            return () -> { };
        }
        KnowledgeIndex index = knowledge.current();
        if (index == null) {
            listener.onFailure(new AgentFailure(ErrorCode.BUSY,
                    "The knowledge base is still being indexed; ask again in a few seconds.", true, 2_000L));
            return () -> { };
        }
        LocalAnswer answer = new LocalAnswer(vertx, planners, listener, paceMs);
        // Reading the question runs on the planner, never on the caller's event loop: the first question
        // initialises the classes that read it, and on a start under load the event loop waited 2 s for them.
        answer.start(steps -> plan(index, request, steps));
        return answer::cancel;
    }

    /**
     * A follow-up is searched as the standalone query the conversation rewrites it into; a first question is
     * searched as asked.
     */
    private AnswerPlan plan(KnowledgeIndex index, AgentRequest request, Consumer<TraceStep> steps) {
        String question = Asides.without(index, MessageText.normalise(request.question()));
        StandaloneQuery understood = StandaloneQuery.of(question, request.history());
        String previousAnswer = understood.followUp() ? request.history().get(request.history().size() - 1).answer()
                : "";
        return AnswerPlan.of(knowledge, index, question, understood, previousAnswer, steps);
    }

    /** The words of {@code text} as {@link #WORD} counts them, stopping once past {@link #MAX_WORDS}. */
    static int words(String text) {
        Matcher word = WORD.matcher(text);
        int count = 0;
        while (count <= MAX_WORDS && word.find()) {
            count++;
        }
        return count;
    }
}
