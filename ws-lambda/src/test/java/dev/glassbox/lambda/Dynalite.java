package dev.glassbox.lambda;

import dev.glassbox.core.testing.NodeServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** dynalite, a real DynamoDB implementation, with the state table shaped as the stack creates it. */
public final class Dynalite implements AutoCloseable {
    public static final String TABLE = "glassbox-state";

    private final NodeServer server;
    public final DynamoDbAsyncClient client;

    private Dynalite(NodeServer server, DynamoDbAsyncClient client) {
        this.server = server;
        this.client = client;
    }

    public static Dynalite startWithTable() throws Exception {
        NodeServer server = NodeServer.start("dynalite/cli.js",
                port -> List.of("--port", String.valueOf(port), "--createTableMs", "0"));
        DynamoDbAsyncClient client = DynamoDbAsyncClient.builder().endpointOverride(server.endpoint()).build();
        Dynalite dynalite = new Dynalite(server, client);
        dynalite.createTable(TABLE);
        return dynalite;
    }

    /**
     * Another empty table shaped as the stack creates the state table, once it is active: dynalite answers the
     * create at once but makes the table usable a moment later (on a busy machine, after the test's first call).
     */
    public void createTable(String name) {
        client.createTable(t -> t.tableName(name).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH),
                        k -> k.attributeName("sk").keyType(KeyType.RANGE))).join();
        client.waiter().waitUntilTableExists(t -> t.tableName(name), wait -> wait
                .backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(20))).waitTimeout(Duration.ofSeconds(10)))
                .join();
    }

    public URI endpoint() {
        return server.endpoint();
    }

    @Override
    public void close() throws InterruptedException {
        client.close();
        server.close();
    }
}
