package dev.glassbox.server.local.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Questions embedded many at once: each answered with its own vector, repeats and duplicates embedded once. */
class EmbedderTest {
    private static Embedder embedder;

    @BeforeAll
    static void loadModel() {
        embedder = new Embedder();
    }

    @Test
    void questionsAskedTogetherEachGetTheVectorTheyWouldGetAloneAndTheSameQuestionRunsTheModelOnce()
            throws Exception {
        List<String> questions = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            questions.add("How many tokens does answer number " + i + " stream per second?");
        }
        Embedder fresh = new Embedder();
        ExecutorService askers = Executors.newFixedThreadPool(8);
        List<Future<float[]>> together = new ArrayList<>();
        try {
            // Each question asked by two threads at once, in different spellings.
            for (String question : questions) {
                together.add(askers.submit(() -> fresh.embed(question)));
                together.add(askers.submit(() -> fresh.embed("  " + question.toUpperCase(Locale.ROOT))));
            }
            Embedder alone = new Embedder();
            for (int i = 0; i < together.size(); i++) {
                String question = questions.get(i / 2);
                float[] expected = alone.embedAll(List.of(Embedder.normalise(question))).get(0);
                assertThat(together.get(i).get(60, TimeUnit.SECONDS)).as(question).containsExactly(expected);
            }
        } finally {
            askers.shutdownNow();
        }
        assertThat(fresh.modelRuns()).as("one model run per distinct question").isEqualTo(questions.size());
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
    void aTextWithNoTokenMeansNothingAndTheOthersAreAnswered() throws Exception {
        ExecutorService askers = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String question = "a fine question about costs " + i;
                answers.add(askers.submit(() -> embedder.embed(question)));
            }
            // U+FFFD and Thai tone marks leave the tokenizer nothing; the model refuses such text
            Future<float[]> nothing = askers.submit(() -> embedder.embed("\u0e48\u0e48\u0e48"));
            for (Future<float[]> answer : answers) {
                assertThat(answer.get(60, TimeUnit.SECONDS)).hasSize(Embedder.DIMENSION);
            }
            assertThat(nothing.get(60, TimeUnit.SECONDS)).containsOnly(0f).hasSize(Embedder.DIMENSION);
            assertThat(embedder.embed("\uFFFD")).containsOnly(0f).hasSize(Embedder.DIMENSION);
        } finally {
            askers.shutdownNow();
        }
    }
}
