package dev.glassbox.core.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadBudgetTest {
    private final List<String> evicted = new ArrayList<>();
    private final ReadBudget budget = new ReadBudget(100);

    private ReadBudget.Holder holder(String name) {
        return budget.holder(() -> evicted.add(name));
    }

    /** Bytes of a read that stay unfinished once it was decoded. */
    private static void holds(ReadBudget.Holder holder, long bytes) {
        holder.received(bytes);
        holder.checked();
    }

    @Test
    void pastTheBudgetTheSocketsThatHeldTheLongestAreClosedFirstNotTheNewcomer() {
        ReadBudget.Holder oldest = holder("oldest");
        ReadBudget.Holder older = holder("older");
        ReadBudget.Holder newcomer = holder("newcomer");
        holds(oldest, 40);
        holds(older, 40);
        holds(oldest, 10); // holding more keeps its place in line
        assertThat(evicted).isEmpty();
        holds(newcomer, 30); // 120 held: the oldest goes, and the rest fit
        assertThat(evicted).containsExactly("oldest");
        assertThat(budget.held()).isEqualTo(70);
    }

    @Test
    void aSocketWhoseMessageEndedJoinsTheEndOfTheLineWhenItHoldsAgain() {
        ReadBudget.Holder first = holder("first");
        ReadBudget.Holder second = holder("second");
        holds(first, 30);
        holds(second, 30);
        first.received(20);
        first.settled(50); // its message ended
        first.checked();
        holds(first, 30);
        assertThat(budget.held()).isEqualTo(60);
        holds(holder("third"), 50);
        assertThat(evicted).containsExactly("second");
    }

    @Test
    void whatASocketHeldIsFreedWhenItClosesAndSettlingNeverGoesBelowZero() {
        ReadBudget.Holder leaving = holder("leaving");
        holds(leaving, 90);
        leaving.left();
        holds(leaving, 50); // a read after the close counts nothing
        assertThat(budget.held()).isZero();
        ReadBudget.Holder handshake = holder("handshake");
        handshake.settled(20); // frames sent with the handshake reach the decoder uncounted
        holds(handshake, 100);
        assertThat(budget.held()).isEqualTo(100);
        assertThat(evicted).isEmpty();
    }
}
