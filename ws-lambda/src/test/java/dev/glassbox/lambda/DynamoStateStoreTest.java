package dev.glassbox.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
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
    private static final Path DYNALITE = Path.of("..", "test-tools", "node_modules", "dynalite", "cli.js");
    private static final String TABLE = "glassbox-state";
    private static Process dynalite;
    private static DynamoDbAsyncClient client;
    private static DynamoStateStore store;

    @BeforeAll
    static void start() throws Exception {
        if (!Files.exists(DYNALITE)) {
            String reason = "dynalite is not installed: run npm ci in test-tools (.ci/run does)";
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(reason);
            }
            Assumptions.abort(reason);
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        dynalite = new ProcessBuilder("node", DYNALITE.toString(), "--port", String.valueOf(port), "--createTableMs", "0")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        waitForPort(port);
        client = DynamoDbAsyncClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).build();
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
            dynalite.destroy();
            dynalite.waitFor(10, TimeUnit.SECONDS);
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

    private static void waitForPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("dynalite did not start");
    }
}
