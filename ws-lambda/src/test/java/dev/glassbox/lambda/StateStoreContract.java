package dev.glassbox.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What every state store does, in memory or in DynamoDB alike. */
abstract class StateStoreContract {

    abstract StateStore store();

    @Test
    void asksBeyondTheBurstWaitForTheWindow() {
        String key = "ask:" + System.nanoTime();
        assertThat(store().tryAsk(key, 2, 60_000)).isZero();
        assertThat(store().tryAsk(key, 2, 60_000)).isZero();
        assertThat(store().tryAsk(key, 2, 60_000)).isPositive();
        assertThat(store().tryAsk("other" + key, 2, 60_000)).isZero();
    }

    @Test
    void runningAnswersAreCountedPerConnection() {
        String connection = "c" + System.nanoTime();
        assertThat(store().answerStarted(connection, "a")).isEqualTo(1);
        assertThat(store().answerStarted(connection, "b")).isEqualTo(2);
        store().answerEnded(connection, "a");
        assertThat(store().answerStarted(connection, "c")).isEqualTo(2);
        assertThat(store().answerStarted("another" + connection, "a")).isEqualTo(1);
    }

    @Test
    void cancelFlagsBelongToTheirConnection() {
        String connection = "c" + System.nanoTime();
        assertThat(store().cancelRequested(connection, "a")).isFalse();
        store().requestCancel(connection, "a");
        assertThat(store().cancelRequested(connection, "a")).isTrue();
        assertThat(store().cancelRequested("stranger" + connection, "a")).isFalse();
    }

    @Test
    void finalEventsAreKeptPerSessionAndSpendAddsUp() {
        String session = "s-" + System.nanoTime();
        store().keepFinalEvent(session, "q1", "{\"type\":\"done\"}");
        assertThat(store().finalEvent(session, "q1")).contains("{\"type\":\"done\"}");
        assertThat(store().finalEvent("s-other", "q1")).isEmpty();
        double before = store().spentToday();
        store().addSpend(0.25);
        store().addSpend(0.5);
        assertThat(store().spentToday()).isCloseTo(before + 0.75, org.assertj.core.data.Offset.offset(1e-9));
        store().connected("c1", "203.0.113.7");
        store().disconnected("c1");
    }
}
