package dev.glassbox.server.http;

import dev.glassbox.core.guard.ClientCounts;
import dev.glassbox.core.guard.ConnectionGuard;
import dev.glassbox.core.guard.LogThrottle;
import dev.glassbox.core.guard.OriginPolicy;
import dev.glassbox.core.guard.PartlyReceived;
import dev.glassbox.core.guard.ReadBudget;
import dev.glassbox.core.guard.WebSocketGuard;
import dev.glassbox.core.log.Log;
import dev.glassbox.core.pipeline.AnswerPipeline;
import dev.glassbox.core.protocol.ErrorCode;
import dev.glassbox.core.protocol.EventEncoder;
import dev.glassbox.core.protocol.ProtocolLimits;
import dev.glassbox.core.protocol.ServerEvent;
import dev.glassbox.server.metrics.ServerMetrics;
import io.netty.channel.Channel;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * {@code /ws}: checks the origin during the handshake, caps the number of open sockets, in all and
 * per client address, guards each socket ({@link WebSocketGuard}), then speaks protocol v1 on it. Knows every open socket, so it can shut them down gracefully.
 */
public final class WebSocketEndpoint implements Handler<RoutingContext> {
    private static final Logger LOG = Logger.getLogger(WebSocketEndpoint.class.getName());
    private static final long SHUTDOWN_POLL_MS = 50;
    private static final long CLOSE_WAIT_MS = 2_000;
    /** An Origin header may hold 8 KB: the log keeps enough to recognise it. */
    private static final int LOGGED_ORIGIN_CHARS = 100;

    private final Vertx vertx;
    private final AnswerPipeline pipeline;
    private final OriginPolicy origins;
    private final SocketSettings settings;
    private final ServerMetrics metrics;
    private final ConnectionGuard httpConnections;
    private final EventEncoder encoder = new EventEncoder();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicInteger open = new AtomicInteger();
    private final ClientCounts perClient;
    /** A line per rejected handshake wrote 15 MB of log a second from one address, pipelining requests. */
    private final LogThrottle rejectedOrigins = new LogThrottle(Duration.ofSeconds(10));
    /**
     * A client makes a socket fail at will (a frame that breaks the framing: 500 sockets wrote 137 KB of log in a
     * second from one address), or stop reading: each kind logs a line every 10 s at most, with the count.
     */
    private final LogThrottle socketErrors = new LogThrottle(Duration.ofSeconds(10));
    private final LogThrottle slowReaders = new LogThrottle(Duration.ofSeconds(10));
    private final Set<LiveSocket> sockets = ConcurrentHashMap.newKeySet();
    /** The keep-alive checks of each event loop's sockets, by event loop thread (so at most as many as event loops). */
    private final Map<Thread, KeepAlives> keepAlives = new ConcurrentHashMap<>();
    /** What each event loop's sockets may hold of messages partly received, by event loop thread. */
    private final Map<Thread, ReadBudget> readBudgets = new ConcurrentHashMap<>();

    /** @param httpConnections told when each socket closes: it counts the connection the socket was upgraded from */
    public WebSocketEndpoint(Vertx vertx, AnswerPipeline pipeline, OriginPolicy origins, SocketSettings settings,
                             ServerMetrics metrics, ConnectionGuard httpConnections) {
        this.vertx = vertx;
        this.httpConnections = httpConnections;
        this.pipeline = pipeline;
        this.origins = origins;
        this.settings = settings;
        this.metrics = metrics;
        this.perClient = new ClientCounts(settings.maxSocketsPerIp());
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (!origins.allows(origin, request.getHeader(HttpHeaders.HOST))) {
            long rejected = rejectedOrigins.due(1);
            if (rejected > 0) {
                Log.info(LOG, "websocket origin rejected", "origin", origin == null ? null
                        : origin.substring(0, Math.min(origin.length(), LOGGED_ORIGIN_CHARS)), "rejected", rejected);
            }
            ctx.response().setStatusCode(403).end("This origin may not open a WebSocket here.");
            return;
        }
        String client = request.remoteAddress() == null ? "unknown" : request.remoteAddress().host();
        HttpConnection connection = request.connection();
        request.toWebSocket().onSuccess(socket -> serve(socket, client, connection)).onFailure(e -> {
            if (!ctx.response().ended()) {
                ctx.response().setStatusCode(400).end("Expected a WebSocket upgrade.");
            }
        });
    }

    private void serve(ServerWebSocket socket, String client, HttpConnection connection) {
        socket.closeHandler(v -> httpConnections.closed(connection)); // a refused socket's, replaced if it is served
        String connectionId = "c" + connections.incrementAndGet();
        if (open.incrementAndGet() > settings.maxSockets()) {
            open.decrementAndGet();
            refuse(socket, "The server has reached its limit of " + settings.maxSockets()
                    + " connections; try again in a minute.");
            return;
        }
        if (!perClient.tryAcquire(client)) {
            open.decrementAndGet();
            refuse(socket, "Your address already holds " + perClient.maxPerClient()
                    + " connections, the limit; close one or try again in a minute.");
            return;
        }
        // Vert.x offers no public way to the channel (its web router wraps the socket); the connection it was
        // upgraded from is a Vert.x ConnectionBase, which the pinned version's tests exercise.
        Channel channel = ((ConnectionBase) connection).channel();
        LiveSocket live = new LiveSocket(socket, channel, connectionId, settings, slowReaders);
        PartlyReceived.watch(channel, readBudgets.computeIfAbsent(Thread.currentThread(),
                thread -> new ReadBudget(settings.loopReadBudgetBytes())).holder(live::evict));
        WebSocketGuard guard = WebSocketGuard.install(socket, live::close, ProtocolLimits.MAX_FRAME_BYTES, () -> {
            metrics.error(ErrorCode.TOO_LARGE);
            live.send(encoder.encode(new ServerEvent.Error(ErrorCode.TOO_LARGE, "A message was larger than "
                    + ProtocolLimits.MAX_FRAME_BYTES / 1024 + " KB and was dropped.", false, null), null, null));
        }, null, live);
        // The socket itself is the sink, not a lambda around it: one object fewer on every frame's way.
        live.attach(pipeline.connect(live, connectionId, client), keepAlives.computeIfAbsent(Thread.currentThread(),
                thread -> new KeepAlives(vertx, settings.pingIntervalMs(), settings.loopWriteBudgetBytes())));
        sockets.add(live);
        metrics.socketOpened();
        // One error per socket at most: a socket closed with frames still queued fails each of them, which wrote
        // up to 14 lines for each socket of a flood; and our own close failing those writes is no error of note.
        boolean[] counted = {false};
        socket.exceptionHandler(e -> {
            guard.failed(e);
            if (!counted[0] && !(e instanceof HttpClosedException)) {
                counted[0] = true;
                long errors = socketErrors.due(1);
                if (errors > 0) {
                    Log.info(LOG, "websocket error", "connectionId", connectionId, "error", String.valueOf(e),
                            "socketsWithErrorsSinceLastLine", errors);
                }
            }
        });
        socket.closeHandler(v -> {
            sockets.remove(live);
            open.decrementAndGet();
            perClient.release(client);
            metrics.socketClosed();
            live.closed();
            live.connection().onClose();
            httpConnections.closed(connection);
        });
    }

    private void refuse(ServerWebSocket socket, String message) {
        metrics.error(ErrorCode.BUSY);
        socket.writeTextMessage(encoder.encode(new ServerEvent.Error(ErrorCode.BUSY, message, true, 60_000L),
                null, null));
        socket.close(LiveSocket.TRY_AGAIN_LATER, "Too many connections.");
    }

    /**
     * Lets running answers finish for up to {@code graceMs}, cancels the rest (each still ends with
     * its {@code done}), then closes every socket with 1001.
     */
    public Future<Void> shutdown(long graceMs) {
        pipeline.drain();
        Promise<Void> finished = Promise.promise();
        long deadline = System.currentTimeMillis() + graceMs;
        waitForAnswers(deadline, finished);
        return finished.future();
    }

    private void waitForAnswers(long deadline, Promise<Void> finished) {
        boolean busy = sockets.stream().anyMatch(s -> s.connection().runningAnswers() > 0);
        if (busy && System.currentTimeMillis() < deadline) {
            vertx.setTimer(SHUTDOWN_POLL_MS, t -> waitForAnswers(deadline, finished));
            return;
        }
        List<Future<Void>> closing = new ArrayList<>();
        for (LiveSocket live : sockets) {
            Promise<Void> closed = Promise.promise();
            live.connection().context().runOnContext(v -> {
                // Cancelling writes each answer's done before the close frame, in order, on this socket.
                live.connection().cancelAll();
                live.close(LiveSocket.GOING_AWAY, "The server is shutting down.").onComplete(x -> closed.tryComplete());
            });
            closing.add(closed.future());
        }
        // A client that never answers the close frame does not hold the shutdown up for long.
        vertx.setTimer(CLOSE_WAIT_MS, t -> finished.tryComplete());
        Future.join(closing).onComplete(x -> finished.tryComplete());
    }
}
