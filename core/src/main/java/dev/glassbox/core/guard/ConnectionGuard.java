package dev.glassbox.core.guard;

import dev.glassbox.core.log.Log;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Caps open HTTP connections, in all and per client address, and closes a connection that does
 * not finish sending its request headers in time: Vert.x has no header-read timeout, and a
 * slowloris client sending a byte now and then never looks idle. One guard serves every event loop
 * of a server; the local server and the local API Gateway each have one.
 */
public final class ConnectionGuard implements Handler<HttpConnection> {
    private static final Logger LOG = Logger.getLogger(ConnectionGuard.class.getName());

    private final Vertx vertx;
    private final int maxConnections;
    private final long headerTimeoutMs;
    private final AtomicInteger open = new AtomicInteger();
    private final ClientCounts perClient;
    /** Open connections → their client address; at most {@code maxConnections}. */
    private final Map<HttpConnection, String> admitted = new ConcurrentHashMap<>();
    /** A client opening connections in a loop would otherwise log a line for each, as fast as it can connect. */
    private final LogThrottle refusals = new LogThrottle(Duration.ofSeconds(10));
    /** Connections waiting for request headers → their deadline timer. */
    private final Map<HttpConnection, Long> waiting = new ConcurrentHashMap<>();

    /**
     * @param maxConnections open connections, WebSockets included; one more is closed at once
     * @param maxConnectionsPerIp open connections from one client address
     * @param headerTimeoutMs a connection whose request headers have not all arrived this long after it
     *     opened, or after its last response, is closed
     */
    public ConnectionGuard(Vertx vertx, int maxConnections, int maxConnectionsPerIp, long headerTimeoutMs) {
        this.vertx = vertx;
        this.maxConnections = maxConnections;
        this.headerTimeoutMs = headerTimeoutMs;
        this.perClient = new ClientCounts(maxConnectionsPerIp);
    }

    @Override
    public void handle(HttpConnection connection) {
        String client = connection.remoteAddress() == null ? "unknown" : connection.remoteAddress().host();
        if (open.incrementAndGet() > maxConnections || !perClient.tryAcquire(client)) {
            open.decrementAndGet();
            refused(client);
            connection.close();
            return;
        }
        admitted.put(connection, client);
        connection.closeHandler(v -> closed(connection));
        awaitHeaders(connection);
    }

    /** Logs a refusal, at most one line every 10 s, with the count since the last. */
    private void refused(String client) {
        long refused = refusals.due(1);
        if (refused > 0) {
            Log.info(LOG, "connection refused: too many open", "client", client, "refused", refused);
        }
    }

    /**
     * Gives back what an admitted connection held; a second call changes nothing. Vert.x calls no close handler
     * of a connection that was upgraded to a WebSocket, so whoever upgrades one calls this when the socket closes.
     */
    public void closed(HttpConnection connection) {
        String client = admitted.remove(connection);
        if (client != null) {
            open.decrementAndGet();
            perClient.release(client);
        }
        stopWaiting(connection);
    }

    /** Wraps the server's request handler: headers have arrived; the next request's wait starts after this response. */
    public Handler<HttpServerRequest> around(Handler<HttpServerRequest> next) {
        return request -> {
            HttpConnection connection = request.connection();
            stopWaiting(connection);
            // An upgraded WebSocket sends no more requests; pings and the idle timeout watch it.
            if (!request.headers().contains(HttpHeaders.UPGRADE)) {
                request.response().endHandler(v -> awaitHeaders(connection));
            }
            next.handle(request);
        };
    }

    private void awaitHeaders(HttpConnection connection) {
        long timer = vertx.setTimer(headerTimeoutMs, t -> {
            if (waiting.remove(connection) != null) {
                connection.close();
            }
        });
        Long previous = waiting.put(connection, timer);
        if (previous != null) {
            vertx.cancelTimer(previous);
        }
    }

    private void stopWaiting(HttpConnection connection) {
        Long timer = waiting.remove(connection);
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
    }
}
