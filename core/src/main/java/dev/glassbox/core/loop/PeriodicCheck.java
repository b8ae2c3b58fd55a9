package dev.glassbox.core.loop;

import io.vertx.core.Vertx;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The members one event loop checks on a schedule (answers for their timeout, sockets for their
 * keep-alive), checked together by one periodic timer that runs only while there are members. A timer
 * for each member would be two trips through the loop's scheduled-task queue per member, and a
 * thousand of them make that queue, which every token's timer goes through too, deeper. Used on its
 * event loop's thread only.
 */
public final class PeriodicCheck<T> {
    private final Vertx vertx;
    private final long everyMs;
    private final Consumer<Set<T>> check;
    private final Set<T> members = new LinkedHashSet<>();
    private long timer = -1;

    /**
     * Checks often enough for a limit of {@code limitMs}: four times within it, at most once a second, so
     * a member is checked at most a quarter of its limit, or one second, late. {@code check} gets the
     * members in the order they were added and may remove some.
     */
    public static <T> PeriodicCheck<T> within(Vertx vertx, long limitMs, Consumer<Set<T>> check) {
        return new PeriodicCheck<>(vertx, Math.max(1, Math.min(1_000, limitMs / 4)), check);
    }

    private PeriodicCheck(Vertx vertx, long everyMs, Consumer<Set<T>> check) {
        this.vertx = vertx;
        this.everyMs = everyMs;
        this.check = check;
    }

    public void add(T member) {
        members.add(member);
        if (timer < 0) {
            timer = vertx.setPeriodic(everyMs, t -> checkAll());
        }
    }

    public void remove(T member) {
        members.remove(member);
    }

    /** The members now, in the order they were added, for a check made between ticks. */
    public Set<T> members() {
        return Collections.unmodifiableSet(members);
    }

    private void checkAll() {
        check.accept(members);
        if (members.isEmpty()) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
