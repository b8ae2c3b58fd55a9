package dev.glassbox.server.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Questions embedded many at once: batched, cached, each answered with its own vector. */
class EmbedderTest {
    private static Embedder embedder;

    @BeforeAll
    static void loadModel() {
        embedder = new Embedder();
    }

    @Test
    void questionsThatArriveTogetherEachGetTheVectorTheyWouldGetAlone() throws Exception {
        List<String> questions = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            questions.add("How many tokens does answer number " + i + " stream per second?");
        }
        Embedder fresh = new Embedder();
        List<CompletableFuture<float[]>> together = new ArrayList<>();
        for (String question : questions) {
            together.add(fresh.embedQuestion(question));
        }
        Embedder alone = new Embedder();
        for (int i = 0; i < questions.size(); i++) {
            float[] expected = alone.embedAll(List.of(Embedder.normalise(questions.get(i)))).get(0);
            assertThat(together.get(i).get(60, TimeUnit.SECONDS)).as(questions.get(i)).containsExactly(expected);
        }
        // The first question starts a batch alone; the rest arrive while the model is busy with it.
        assertThat(fresh.batches()).as("batches for 40 questions asked at once").isLessThanOrEqualTo(10);
        assertThat(fresh.modelRuns()).isEqualTo(questions.size());
    }

    @Test
    void aRepeatedQuestionIsAnsweredFromTheCacheWhateverItsCaseAndSpacing() {
        float[] first = embedder.embed("What does Glassbox cost per month?");
        long runs = embedder.modelRuns();
        float[] again = embedder.embed("  what does  GLASSBOX cost\tper month?\n");
        assertThat(embedder.modelRuns()).as("no model run for a repeat").isEqualTo(runs);
        assertThat(again).containsExactly(first);
        double norm = 0;
        for (float v : again) {
            norm += v * v;
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void theCacheKeepsOnlyTheMostRecentQuestions() {
        int kept = 16;
        Embedder small = new Embedder(kept);
        String oldest = "question number 0";
        small.embed(oldest);
        for (int i = 1; i <= kept; i++) {
            small.embed("question number " + i);
        }
        long runs = small.modelRuns();
        small.embed("question number " + kept);
        assertThat(small.modelRuns()).as("the newest is still kept").isEqualTo(runs);
        small.embed(oldest);
        assertThat(small.modelRuns()).as("the oldest was forgotten").isEqualTo(runs + 1);
    }

    @Test
    void aQuestionTheModelRefusesFailsAloneAndTheOthersInItsBatchAreAnswered() throws Exception {
        List<CompletableFuture<float[]>> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add(embedder.embedQuestion("a fine question about costs " + i));
        }
        CompletableFuture<float[]> refused = embedder.embedQuestion("\uFFFD");
        for (CompletableFuture<float[]> answer : answers) {
            assertThat(answer.get(60, TimeUnit.SECONDS)).hasSize(Embedder.DIMENSION);
        }
        assertThatThrownBy(() -> refused.get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(RuntimeException.class);
    }
}
