package dev.glassbox.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.feedback.AnsweredQuestion;
import dev.glassbox.core.feedback.FeedbackEntry;
import dev.glassbox.core.feedback.FeedbackStore;
import dev.glassbox.core.feedback.FeedbackStoreContract;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Feedback in DynamoDB through the real SDK client against dynalite, held to the same contract as the
 * local stores, and the cloud's report over it.
 */
class DynamoFeedbackStoreTest extends FeedbackStoreContract {
    private static Dynalite dynalite;
    private static int tables;

    @BeforeAll
    static void start() throws Exception {
        dynalite = Dynalite.startWithTable();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (dynalite != null) {
            dynalite.close();
        }
    }

    /** Each test gets an empty table: the report reads every entry. */
    @Override
    protected FeedbackStore store() {
        String table = "feedback-" + tables++;
        dynalite.createTable(table);
        return new DynamoFeedbackStore(dynalite.client, table);
    }

    @Test
    void answersLiveADayAndEntriesNinetyDays() {
        String table = "feedback-ttl";
        dynalite.createTable(table);
        DynamoFeedbackStore store = new DynamoFeedbackStore(dynalite.client, table);
        AnsweredQuestion answered = new AnsweredQuestion("s-1", "q1", "Why?", "Because.", List.of(), false);
        store.rememberAnswer(answered);
        store.record(FeedbackEntry.feedback(answered, "up", "", 1));
        long now = System.currentTimeMillis() / 1000;
        assertThat(expiresAt(table, "answered#s-1", "q1") - now).isBetween(86_000L, 86_400L);
        assertThat(expiresAt(table, "feedback", "feedback#s-1#q1") - now).isBetween(90L * 86_400 - 400, 90L * 86_400);
    }

    @Test
    void anExpiredAnswerIsNotFound() {
        String table = "feedback-expired";
        dynalite.createTable(table);
        dynalite.client.putItem(p -> p.tableName(table).item(Map.of("pk", AttributeValue.fromS("answered#s-1"),
                "sk", AttributeValue.fromS("q1"), "question", AttributeValue.fromS("Why?"),
                "answer", AttributeValue.fromS("Because."), "sources", AttributeValue.fromL(List.of()),
                "declined", AttributeValue.fromBool(false), DynamoStateStore.TTL, AttributeValue.fromN("1")))).join();
        assertThat(new DynamoFeedbackStore(dynalite.client, table).answer("s-1", "q1")).isEmpty();
    }

    private static long expiresAt(String table, String pk, String sk) {
        return Long.parseLong(dynalite.client.getItem(g -> g.tableName(table).key(Map.of("pk", AttributeValue.fromS(pk),
                "sk", AttributeValue.fromS(sk)))).join().item().get(DynamoStateStore.TTL).n());
    }

    @Test
    void theReportListsDeclinedQuestionsAndAnswersMarkedDownMostFrequentFirst() {
        dynalite.createTable("report");
        DynamoFeedbackStore store = new DynamoFeedbackStore(dynalite.client, "report");
        store.record(FeedbackEntry.decline(answered("s-1", "d1", "Does it run on Mars?", true), 1));
        store.record(FeedbackEntry.decline(answered("s-2", "d2", "does it run on  mars?", true), 2));
        store.record(FeedbackEntry.decline(answered("s-3", "d3", "Who wrote it?", true), 3));
        store.record(FeedbackEntry.feedback(answered("s-1", "a1", "What does it cost?", false), "down", "Wrong.", 4));
        store.record(FeedbackEntry.feedback(answered("s-2", "a2", "Is it fast?", false), "up", "", 5));

        Output report = run("report");

        assertThat(report.status).isZero();
        assertThat(report.out).startsWith("Feedback report from DynamoDB table report (5 entries)")
                .contains("Questions the agent declined (2)").contains("Answers marked down (1)")
                .contains("comment: Wrong.").doesNotContain("Is it fast?");
        assertThat(report.out.indexOf("2x  does it run on mars?"))
                .as("the question asked twice comes first").isLessThan(report.out.indexOf("1x  Who wrote it?"));
    }

    @Test
    void theReportSaysPlainlyWhenTheTableIsNotThere() {
        Output report = run("no-such-table");
        assertThat(report.status).isEqualTo(1);
        assertThat(report.err).as("named after the command, not the server")
                .startsWith("cloud-feedback-report: cannot read the feedback in DynamoDB table no-such-table");
        assertThat(report.out).isEmpty();
    }

    private record Output(int status, String out, String err) {
    }

    private static Output run(String table) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CloudFeedbackReport.run(dynalite.client, table, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Output(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static AnsweredQuestion answered(String session, String id, String question, boolean declined) {
        return new AnsweredQuestion(session, id, question, "An answer.", List.of("knowledge/costs.md"), declined);
    }
}
