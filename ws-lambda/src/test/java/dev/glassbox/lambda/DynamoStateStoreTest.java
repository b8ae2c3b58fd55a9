package dev.glassbox.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.testing.NodeServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The DynamoDB store through the real SDK client against dynalite, a real DynamoDB implementation
 * (npm, installed in test-tools by .ci/run) started by the test.
 */
class DynamoStateStoreTest extends StateStoreContract {
    private static final String TABLE = "glassbox-state";
    private static NodeServer dynalite;
    private static DynamoDbAsyncClient client;
    private static DynamoStateStore store;

    @BeforeAll
    static void start() throws Exception {
        dynalite = NodeServer.start("dynalite/cli.js",
                port -> List.of("--port", String.valueOf(port), "--createTableMs", "0"));
        client = DynamoDbAsyncClient.builder().endpointOverride(dynalite.endpoint()).build();
        client.createTable(t -> t.tableName(TABLE).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH),
                        k -> k.attributeName("sk").keyType(KeyType.RANGE))).join();
        store = new DynamoStateStore(client, TABLE);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (client != null) {
            client.close();
        }
        if (dynalite != null) {
            dynalite.close();
        }
    }

    @Override
    StateStore store() {
        return store;
    }

    @Test
    void everyItemCarriesItsTimeToLive() {
        store.connected("c-ttl", "198.51.100.1");
        store.requestCancel("c-ttl", "a");
        store.keepFinalEvent("s-ttl", "a", "{}");
        store.addSpend(0.1);
        store.tryAsk("ttl", 5, 1_000);
        store.answerStarted("c-ttl", "b");
        long now = System.currentTimeMillis() / 1000;
        var items = client.scan(s -> s.tableName(TABLE)).join().items();
        assertThat(items).isNotEmpty().allSatisfy(item -> assertThat(Long.parseLong(item.get(DynamoStateStore.TTL).n()))
                .as("expiresAt of %s", item.get("pk").s()).isGreaterThan(now));
    }
}
