package dev.glassbox.lambda;

import dev.glassbox.core.feedback.AnsweredQuestion;
import dev.glassbox.core.feedback.FeedbackEntry;
import dev.glassbox.core.feedback.FeedbackStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Feedback in the state table: each finished answer for a day ({@code answered#<session>}), and the
 * entries for 90 days under one key ({@code feedback}, sorted by kind, session and answer, so a
 * repeat overwrites). Both expire through the table's time to live; reads skip expired items.
 * Feedback is rare, so one partition carries it; the report reads at most {@link #MAX_ENTRIES}.
 */
public final class DynamoFeedbackStore implements FeedbackStore {
    static final long ANSWER_TTL_S = 24 * 60 * 60;
    static final long ENTRY_TTL_S = 90L * 24 * 60 * 60;
    static final int MAX_ENTRIES = 10_000;
    private static final String ENTRIES = "feedback";

    private final DynamoDbAsyncClient dynamo;
    private final String table;

    public DynamoFeedbackStore(DynamoDbAsyncClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void rememberAnswer(AnsweredQuestion answered) {
        put("answered#" + answered.sessionId(), answered.answerId(), ANSWER_TTL_S, Map.of(
                "question", s(answered.question()),
                "answer", s(answered.answer()),
                "sources", list(answered.sources()),
                "declined", AttributeValue.fromBool(answered.declined())));
    }

    @Override
    public Optional<AnsweredQuestion> answer(String sessionId, String answerId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                .key(key("answered#" + sessionId, answerId)).consistentRead(true)).join().item();
        if (item == null || item.isEmpty() || expired(item)) {
            return Optional.empty();
        }
        return Optional.of(new AnsweredQuestion(sessionId, answerId, item.get("question").s(),
                item.get("answer").s(), strings(item.get("sources")), item.get("declined").bool()));
    }

    @Override
    public void record(FeedbackEntry entry) {
        Map<String, AttributeValue> attributes = new HashMap<>();
        attributes.put("kind", s(entry.kind()));
        attributes.put("sessionId", s(entry.sessionId()));
        attributes.put("answerId", s(entry.answerId()));
        if (entry.verdict() != null) {
            attributes.put("verdict", s(entry.verdict()));
        }
        attributes.put("comment", s(entry.comment()));
        attributes.put("question", s(entry.question()));
        attributes.put("answer", s(entry.answer()));
        attributes.put("sources", list(entry.sources()));
        attributes.put("atMs", AttributeValue.fromN(String.valueOf(entry.atMs())));
        put(ENTRIES, entry.kind() + "#" + entry.sessionId() + "#" + entry.answerId(), ENTRY_TTL_S, attributes);
    }

    @Override
    public List<FeedbackEntry> entries() {
        List<FeedbackEntry> entries = new ArrayList<>();
        Map<String, AttributeValue> from = null;
        do {
            Map<String, AttributeValue> start = from;
            QueryResponse page = dynamo.query(q -> q.tableName(table)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(ENTRIES)))
                    .exclusiveStartKey(start)).join();
            page.items().stream().filter(item -> !expired(item)).map(DynamoFeedbackStore::entry).forEach(entries::add);
            from = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (from != null && entries.size() < MAX_ENTRIES);
        entries.sort(java.util.Comparator.comparingLong(FeedbackEntry::atMs));
        return entries;
    }

    private static FeedbackEntry entry(Map<String, AttributeValue> item) {
        AttributeValue verdict = item.get("verdict");
        return new FeedbackEntry(item.get("kind").s(), item.get("sessionId").s(), item.get("answerId").s(),
                verdict == null ? null : verdict.s(), item.get("comment").s(), item.get("question").s(),
                item.get("answer").s(), strings(item.get("sources")), Long.parseLong(item.get("atMs").n()));
    }

    private void put(String pk, String sk, long ttlSeconds, Map<String, AttributeValue> attributes) {
        Map<String, AttributeValue> item = new HashMap<>(attributes);
        item.putAll(key(pk, sk));
        item.put(DynamoStateStore.TTL, AttributeValue.fromN(String.valueOf(System.currentTimeMillis() / 1000
                + ttlSeconds)));
        dynamo.putItem(p -> p.tableName(table).item(item)).join();
    }

    private static boolean expired(Map<String, AttributeValue> item) {
        AttributeValue expires = item.get(DynamoStateStore.TTL);
        return expires != null && Long.parseLong(expires.n()) < System.currentTimeMillis() / 1000;
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue list(List<String> values) {
        return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
    }

    private static List<String> strings(AttributeValue list) {
        return list == null ? List.of() : list.l().stream().map(AttributeValue::s).toList();
    }
}
