package dev.glassbox.server.local;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that plan local answers, one per core, first come first served: a burst of questions is worked
 * through in order, so the first get their answers while the last wait, instead of all sharing the CPU and all
 * finishing late. Vert.x's worker queue has no limit of its own, so this one counts what it hands over: at most
 * {@code limit} tasks wait or run, and one more is refused at once ({@link Full}) instead of growing the queue.
 */
final class Planners {
    /** Tasks that may wait or run at once: three bursts of 300 questions; the last waits seconds, not minutes. */
    static final int LIMIT = 1_000;

    /** Refused because {@code limit} tasks are already waiting or running; asking again later may succeed. */
    static final class Full extends RuntimeException {
        Full(int limit) {
            super(limit + " tasks are already waiting for the planners");
        }
    }

    private final WorkerExecutor threads;
    private final int limit;
    /** Tasks handed to {@link #threads} that have not finished yet. */
    private final AtomicInteger admitted = new AtomicInteger();

    Planners(Vertx vertx, String name, int threads, int limit) {
        this.threads = vertx.createSharedWorkerExecutor(name, threads);
        this.limit = limit;
    }

    /** Runs {@code work} on a planner thread, its result reported on the caller's context; fails with {@link Full}. */
    <T> Future<T> submit(Callable<T> work) {
        if (admitted.incrementAndGet() > limit) {
            admitted.decrementAndGet();
            return Future.failedFuture(new Full(limit));
        }
        return threads.executeBlocking(() -> {
            try {
                return work.call();
            } finally {
                admitted.decrementAndGet();
            }
        }, false);
    }

    /**
     * Runs {@code then} on the caller's context once the planners have taken up every task submitted before this
     * call; at once if the queue is full, so what waits on it is never held back without end.
     */
    void afterWaiting(Runnable then) {
        submit(() -> null).onComplete(taken -> then.run());
    }

    /** Tasks waiting or running now. */
    int admitted() {
        return admitted.get();
    }
}
