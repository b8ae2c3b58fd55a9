package dev.glassbox.lambda.local;

import static dev.glassbox.core.testing.ProtocolClient.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.bedrock.fake.FakeBedrock;
import dev.glassbox.core.testing.ProtocolClient;
import dev.glassbox.core.testing.ProtocolConformance;
import dev.glassbox.core.testing.RawWebSocket;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Protocol v1 against the route handler and stream worker behind the local API Gateway, with the fake Bedrock. */
class LambdaConformanceTest extends ProtocolConformance {
    private static final AtomicInteger VISITORS = new AtomicInteger(10);
    private static FakeBedrock bedrock;
    private static LocalGateway gateway;
    /**
     * Each test is another visitor, from an address of its own: the route handler lets one address open 10
     * connections and then one every 6 s, which this suite, run quickly, would exceed from one address.
     */
    private final String visitor = "127.0.0." + VISITORS.incrementAndGet();

    @BeforeAll
    static void startGateway() throws Exception {
        bedrock = await(FakeBedrock.start(clients), Duration.ofSeconds(10));
        gateway = await(LocalGateway.start(clients, 0, FakeBedrockSettings.of(bedrock, Map.of())), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopGateway() throws Exception {
        await(gateway.close(), Duration.ofSeconds(10));
        await(bedrock.close(), Duration.ofSeconds(10));
    }

    /**
     * A cancel is a flag its worker reads, kept 10 minutes: an ask that reuses the cancelled answer's id is refused,
     * where the flag would stop the new answer too, and a visitor saw it end "cancelled" without asking.
     */
    @Test
    void anAskReusingTheIdOfACancelledAnswerIsRefusedNotStoppedByThatCancel() throws Exception {
        try (ProtocolClient client = connect()) {
            List<JsonObject> first = askAndCancel(client, "conf-again");
            assertThat(first.get(first.size() - 1).getString("stopReason")).isEqualTo("cancelled");
            client.ask("conf-again", question());
            JsonObject refused = client.next();
            assertThat(refused.getString("type")).as(refused.encode()).isEqualTo("error");
            assertThat(refused.getString("code")).isEqualTo("bad_request");
            assertThat(refused.getString("message")).contains("use a new id for each question");
            client.ask("conf-fresh-id", question());
            List<JsonObject> fresh = client.untilEnd("conf-fresh-id");
            assertThat(fresh.get(fresh.size() - 1).getString("stopReason")).isEqualTo("complete");
        }
    }

    @Override
    protected ProtocolClient open() throws Exception {
        return ProtocolClient.connectFrom(clients, visitor, gateway.port(), "/local", FakeBedrockSettings.ORIGIN);
    }

    @Override
    protected RawWebSocket openRaw() throws Exception {
        return RawWebSocket.connect(visitor, gateway.port(), "/local", FakeBedrockSettings.ORIGIN);
    }

    @Override
    protected String question() {
        return "How much does Glassbox cost?";
    }

    @Override
    protected String slowQuestion() {
        return "scenario:rag-long conformance";
    }
}
