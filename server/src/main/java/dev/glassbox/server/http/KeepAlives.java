package dev.glassbox.server.http;

import dev.glassbox.core.loop.PeriodicCheck;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Set;

/**
 * The keep-alive checks (ping, idle close) of every socket one event loop serves, made by one
 * {@link PeriodicCheck} for all of them instead of a timer for each. Each socket is still checked on
 * its own schedule, within one tick of it. Used on its event loop's thread only.
 */
final class KeepAlives {
    private final PeriodicCheck<LiveSocket> sockets;

    KeepAlives(Vertx vertx, long pingIntervalMs) {
        this.sockets = PeriodicCheck.within(vertx, pingIntervalMs, KeepAlives::keepAliveIfDue);
    }

    void add(LiveSocket socket) {
        sockets.add(socket);
    }

    void remove(LiveSocket socket) {
        sockets.remove(socket);
    }

    private static void keepAliveIfDue(Set<LiveSocket> all) {
        long now = System.currentTimeMillis();
        // A check may close its socket, which removes it: check a copy.
        for (LiveSocket socket : new ArrayList<>(all)) {
            socket.keepAliveIfDue(now);
        }
    }
}
