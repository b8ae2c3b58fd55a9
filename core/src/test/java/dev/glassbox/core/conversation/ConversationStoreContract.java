package dev.glassbox.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.agent.ConversationTurn;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What every conversation store does, in memory or in DynamoDB alike; time is the test's own clock. */
public abstract class ConversationStoreContract {
    private final AtomicLong clock = new AtomicLong(1_800_000_000_000L);
    private ConversationStore store;

    /** A store reading the time from {@code clock}. */
    protected abstract ConversationStore store(LongSupplier clock);

    private ConversationStore store() {
        if (store == null) {
            store = store(clock::get);
        }
        return store;
    }

    private static String newSession() {
        return "s-" + System.nanoTime();
    }

    @Test
    void aStartedConversationHasNoTurnsAndAnIdNeverStartedHasNoConversation() {
        String session = newSession();
        store().open(session);
        assertThat(store().turns(session)).contains(List.of());
        assertThat(store().turns("s-never-opened")).isEmpty();
    }

    @Test
    void turnsComeBackOldestFirstAndOnlyTheNewestAreKept() {
        String session = newSession();
        store().open(session);
        IntStream.rangeClosed(1, ConversationStore.MAX_TURNS + 2).forEach(i -> {
            clock.addAndGet(1_000);
            store().append(session, new ConversationTurn("question " + i, "answer " + i));
        });
        List<ConversationTurn> turns = store().turns(session).orElseThrow();
        assertThat(turns).hasSize(ConversationStore.MAX_TURNS);
        assertThat(turns.get(0).question()).isEqualTo("question 3");
        assertThat(turns.get(turns.size() - 1)).isEqualTo(new ConversationTurn("question 8", "answer 8"));
    }

    @Test
    void aTurnForAnIdNeverStartedIsNotKept() {
        String guessed = newSession();
        store().append(guessed, new ConversationTurn("q", "a"));
        assertThat(store().turns(guessed)).isEmpty();
    }

    @Test
    void conversationsNeverSeeEachOthersTurns() {
        String mine = newSession();
        String theirs = mine + "x";
        store().open(mine);
        store().open(theirs);
        store().append(mine, new ConversationTurn("mine", "a"));
        assertThat(store().turns(theirs)).contains(List.of());
        assertThat(store().turns(mine).orElseThrow()).extracting(ConversationTurn::question).containsExactly("mine");
    }

    @Test
    void aConversationExpiresAfterItsLastTurnAndThenTakesNoMore() {
        String session = newSession();
        store().open(session);
        store().append(session, new ConversationTurn("q", "a"));
        clock.addAndGet(ConversationStore.EXPIRY_MS - 2_000);
        assertThat(store().turns(session).orElseThrow()).hasSize(1);
        clock.addAndGet(4_000);
        assertThat(store().turns(session)).isEmpty();
        store().append(session, new ConversationTurn("late", "a"));
        assertThat(store().turns(session)).isEmpty();
    }

    @Test
    void eachTurnExpiresOnItsOwnWhileTheConversationGoesOn() {
        String session = newSession();
        store().open(session);
        store().append(session, new ConversationTurn("early", "a"));
        clock.addAndGet(ConversationStore.EXPIRY_MS * 2 / 3);
        store().append(session, new ConversationTurn("later", "a"));
        clock.addAndGet(ConversationStore.EXPIRY_MS / 2);
        assertThat(store().turns(session).orElseThrow()).extracting(ConversationTurn::question).containsExactly("later");
    }

    @Test
    void aLongAnswerIsKeptCut() {
        String session = newSession();
        store().open(session);
        store().append(session, new ConversationTurn("q", "x".repeat(ConversationStore.MAX_ANSWER_CHARS * 2)));
        String answer = store().turns(session).orElseThrow().get(0).answer();
        assertThat(answer).hasSize(ConversationStore.MAX_ANSWER_CHARS).endsWith("…");
    }
}
