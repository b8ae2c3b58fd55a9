package dev.glassbox.lambda;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * State in one DynamoDB table (keys {@code pk} and {@code sk}), shared by every container. Every
 * item carries {@code expiresAt} for the table's time to live, and reads ignore items past it,
 * because DynamoDB deletes expired items only eventually.
 */
public final class DynamoStateStore implements StateStore {
    static final String TTL = "expiresAt";
    private static final long CONNECTION_TTL_S = 2 * 60 * 60;
    private static final long ANSWER_TTL_S = 15 * 60;
    private static final long FINAL_EVENT_TTL_S = 10 * 60;
    private static final long SPEND_TTL_S = 2 * 24 * 60 * 60;

    private final DynamoDbAsyncClient dynamo;
    private final String table;

    public DynamoStateStore(DynamoDbAsyncClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The client, shared with the feedback store that keeps its items in the same table. */
    DynamoDbAsyncClient client() {
        return dynamo;
    }

    @Override
    public void connected(String connectionId, String sourceIp) {
        put("conn#" + connectionId, "meta", CONNECTION_TTL_S, Map.of("sourceIp", s(sourceIp)));
    }

    @Override
    public void disconnected(String connectionId) {
        delete("conn#" + connectionId, "meta");
    }

    /** A fixed window of {@code burst * refillMs}: at most {@code burst} asks in it. */
    @Override
    public long tryAsk(String key, int burst, long refillMs) {
        long windowMs = burst * refillMs;
        long now = System.currentTimeMillis();
        long window = now / windowMs;
        long count = Long.parseLong(dynamo.updateItem(u -> u.tableName(table)
                .key(key("rate#" + key, String.valueOf(window)))
                .updateExpression("ADD #count :one SET #ttl = :ttl")
                .expressionAttributeNames(Map.of("#count", "count", "#ttl", TTL))
                .expressionAttributeValues(Map.of(":one", n(1), ":ttl", n(now / 1000 + windowMs / 1000 + 60)))
                .returnValues(ReturnValue.UPDATED_NEW)).join().attributes().get("count").n());
        return count <= burst ? 0 : (window + 1) * windowMs - now;
    }

    @Override
    public int answerStarted(String connectionId, String answerId) {
        put("conn#" + connectionId, "answer#" + answerId, ANSWER_TTL_S, Map.of());
        long nowS = System.currentTimeMillis() / 1000;
        return dynamo.query(q -> q.tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :answers)")
                .filterExpression("#ttl > :now")
                .expressionAttributeNames(Map.of("#ttl", TTL))
                .expressionAttributeValues(Map.of(":pk", s("conn#" + connectionId), ":answers", s("answer#"),
                        ":now", n(nowS)))).join().count();
    }

    @Override
    public void answerEnded(String connectionId, String answerId) {
        delete("conn#" + connectionId, "answer#" + answerId);
    }

    @Override
    public boolean answerRuns(String connectionId, String answerId) {
        return get("conn#" + connectionId, "answer#" + answerId).isPresent();
    }

    @Override
    public void flag(String connectionId, String answerId, Flag flag) {
        put("conn#" + connectionId, flag.prefix + answerId, flag.ttlSeconds, Map.of());
    }

    @Override
    public boolean flagged(String connectionId, String answerId, Flag flag) {
        return get("conn#" + connectionId, flag.prefix + answerId).isPresent();
    }

    @Override
    public void answerRunning(String sessionId, String answerId, String connectionId) {
        put("live#" + sessionId, answerId, ANSWER_TTL_S, Map.of("connectionId", s(connectionId), "after", n(-1),
                "generation", n(0)));
    }

    /** One conditional update: a resume racing the answer's end either moves the watcher or finds nothing. */
    @Override
    public boolean watch(String sessionId, String answerId, String connectionId, long after) {
        return conditionHeld(() -> dynamo.updateItem(u -> u.tableName(table).key(key("live#" + sessionId, answerId))
                .updateExpression("SET connectionId = :connection, #after = :after ADD generation :one")
                .conditionExpression("attribute_exists(pk) AND #ttl > :now")
                .expressionAttributeNames(Map.of("#after", "after", "#ttl", TTL))
                .expressionAttributeValues(Map.of(":connection", s(connectionId), ":after", n(after),
                        ":one", n(1), ":now", n(System.currentTimeMillis() / 1000)))));
    }

    @Override
    public Optional<Watcher> watcher(String sessionId, String answerId) {
        return get("live#" + sessionId, answerId).map(item -> new Watcher(item.get("connectionId").s(),
                Long.parseLong(item.get("after").n()), Long.parseLong(item.get("generation").n())));
    }

    @Override
    public boolean answerFinished(String sessionId, String answerId, long generation) {
        return conditionHeld(() -> dynamo.deleteItem(d -> d.tableName(table).key(key("live#" + sessionId, answerId))
                .conditionExpression("attribute_not_exists(pk) OR generation = :generation OR #ttl < :now")
                .expressionAttributeNames(Map.of("#ttl", TTL))
                .expressionAttributeValues(Map.of(":generation", n(generation),
                        ":now", n(System.currentTimeMillis() / 1000)))));
    }

    /** Runs a conditional write; false when its condition did not hold and nothing was written. */
    private static boolean conditionHeld(Supplier<CompletableFuture<?>> write) {
        try {
            write.get().join();
            return true;
        } catch (CompletionException e) {
            if (e.getCause() instanceof ConditionalCheckFailedException) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void keepFinalEvent(String sessionId, String answerId, String frame) {
        put("done#" + sessionId, answerId, FINAL_EVENT_TTL_S, Map.of("frame", s(frame)));
    }

    @Override
    public Optional<String> finalEvent(String sessionId, String answerId) {
        return get("done#" + sessionId, answerId).map(item -> item.get("frame").s());
    }

    @Override
    public void addSpend(double usd) {
        long nowS = System.currentTimeMillis() / 1000;
        dynamo.updateItem(u -> u.tableName(table).key(key("spend", today()))
                .updateExpression("ADD usd :usd SET #ttl = :ttl")
                .expressionAttributeNames(Map.of("#ttl", TTL))
                .expressionAttributeValues(Map.of(":usd", AttributeValue.fromN(String.valueOf(usd)),
                        ":ttl", n(nowS + SPEND_TTL_S)))).join();
    }

    @Override
    public double spentToday() {
        return get("spend", today()).map(item -> Double.parseDouble(item.get("usd").n())).orElse(0.0);
    }

    private void put(String pk, String sk, long ttlSeconds, Map<String, AttributeValue> attributes) {
        Map<String, AttributeValue> item = new HashMap<>(attributes);
        item.putAll(key(pk, sk));
        item.put(TTL, n(System.currentTimeMillis() / 1000 + ttlSeconds));
        dynamo.putItem(p -> p.tableName(table).item(item)).join();
    }

    private void delete(String pk, String sk) {
        dynamo.deleteItem(d -> d.tableName(table).key(key(pk, sk))).join();
    }

    /** The item, unless absent or past its time to live. */
    private Optional<Map<String, AttributeValue>> get(String pk, String sk) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(key(pk, sk)).consistentRead(true))
                .join().item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        AttributeValue expires = item.get(TTL);
        boolean expired = expires != null && Long.parseLong(expires.n()) < System.currentTimeMillis() / 1000;
        return expired ? Optional.empty() : Optional.of(item);
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    private static String today() {
        return LocalDate.now(ZoneOffset.UTC).toString();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(String.valueOf(value));
    }
}
