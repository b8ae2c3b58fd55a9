package dev.glassbox.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.agent.ConversationTurn;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class MemoryConversationStoreTest extends ConversationStoreContract {

    @Override
    protected ConversationStore store(LongSupplier clock) {
        return new MemoryConversationStore(100, 10_000, 1_000_000, clock);
    }

    @Test
    void pastItsCharacterBoundAConversationDropsItsOldestTurnsButKeepsTheNewest() {
        MemoryConversationStore store = new MemoryConversationStore(100, 100, 1_000_000, System::currentTimeMillis);
        store.open("s-1");
        store.append("s-1", new ConversationTurn("first", "a".repeat(40)));
        store.append("s-1", new ConversationTurn("second", "a".repeat(40)));
        assertThat(store.turns("s-1").orElseThrow()).extracting(ConversationTurn::question)
                .containsExactly("first", "second");
        store.append("s-1", new ConversationTurn("third", "a".repeat(40)));
        assertThat(store.turns("s-1").orElseThrow()).extracting(ConversationTurn::question)
                .containsExactly("second", "third");
        store.append("s-1", new ConversationTurn("huge", "a".repeat(500)));
        assertThat(store.turns("s-1").orElseThrow()).extracting(ConversationTurn::question).containsExactly("huge");
    }

    @Test
    void pastTheConversationBoundTheLeastRecentlyActiveGoesFirst() {
        AtomicLong clock = new AtomicLong(1_000);
        MemoryConversationStore store = new MemoryConversationStore(2, 10_000, 1_000_000, clock::get);
        store.open("s-a");
        store.open("s-b");
        clock.addAndGet(10);
        store.append("s-a", new ConversationTurn("q", "a")); // s-a is now the more recent
        store.open("s-c");
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.turns("s-b")).isEmpty();
        assertThat(store.turns("s-a")).isPresent();
        assertThat(store.turns("s-c")).isPresent();
    }

    @Test
    void pastTheCharacterBudgetInAllTheLeastRecentlyActiveGoesFirst() {
        MemoryConversationStore store = new MemoryConversationStore(100, 10_000, 250, System::currentTimeMillis);
        for (String session : new String[] {"s-a", "s-b", "s-c"}) {
            store.open(session);
            store.append(session, new ConversationTurn("q", "a".repeat(99)));
        }
        assertThat(store.turns("s-a")).isEmpty();
        assertThat(store.turns("s-b")).isPresent();
        assertThat(store.turns("s-c")).isPresent();
    }

    @Test
    void clientsOpeningConversationAfterConversationPushOutTheirOwnFirst() {
        AtomicLong clock = new AtomicLong(1_000);
        MemoryConversationStore store = new MemoryConversationStore(100, 10_000, 1_000_000, clock::get);
        store.open("s-visitor", "203.0.113.7");
        store.append("s-visitor", new ConversationTurn("How do I deploy it?", "With cdktf deploy."));
        store.open("s-colleague", "203.0.113.7"); // a second visitor behind the same address
        // 24 addresses ask without a session id, again and again: 1,980 conversations for 100 places.
        for (int i = 0; i < 1_980; i++) {
            clock.incrementAndGet();
            store.open("s-churn-" + i, "198.51.100." + i % 24);
            store.append("s-churn-" + i, new ConversationTurn("q", "a"));
        }
        assertThat(store.size()).isEqualTo(100);
        assertThat(store.turns("s-visitor")).as("the visitor's follow-up keeps its context").isPresent();
        assertThat(store.turns("s-colleague")).isPresent();
        assertThat(store.turns("s-churn-1979")).as("each churning address keeps its newest").isPresent();
        assertThat(store.turns("s-churn-0")).isEmpty();
    }

    @Test
    void oneIpv6NetworkChurningFromEveryAddressPushesOutItsOwnFirst() {
        AtomicLong clock = new AtomicLong(1_000);
        MemoryConversationStore store = new MemoryConversationStore(100, 10_000, 1_000_000, clock::get);
        store.open("s-visitor", "203.0.113.7");
        store.open("s-colleague", "203.0.113.7");
        // a new address of its /64 for each question: keyed per address, each would hold fewer than the visitor
        for (int i = 0; i < 1_980; i++) {
            clock.incrementAndGet();
            store.open("s-churn-" + i, "2001:db8:1:2::" + Integer.toHexString(i + 1));
        }
        assertThat(store.size()).isEqualTo(100);
        assertThat(store.turns("s-visitor")).isPresent();
        assertThat(store.turns("s-colleague")).isPresent();
    }

    @Test
    void oneClientAloneMayFillTheStoreAndKeepsItsMostRecentlyActive() {
        AtomicLong clock = new AtomicLong(1_000);
        MemoryConversationStore store = new MemoryConversationStore(3, 10_000, 1_000_000, clock::get);
        for (String session : new String[] {"s-a", "s-b", "s-c"}) {
            clock.incrementAndGet();
            store.open(session, "192.0.2.1");
        }
        clock.incrementAndGet();
        store.append("s-a", new ConversationTurn("q", "a"));
        store.open("s-d", "192.0.2.1");
        assertThat(store.turns("s-b")).isEmpty();
        assertThat(store.size()).isEqualTo(3);
    }

    @Test
    void expiredConversationsAreDroppedNotJustHidden() {
        AtomicLong clock = new AtomicLong(1_000);
        MemoryConversationStore store = new MemoryConversationStore(100, 10_000, 1_000_000, clock::get);
        store.open("s-old");
        clock.addAndGet(ConversationStore.EXPIRY_MS);
        store.open("s-new");
        assertThat(store.size()).isEqualTo(1);
    }
}
