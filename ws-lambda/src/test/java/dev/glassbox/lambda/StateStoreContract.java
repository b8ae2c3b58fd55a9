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
        assertThat(store().answerRuns(connection, "b")).isTrue();
        assertThat(store().answerRuns(connection, "a")).as("ended").isFalse();
        assertThat(store().answerRuns("stranger" + connection, "b")).as("another connection's").isFalse();
    }

    @Test
    void flagsBelongToTheirConnectionAnswerAndKind() {
        String connection = "c" + System.nanoTime();
        assertThat(store().flagged(connection, "a", StateStore.Flag.CANCEL)).isFalse();
        store().flag(connection, "a", StateStore.Flag.CANCEL);
        assertThat(store().flagged(connection, "a", StateStore.Flag.CANCEL)).isTrue();
        assertThat(store().flagged(connection, "a", StateStore.Flag.KNOWN)).as("another kind").isFalse();
        assertThat(store().flagged(connection, "b", StateStore.Flag.CANCEL)).as("another answer").isFalse();
        assertThat(store().flagged("stranger" + connection, "a", StateStore.Flag.CANCEL)).isFalse();
    }

    @Test
    void aRunningAnswerFollowsTheConnectionThatResumedItUntilItFinishes() {
        String session = "s-" + System.nanoTime();
        assertThat(store().watch(session, "q1", "c2", 3)).as("nothing runs yet").isFalse();
        store().answerRunning(session, "q1", "c1");
        assertThat(store().watcher(session, "q1")).contains(new StateStore.Watcher("c1", -1, 0));
        assertThat(store().watcher("s-other", "q1")).as("another session's answer").isEmpty();

        assertThat(store().watch(session, "q1", "c2", 3)).isTrue();
        assertThat(store().watcher(session, "q1")).contains(new StateStore.Watcher("c2", 3, 1));
        assertThat(store().answerFinished(session, "q1", 0)).as("the worker has not seen the resume yet").isFalse();
        assertThat(store().watcher(session, "q1")).isPresent();

        assertThat(store().answerFinished(session, "q1", 1)).isTrue();
        assertThat(store().watcher(session, "q1")).isEmpty();
        assertThat(store().watch(session, "q1", "c3", 5)).as("a finished answer is resumed from its final event")
                .isFalse();
        assertThat(store().answerFinished(session, "q1", 1)).as("ending twice is harmless").isTrue();
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
