package dev.glassbox.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** SnapStart's checkpoint hook runs a whole answer without touching the network, and restore reseeds ids. */
class PrimingTest {

    @Test
    void primingRunsTheHotPathsOffline() throws Exception {
        Container container = new Container(LambdaSettings.fromEnvironment(Map.of(
                "GLASSBOX_CONNECTIONS_ENDPOINT", "http://127.0.0.1:9",
                "GLASSBOX_WORKER_FUNCTION", "worker",
                "GLASSBOX_KB_ID", "KB12345678",
                "GLASSBOX_BEDROCK_AGENT_RUNTIME_ENDPOINT", "http://127.0.0.1:9",
                "GLASSBOX_BEDROCK_RUNTIME_ENDPOINT", "http://127.0.0.1:9")), new MemoryStateStore());
        container.prime(); // fails if the answer does not reach its done
        new Priming(container.vertx).afterRestore(null);
        assertThat(container.vertx.close().toCompletionStage().toCompletableFuture().get()).isNull();
    }
}
