package dev.glassbox.lambda.local;

import static dev.glassbox.core.testing.ProtocolClient.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.bedrock.fake.FakeBedrock;
import dev.glassbox.core.testing.ProtocolClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Once the day's spend reaches GLASSBOX_DAILY_BUDGET_USD, questions get budget_exhausted. */
class BudgetTest {

    @Test
    void theDailyBudgetStopsAsksOnceSpent() throws Exception {
        Vertx vertx = Vertx.vertx();
        FakeBedrock bedrock = await(FakeBedrock.start(vertx), Duration.ofSeconds(10));
        LocalGateway gateway = await(LocalGateway.start(vertx, 0,
                FakeBedrockSettings.of(bedrock, Map.of("GLASSBOX_DAILY_BUDGET_USD", "0.00005"))), Duration.ofSeconds(30));
        try (ProtocolClient client = ProtocolClient.connect(vertx, gateway.port(), "/local", FakeBedrockSettings.ORIGIN)) {
            client.ask("first", "What does it cost?");
            List<JsonObject> first = client.untilEnd("first");
            assertThat(first.get(first.size() - 1).getDouble("costUsd")).isGreaterThan(0.00005);
            client.ask("second", "And now?");
            JsonObject refused = client.untilEnd("second").get(0);
            assertThat(refused.getString("code")).isEqualTo("budget_exhausted");
            assertThat(refused.getLong("retryAfterMs")).isPositive();
        } finally {
            await(gateway.close(), Duration.ofSeconds(10));
            await(bedrock.close(), Duration.ofSeconds(10));
            await(vertx.close(), Duration.ofSeconds(10));
        }
    }
}
