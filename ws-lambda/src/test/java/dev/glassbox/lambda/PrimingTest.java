package dev.glassbox.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.feedback.MemoryFeedbackStore;
import org.junit.jupiter.api.Test;

/** SnapStart's checkpoint hook runs a whole answer without touching the network, and restore reseeds ids. */
class PrimingTest {

    @Test
    void primingRunsTheHotPathsOffline() throws Exception {
        Container container = new Container(OfflineSettings.create(), new MemoryStateStore(),
                new MemoryFeedbackStore(100, 100));
        container.prime(); // fails if the answer does not reach its done
        new Priming(container.vertx).afterRestore(null);
        assertThat(container.vertx.close().toCompletionStage().toCompletableFuture().get()).isNull();
    }
}
