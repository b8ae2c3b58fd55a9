package dev.glassbox.server.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.feedback.AnsweredQuestion;
import dev.glassbox.core.feedback.FeedbackEntry;
import dev.glassbox.core.feedback.FeedbackStore;
import dev.glassbox.core.feedback.FeedbackStoreContract;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesFeedbackStoreTest extends FeedbackStoreContract {
    @TempDir
    Path folder;

    @Override
    protected FeedbackStore store() {
        return new JsonLinesFeedbackStore(folder, 1024 * 1024);
    }

    private static FeedbackEntry down(String id, String comment) {
        return FeedbackEntry.feedback(new AnsweredQuestion("s-1", id, "Why " + id + "?", "Because.", List.of("a.md"),
                false), "down", comment, System.currentTimeMillis());
    }

    @Test
    void entriesSurviveARestartAndEachIsOneLine() throws Exception {
        new JsonLinesFeedbackStore(folder, 1024 * 1024).record(down("q1", "line\nbreak"));
        assertThat(Files.readAllLines(folder.resolve("feedback.jsonl"))).hasSize(1);
        assertThat(new JsonLinesFeedbackStore(folder, 1024 * 1024).entries()).extracting(FeedbackEntry::comment)
                .containsExactly("line\nbreak");
    }

    @Test
    void pastItsSizeTheFileRollsOverAndOnlyTwoFilesAreKept() throws Exception {
        JsonLinesFeedbackStore store = new JsonLinesFeedbackStore(folder, 600);
        for (int i = 0; i < 12; i++) {
            store.record(down("q" + i, "x".repeat(100)));
        }
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("feedback.jsonl",
                    "feedback.jsonl.1");
        }
        assertThat(Files.size(folder.resolve("feedback.jsonl"))).isLessThanOrEqualTo(600);
        assertThat(Files.size(folder.resolve("feedback.jsonl.1"))).isLessThanOrEqualTo(600);
        List<FeedbackEntry> kept = store.entries();
        assertThat(kept).as("the oldest went first").isNotEmpty().hasSizeLessThan(12);
        assertThat(kept.get(kept.size() - 1).answerId()).isEqualTo("q11");
    }

    @Test
    void onlyADeclinedAnswerIsWrittenToTheFileAsItEnds() throws Exception {
        JsonLinesFeedbackStore store = new JsonLinesFeedbackStore(folder, 1024 * 1024);
        AnsweredQuestion answered = new AnsweredQuestion("s-1", "q1", "Why?", "Because.", List.of("a.md"), false);
        store.rememberAnswer(answered);
        assertThat(Files.exists(folder.resolve("feedback.jsonl"))).as("an answer is remembered in memory").isFalse();
        assertThat(store.mayBlock(answered)).isFalse();
        assertThat(store.mayBlock(new AnsweredQuestion("s-1", "q2", "Who?", "I will not guess.", List.of(), true)))
                .as("a decline is appended to the file: kept off the event loop").isTrue();
    }

    @Test
    void aTornOrEditedLineIsSkipped() throws Exception {
        JsonLinesFeedbackStore store = new JsonLinesFeedbackStore(folder, 1024 * 1024);
        store.record(down("q1", ""));
        Files.writeString(folder.resolve("feedback.jsonl"), "{\"kind\":\"feedb\nnot json\n",
                StandardOpenOption.APPEND);
        store.record(down("q2", ""));
        assertThat(store.entries()).extracting(FeedbackEntry::answerId).containsExactly("q1", "q2");
    }

    @Test
    void theReportCommandListsWhatWasMarkedDown() {
        JsonLinesFeedbackStore store = new JsonLinesFeedbackStore(folder, 1024 * 1024);
        store.record(down("q1", "Wrong."));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = FeedbackReportCommand.run(Map.of("GLASSBOX_CACHE_DIR", folder.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Answers marked down (1)").contains("1x  Why q1?")
                .contains("comment: Wrong.").contains("Questions the agent declined (0)");
    }
}
