package dev.glassbox.server.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.agent.ConversationTurn;
import dev.glassbox.core.agent.TraceStep;
import dev.glassbox.core.rag.StandaloneQuery;
import dev.glassbox.server.local.knowledge.RepositoryKnowledge;
import dev.glassbox.server.local.understanding.MessageText;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The trace of a local answer tells what the answer did, over the first question of every quality case. */
class AnswerPlanTest {
    @AutoClose
    private static final RepositoryKnowledge REPOSITORY = RepositoryKnowledge.start();

    @Test
    void theSelectionStepCallsQuotedExactlyThePassagesTheAnswerCites() throws Exception {
        List<String> untrue = new ArrayList<>();
        int partlyQuoted = 0;
        int fromReserve = 0;
        for (JsonObject c : AnswerQualityTest.cases()) {
            String question = MessageText.normalise(c.getJsonArray("turns").getJsonObject(0).getString("ask"));
            List<TraceStep> steps = new ArrayList<>();
            AnswerPlan.of(REPOSITORY.knowledge(), REPOSITORY.index(), question, new StandaloneQuery(question, false), "",
                    steps::add);
            TraceStep selection = step(steps, TraceStep.Kind.SELECTION);
            if (selection == null) {
                continue; // declined or small talk: nothing was selected
            }
            List<?> chosen = (List<?>) selection.details().get("chosen");
            Set<Object> cited = chosen.stream().map(row -> ((Map<?, ?>) row).get("reference"))
                    .collect(Collectors.toSet());
            for (Object row : (List<?>) selection.details().get("passages")) {
                Map<?, ?> passage = (Map<?, ?>) row;
                String verdict = (String) passage.get("verdict");
                if (verdict.startsWith("quoted") != cited.contains(passage.get("reference"))) {
                    untrue.add(question + ": [" + passage.get("reference") + "] " + verdict);
                }
                partlyQuoted += verdict.contains("none of its sentences was picked") ? 1 : 0;
                if (verdict.contains("held in reserve")) {
                    // Quoted after all: for the reason its quoted sentence gives, not one the choice made up.
                    fromReserve++;
                    Object why = chosen.stream().map(r -> (Map<?, ?>) r)
                            .filter(r -> r.get("reference").equals(passage.get("reference"))).findFirst()
                            .map(r -> r.get("why")).orElse(null);
                    if (why == null || !verdict.endsWith("picked: " + why)) {
                        untrue.add(question + ": [" + passage.get("reference") + "] " + verdict);
                    }
                }
            }
            String passages = cited.size() + (cited.size() == 1 ? " passage and " : " passages and ");
            assertThat(selection.title()).as(question).startsWith("Chose " + passages);
            assertThat(step(steps, TraceStep.Kind.COMPOSITION).details().get("passages")).as(question)
                    .isEqualTo(cited.size());
        }
        assertThat(untrue).as("verdicts the answer contradicts").isEmpty();
        assertThat(partlyQuoted).as("passages chosen but left unquoted, the case this checks").isPositive();
        assertThat(fromReserve).as("passages held in reserve but quoted, the other case this checks").isPositive();
    }

    @Test
    void theUnderstandingStepShowsTheVisitorsWordsTheDeedAndWhatItStoodFor() {
        Map<String, Object> read = understanding("How do I rename the Google session?", List.of());
        assertThat(read.get("terms")).asList().contains("googl");
        assertThat(read.get("keyWords")).asList().contains("google").doesNotContain("googl");
        assertThat(read.get("deed")).isEqualTo("how to rename the Google session");
        assertThat(read).doesNotContainKey("meant");
        Map<String, Object> followUp = understanding("How do I run it?", List.of("Amazon Nova Lite"));
        assertThat(followUp.get("meant")).isEqualTo(List.of("Amazon Nova Lite"));
    }

    @Test
    void aFollowUpAskedAnewHearsAgainWhatThePreviousAnswerSaidAboutWhatItAsks() {
        String previous = "An answer on the local server may run at most 120 seconds. [1] In the cloud, the stream "
                + "worker may run an answer for about 295 seconds. [1] On Lambda it ends 5 seconds early. [2]";
        assertThat(AnswerPlan.notAbout(REPOSITORY.index(), previous, REPOSITORY.index().terms("cloud aws lambda"),
                List.of()))
                .as("a place counts by any of its names").isEqualTo("An answer on the local server may run at most "
                        + "120 seconds.");
    }

    @Test
    void aFollowUpThatNamesWhatItAsksMayBeAnsweredByASentenceThePreviousAnswerQuoted() {
        String first = "Which Lambda runtime do the functions use?";
        String previous = "The cloud path has two Lambda functions because API Gateway waits at most 29 seconds for a "
                + "route's integration and an answer can take longer. [1] The stream worker and the route handler run on "
                + "Lambda's java21 runtime on arm64, the worker with 1,024 MB of memory and a 300-second timeout, the "
                + "handler with 512 MB and a 10-second timeout. [1]";
        assertThat(answer("on which architecture?", first, previous)).as("the docs state the runtime and its "
                + "architecture in one sentence").contains("arm64");
    }

    private static String answer(String question, String first, String previous) {
        StandaloneQuery understood = StandaloneQuery.of(question, List.of(new ConversationTurn(first, previous)));
        AnswerPlan plan = AnswerPlan.of(REPOSITORY.knowledge(), REPOSITORY.index(), question, understood, previous,
                step -> { });
        return plan.pieces().stream().map(AnswerPlan.Piece::text).collect(Collectors.joining());
    }

    private static Map<String, Object> understanding(String question, List<String> meant) {
        List<TraceStep> steps = new ArrayList<>();
        AnswerPlan.of(REPOSITORY.knowledge(), REPOSITORY.index(), question,
                new StandaloneQuery(question, !meant.isEmpty(), meant), "", steps::add);
        return step(steps, TraceStep.Kind.UNDERSTANDING).details();
    }

    private static TraceStep step(List<TraceStep> steps, TraceStep.Kind kind) {
        return steps.stream().filter(s -> s.kind() == kind).findFirst().orElse(null);
    }
}
