package dev.glassbox.lambda;

import dev.glassbox.core.agent.ConversationTurn;
import dev.glassbox.core.conversation.ConversationStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Conversations in the state table, shared by every container. A conversation is one partition
 * ({@code pk = conv#<sessionId>}): a {@code session} item written when it starts and refreshed by each
 * turn, and one item per turn ({@code sk = turn#<time>#<random>}), each with {@code expiresAt} for the
 * table's time to live. One query, newest first, reads the last turns; older turns are never read and
 * expire. Reads ignore items past their time to live, as DynamoDB deletes them only eventually.
 */
public final class DynamoConversationStore implements ConversationStore {
    private static final String SESSION = "session";
    private static final String TURN = "turn#";

    private final DynamoDbAsyncClient dynamo;
    private final String table;
    private final LongSupplier clock;

    public DynamoConversationStore(DynamoDbAsyncClient dynamo, String table) {
        this(dynamo, table, System::currentTimeMillis);
    }

    public DynamoConversationStore(DynamoDbAsyncClient dynamo, String table, LongSupplier clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public void open(String sessionId) {
        Map<String, AttributeValue> item = new HashMap<>(key(sessionId, SESSION));
        item.put(DynamoStateStore.TTL, expiresAt(clock.getAsLong()));
        dynamo.putItem(p -> p.tableName(table).item(item)).join();
    }

    @Override
    public Optional<List<ConversationTurn>> turns(String sessionId) {
        long nowS = clock.getAsLong() / 1000;
        List<Map<String, AttributeValue>> items = dynamo.query(q -> q.tableName(table)
                .keyConditionExpression("pk = :pk")
                .filterExpression("#ttl > :now")
                .expressionAttributeNames(Map.of("#ttl", DynamoStateStore.TTL))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk(sessionId)),
                        ":now", AttributeValue.fromN(String.valueOf(nowS))))
                .scanIndexForward(false) // turns newest first; "session" sorts before "turn#", so last
                .limit(MAX_TURNS + 1)
                .consistentRead(true)).join().items();
        if (items.isEmpty()) {
            return Optional.empty();
        }
        List<ConversationTurn> turns = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            if (item.get("sk").s().startsWith(TURN) && turns.size() < MAX_TURNS) {
                turns.add(0, new ConversationTurn(item.get("question").s(), item.get("answer").s()));
            }
        }
        return Optional.of(turns);
    }

    @Override
    public void append(String sessionId, ConversationTurn turn) {
        long now = clock.getAsLong();
        try {
            // Refreshes the conversation's expiry, and only if it is kept: no turns under an id never opened.
            dynamo.updateItem(u -> u.tableName(table).key(key(sessionId, SESSION))
                    .updateExpression("SET #ttl = :ttl")
                    .conditionExpression("attribute_exists(pk) AND #ttl > :now")
                    .expressionAttributeNames(Map.of("#ttl", DynamoStateStore.TTL))
                    .expressionAttributeValues(Map.of(":ttl", expiresAt(now),
                            ":now", AttributeValue.fromN(String.valueOf(now / 1000))))).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ConditionalCheckFailedException) {
                return;
            }
            throw e;
        }
        ConversationTurn kept = ConversationStore.bounded(turn);
        Map<String, AttributeValue> item = new HashMap<>(key(sessionId,
                String.format("%s%013d#%08x", TURN, now, ThreadLocalRandom.current().nextInt())));
        item.put("question", AttributeValue.fromS(kept.question()));
        item.put("answer", AttributeValue.fromS(kept.answer()));
        item.put(DynamoStateStore.TTL, expiresAt(now));
        dynamo.putItem(p -> p.tableName(table).item(item)).join();
    }

    private static AttributeValue expiresAt(long nowMs) {
        return AttributeValue.fromN(String.valueOf((nowMs + EXPIRY_MS) / 1000));
    }

    private static String pk(String sessionId) {
        return "conv#" + sessionId;
    }

    private static Map<String, AttributeValue> key(String sessionId, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk(sessionId)), "sk", AttributeValue.fromS(sk));
    }
}
