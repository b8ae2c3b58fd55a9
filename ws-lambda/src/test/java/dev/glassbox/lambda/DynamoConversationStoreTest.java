package dev.glassbox.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.agent.ConversationTurn;
import dev.glassbox.core.conversation.ConversationStore;
import dev.glassbox.core.conversation.ConversationStoreContract;
import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The conversation contract through the real SDK client against dynalite, a real DynamoDB implementation. */
class DynamoConversationStoreTest extends ConversationStoreContract {
    private static Dynalite dynalite;

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

    @Override
    protected ConversationStore store(LongSupplier clock) {
        return new DynamoConversationStore(dynalite.client, Dynalite.TABLE, clock);
    }

    @Test
    void everyItemCarriesItsTimeToLive() {
        ConversationStore store = new DynamoConversationStore(dynalite.client, Dynalite.TABLE);
        store.open("s-ttl");
        store.append("s-ttl", new ConversationTurn("q", "a"));
        long now = System.currentTimeMillis() / 1000;
        var items = dynalite.client.scan(s -> s.tableName(Dynalite.TABLE).filterExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("conv#s-ttl")))).join().items();
        assertThat(items).hasSize(2).allSatisfy(item -> assertThat(Long.parseLong(item.get(DynamoStateStore.TTL).n()))
                .isGreaterThan(now + ConversationStore.EXPIRY_MS / 1000 - 60));
    }
}
