package dev.glassbox.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemoryStateStoreTest extends StateStoreContract {
    private final MemoryStateStore store = new MemoryStateStore();

    @Override
    StateStore store() {
        return store;
    }

    @Test
    void aFloodOfAnswersAndClientsKeepsAtMostTheCapacityOfEachKind() {
        AtomicLong clock = new AtomicLong(1_000);
        MemoryStateStore small = new MemoryStateStore(100, clock::get);
        for (int i = 0; i < 10_000; i++) {
            small.tryAsk("ip:" + i, 2, 60_000);
            small.flag("c" + i, "a", StateStore.Flag.CANCEL);
            small.flag("c" + i, "a", StateStore.Flag.KNOWN);
            small.keepFinalEvent("s" + i, "a", "{}");
            small.answerRunning("s" + i, "a", "c" + i);
            small.answerStarted("c" + i, "a");
            small.answerEnded("c" + i, "a");
        }
        assertThat(small.size()).isLessThanOrEqualTo(5 * 100);
        assertThat(small.finalEvent("s9999", "a")).as("the newest stays").contains("{}");
        assertThat(small.finalEvent("s0", "a")).as("the oldest went first").isEmpty();
        assertThat(small.tryAsk("ip:9999", 2, 60_000)).as("a recent client keeps its bucket").isZero();
        assertThat(small.tryAsk("ip:9999", 2, 60_000)).isPositive();
    }

    @Test
    void entriesGoWhenTheirTimeIsUp() {
        AtomicLong clock = new AtomicLong(1_000);
        MemoryStateStore timed = new MemoryStateStore(100, clock::get);
        timed.flag("c1", "a1", StateStore.Flag.CANCEL);
        timed.flag("c1", "a1", StateStore.Flag.KNOWN);
        timed.keepFinalEvent("s1", "a1", "{}");
        timed.answerRunning("s1", "a2", "c1");
        clock.addAndGet(16 * 60_000);
        assertThat(timed.flagged("c1", "a1", StateStore.Flag.CANCEL)).isFalse();
        assertThat(timed.flagged("c1", "a1", StateStore.Flag.KNOWN)).isFalse();
        assertThat(timed.finalEvent("s1", "a1")).isEmpty();
        assertThat(timed.watcher("s1", "a2")).isEmpty();
        timed.flag("c2", "a1", StateStore.Flag.CANCEL); // adding drops what expired
        timed.flag("c2", "a1", StateStore.Flag.KNOWN);
        timed.keepFinalEvent("s2", "a1", "{}");
        timed.answerRunning("s2", "a2", "c2");
        assertThat(timed.size()).isEqualTo(4);
    }

    @Test
    void aConnectionThatLeavesTakesItsRunningCountWithIt() {
        store.answerStarted("gone", "a");
        store.answerStarted("gone", "b");
        store.disconnected("gone");
        assertThat(store.answerStarted("gone", "c")).isEqualTo(1);
    }
}
