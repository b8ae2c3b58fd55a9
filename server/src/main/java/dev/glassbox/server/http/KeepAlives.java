package dev.glassbox.server.http;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The keep-alive checks (ping, idle close) of every socket one event loop serves, made by one
 * periodic timer for all of them instead of a timer for each: a thousand sockets' timers make the
 * event loop's scheduled-task queue, which every token's timer goes through, deeper. Each socket is
 * still checked on its own schedule, within one tick of it. Used on its event loop's thread only.
 */
final class KeepAlives {
    private final Vertx vertx;
    private final long tickMs;
    private final Set<LiveSocket> sockets = new LinkedHashSet<>();
    private long timer = -1;

    KeepAlives(Vertx vertx, long pingIntervalMs) {
        this.vertx = vertx;
        this.tickMs = Math.max(1, Math.min(1_000, pingIntervalMs / 4));
    }

    void add(LiveSocket socket) {
        sockets.add(socket);
        if (timer < 0) {
            timer = vertx.setPeriodic(tickMs, t -> tick());
        }
    }

    void remove(LiveSocket socket) {
        sockets.remove(socket);
    }

    private void tick() {
        long now = System.currentTimeMillis();
        // A check may close its socket, which removes it: check a copy.
        for (LiveSocket socket : new ArrayList<>(sockets)) {
            socket.keepAliveIfDue(now);
        }
        if (sockets.isEmpty()) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
