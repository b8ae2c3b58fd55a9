package dev.glassbox.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.conversation.MemoryConversationStore;
import dev.glassbox.core.feedback.FeedbackStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cloud path counts an IPv6 client by its /64, as the local server does (ClientKey). */
class RoutesClientKeyTest {
    private final Routes routes = new Routes(OfflineSettings.create(), new MemoryStateStore(),
            (FeedbackStore) null, null, null, new EmfMetrics(System.out), new MemoryConversationStore());

    @Test
    void theAddressesOfOneIpv6NetworkShareOneConnectionRate() {
        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 1; i <= Routes.CONNECT_BURST + 1; i++) {
            statuses.add(routes.connect("c" + i, "http://localhost:8080", "2001:db8:1:2::" + Integer.toHexString(i)));
        }
        assertThat(statuses.subList(0, Routes.CONNECT_BURST)).containsOnly(200);
        assertThat(statuses.get(Routes.CONNECT_BURST)).as("a new address of the same /64").isEqualTo(429);
        assertThat(routes.connect("other", "http://localhost:8080", "2001:db8:1:3::1")).isEqualTo(200);
    }
}
