package dev.glassbox.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The DynamoDB store through the real SDK client against dynalite, a real DynamoDB implementation
 * (npm, installed in test-tools by .ci/run) started by the test.
 */
class DynamoStateStoreTest extends StateStoreContract {
    private static Dynalite dynalite;
    private static DynamoStateStore store;

    @BeforeAll
    static void start() throws Exception {
        dynalite = Dynalite.startWithTable();
        store = new DynamoStateStore(dynalite.client, Dynalite.TABLE);
    }

    @AfterAll
    static void stop() throws InterruptedException {
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
        store.flag("c-ttl", "a", StateStore.Flag.CANCEL);
        store.keepFinalEvent("s-ttl", "a", "{}");
        store.addSpend(0.1);
        store.tryAsk("ttl", 5, 1_000);
        store.answerStarted("c-ttl", "b");
        long now = System.currentTimeMillis() / 1000;
        var items = dynalite.client.scan(s -> s.tableName(Dynalite.TABLE)).join().items();
        assertThat(items).isNotEmpty().allSatisfy(item -> assertThat(Long.parseLong(item.get(DynamoStateStore.TTL).n()))
                .as("expiresAt of %s", item.get("pk").s()).isGreaterThan(now));
    }
}
