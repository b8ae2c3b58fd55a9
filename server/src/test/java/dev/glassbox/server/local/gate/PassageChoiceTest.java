package dev.glassbox.server.local.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.server.local.knowledge.Passage;
import dev.glassbox.server.local.knowledge.RepositoryKnowledge;
import dev.glassbox.server.local.knowledge.Retrieval;
import dev.glassbox.server.local.understanding.Understanding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which retrieved passage is quoted first, over a small knowledge folder indexed by the real knowledge base. */
class PassageChoiceTest {
    /**
     * Two passages that share the question's words but one: the word it asks about ("architecture") is only the
     * title of the file whose passage does not answer.
     */
    private static final Map<String, String> FILES = Map.of("architecture.md", """
            # Architecture

            ## Logging

            The Lambda functions write each log line at once, and a warning about the CUDA runtime is dropped.
            """, "stack.md", """
            # Stack

            ## The deployed functions

            The Lambda functions run on the java21 runtime on arm64 CPUs.
            """);
    @TempDir
    static Path folder;
    @AutoClose
    private static RepositoryKnowledge small;

    @BeforeAll
    static void index() throws Exception {
        Path docs = folder.resolve("knowledge");
        for (Map.Entry<String, String> file : FILES.entrySet()) {
            Files.createDirectories(docs);
            Files.writeString(docs.resolve(file.getKey()), file.getValue());
        }
        small = RepositoryKnowledge.start(docs, folder.resolve("cache"));
    }

    @Test
    void aWordOfTheQuestionThatIsOnlyTheFilesTitleDoesNotMakeAPassageTheBest() {
        String question = "Which runtime and CPU architecture do the Lambda functions use?";
        Understanding understanding = Understanding.of(small.index(), question, question, false);
        Retrieval retrieval = small.knowledge().retrieve(small.index(), question);
        List<Passage> retrieved = retrieval.passages();
        // Equally similar, the logging passage listed first: only the words they contain tell them apart.
        List<Passage> passages = List.of(equally(retrieved, "Logging"), equally(retrieved, "The deployed functions"));
        PassageChoice choice = PassageChoice.of(small.index(), understanding, retrieval.asked(), passages, "");
        assertThat(choice.sources().get(0).passage().chunk().title()).endsWith("The deployed functions");
    }

    @Test
    void aDeclineNamesTheWordOfTheQuestionsPointThatTheClosestPassageLacks() {
        String question = "What is the salary of the Lambda functions?";
        Understanding understanding = Understanding.of(small.index(), question, question, false);
        Retrieval retrieval = small.knowledge().retrieve(small.index(), question);
        List<Passage> passages = List.of(equally(retrieval.passages(), "The deployed functions"));
        PassageChoice choice = PassageChoice.of(small.index(), understanding, retrieval.asked(), passages, "");
        assertThat(choice.sources()).isEmpty();
        assertThat(choice.declineReason()).startsWith("the closest passage contains only").endsWith("it lacks \"salary\"");
    }

    private static Passage equally(List<Passage> retrieved, String heading) {
        Passage passage = retrieved.stream().filter(p -> p.chunk().title().endsWith(heading)).findFirst()
                .orElseThrow();
        double[] pieces = new double[passage.pieces().size()];
        java.util.Arrays.fill(pieces, 0.2);
        return new Passage(passage.chunk(), 0.4, 1, 1, 1, passage.pieces(), pieces);
    }
}
