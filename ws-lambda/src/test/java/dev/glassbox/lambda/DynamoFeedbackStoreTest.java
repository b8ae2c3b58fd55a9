package dev.glassbox.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.feedback.AnsweredQuestion;
import dev.glassbox.core.feedback.FeedbackEntry;
import dev.glassbox.core.feedback.FeedbackStore;
import dev.glassbox.core.feedback.FeedbackStoreContract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Feedback in DynamoDB through the real SDK client against dynalite, held to the same contract as the local stores. */
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
}
